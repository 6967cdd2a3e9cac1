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
  /** Cores this process may really use: min(affinity, ceil-or-rounded cgroup quota); see `effectiveCoresRule`. */
  readonly effectiveCores: number;
  /** The unrounded CPU budget (quota / period, or the affinity count), e.g. 1.5. */
  readonly cpuBudget: number;
  readonly effectiveCoresRule: string;
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

export interface DiskFacts {
  readonly type: DiskType;
  readonly reason: string;
  /** Present only when probed with `measureDisk: true`. */
  readonly measured?: {
    readonly seqReadMBps: number;
    readonly seqWriteMBps: number;
    readonly randomReadIops: number;
  };
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
