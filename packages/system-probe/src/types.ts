/** Where a fact came from. */
export type FactSource = 'cgroup' | 'procfs' | 'sysfs' | 'os' | 'systeminformation' | 'measured' | 'default';

/** A fact that could not be read is `null`, and `unknown[field]` says why. */
export interface CpuCaches {
  /** Per-core L1 data cache, bytes. */
  readonly l1d: number | null;
  readonly l1i: number | null;
  readonly l2: number | null;
  /** L3 as seen by one core (shared size), bytes. */
  readonly l3: number | null;
}

export interface CpuFacts {
  readonly logicalCores: number;
  readonly physicalCores: number | null;
  /** Cores this process may really use: max(1, min(affinity, ceil(cgroup CPU quota))); `effectiveCoresRule` shows the figures. */
  readonly effectiveCores: number;
  /** The unrounded CPU budget (quota / period, or the affinity count), e.g. 1.5. */
  readonly cpuBudget: number;
  readonly effectiveCoresRule: string;
  /** CPUs this process may be scheduled on (affinity mask), before any quota. Always set by `probeSystem`; optional so hand-built profiles stay valid. */
  readonly affinityCores?: number;
  readonly model: string | null;
  readonly speedMhz: number | null;
  readonly caches: CpuCaches;
}

export interface MemoryFacts {
  readonly totalBytes: number;
  readonly availableBytes: number | null;
  /** The cgroup memory limit where one is set and lower than total, else total. */
  readonly effectiveLimitBytes: number;
  readonly swapBytes: number | null;
}

export type CgroupVersion = 1 | 2 | 'hybrid' | null;

export interface ContainerFacts {
  readonly inContainer: boolean;
  readonly cgroupVersion: CgroupVersion;
  /** CPU quota in CPUs (quota / period), null when unlimited or unknown. */
  readonly cpuQuota: number | null;
  /** Memory limit in bytes, null when unlimited or unknown. */
  readonly memoryLimitBytes: number | null;
  /** Human-readable evidence for each decision (file paths and values read). */
  readonly evidence: readonly string[];
}

export type DiskType = 'nvme' | 'ssd' | 'hdd' | 'unknown';

/** One block device seen in /sys/block. */
export interface DiskDevice {
  readonly name: string;
  readonly type: DiskType;
  readonly reason: string;
}

/** Measured on a temp file; MB is 10^6 bytes. */
export interface DiskMeasurement {
  readonly seqReadMBps: number;
  readonly seqWriteMBps: number;
  readonly randomReadIops: number;
  /** Size of the temp file written and read, bytes. */
  readonly fileBytes: number;
  /** Directory the temp file was written in (deleted afterwards). */
  readonly directory: string;
  /** True when reads used O_DIRECT and so bypassed the page cache. */
  readonly cacheBypassed: boolean;
  /** How the figures were taken and what may distort them. */
  readonly note: string;
}

export interface DiskFacts {
  readonly type: DiskType;
  readonly reason: string;
  /** The block device the type was read from (`vda`, `nvme0n1`), null when none. Always set by `probeSystem`. */
  readonly device?: string | null;
  /** Every disk in /sys/block (loop, ram, zram, dm devices left out). Always set by `probeSystem`. */
  readonly devices?: readonly DiskDevice[];
  /** Present only when probed with `measureDisk: true`. */
  readonly measured?: DiskMeasurement;
}

export type SystemType = 'high_performance' | 'memory_constrained' | 'cpu_constrained' | 'standard';

export interface SystemProfile {
  readonly cpu: CpuFacts;
  readonly memory: MemoryFacts;
  readonly container: ContainerFacts;
  readonly disk: DiskFacts;
  readonly os: { readonly platform: string; readonly release: string; readonly arch: string };
  readonly node: string;
  readonly loadAverage: readonly [number, number, number];
  readonly systemType: SystemType;
  /** The rule that decided `systemType`, with the figures it compared. */
  readonly systemTypeRule: string;
  /** Provenance of each fact, by dotted path (`cpu.effectiveCores`: 'cgroup'). */
  readonly sources: Readonly<Record<string, FactSource>>;
  /** Facts that could not be read, by dotted path, with the reason. */
  readonly unknown: Readonly<Record<string, string>>;
}
