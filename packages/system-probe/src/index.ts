export type {
  CgroupVersion, ContainerFacts, CpuCaches, CpuFacts, DiskDevice, DiskFacts, DiskMeasurement, DiskType, FactSource,
  MemoryFacts, SystemProfile, SystemType,
} from './types.js';
export { probeSystem, clearProbeCache } from './probe.js';
export type { ProbeOptions } from './options.js';
export { DEFAULT_MEASURE_DISK_BYTES, DEFAULT_RANDOM_READS, DEFAULT_ROOT_DIR } from './options.js';
export { systemFingerprint, type SystemFingerprint } from './fingerprint.js';
export { SystemProbeError, type SystemProbeErrorCode } from './errors.js';
export {
  classifySystem, effectiveCoresFrom, CPU_CONSTRAINED_BELOW_CORES, HIGH_PERFORMANCE_MIN_BYTES,
  HIGH_PERFORMANCE_MIN_CORES, MEMORY_CONSTRAINED_BELOW_BYTES, type EffectiveCores,
} from './classify.js';
export { classifyDisk } from './disk.js';

/** Package name, for diagnostics. */
export const packageName = '@perf/system-probe';
