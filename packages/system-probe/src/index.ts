export type {
  CgroupVersion, ContainerFacts, CpuCaches, CpuFacts, DiskFacts, DiskType, FactSource,
  MemoryFacts, SystemProfile, SystemType,
} from './types.js';

/** Package name, for diagnostics. */
export const packageName = '@perf/system-probe';
