// selectProfile: ordered rules, the first that matches wins, a fallback last (as tuned's
// `recommend` works). The result names the rule and the inputs it saw.
import { countProjectFiles } from './count-files.js';
import type { SystemType } from '@perf/system-probe';
import type { SystemFacts } from './resolve.js';

export type ProjectSize = 'small' | 'medium' | 'large';
export type { SystemType };
export type BuiltinProfileName =
  | 'small_project' | 'medium_project' | 'large_project'
  | 'high_performance' | 'memory_constrained' | 'cpu_constrained';

/** The six built-in profiles. */
export const BUILTIN_PROFILES: readonly BuiltinProfileName[] = [
  'small_project', 'medium_project', 'large_project', 'high_performance', 'memory_constrained', 'cpu_constrained',
];

/** Project size thresholds (the seed's table): below `small` files is small, up to `medium` is medium. */
export const PROJECT_SIZE_LIMITS = { small: 1_000, medium: 10_000 } as const;
/**
 * System type thresholds (the seed's table), used only when the system carries no
 * `systemType` of its own (a @perf/system-probe `SystemProfile` does).
 */
export const SYSTEM_LIMITS = { memoryConstrainedBytes: 4 * 1024 ** 3, cpuConstrainedCores: 4, highPerformanceCores: 16, highPerformanceBytes: 32 * 1024 ** 3 } as const;

/** Project size for a file count: under 1,000 small, up to 10,000 medium, above large. */
export function classifyProjectSize(files: number): ProjectSize {
  if (files < PROJECT_SIZE_LIMITS.small) return 'small';
  if (files <= PROJECT_SIZE_LIMITS.medium) return 'medium';
  return 'large';
}

/** The system's type: its own `systemType` when it has one, else the seed's thresholds. */
export function classifySystem(system: SystemFacts & { readonly systemType?: SystemType; readonly systemTypeRule?: string }): { type: SystemType; rule: string } {
  if (system.systemType) return { type: system.systemType, rule: system.systemTypeRule ?? 'systemType reported by the system probe' };
  const cores = system.cpu.effectiveCores;
  const mem = system.memory.effectiveLimitBytes;
  const gib = (b: number): string => `${(b / 1024 ** 3).toFixed(1)} GiB`;
  if (mem < SYSTEM_LIMITS.memoryConstrainedBytes) return { type: 'memory_constrained', rule: `effective memory ${gib(mem)} < 4 GiB` };
  if (cores < SYSTEM_LIMITS.cpuConstrainedCores) return { type: 'cpu_constrained', rule: `effective cores ${cores} < 4` };
  if (cores >= SYSTEM_LIMITS.highPerformanceCores && mem >= SYSTEM_LIMITS.highPerformanceBytes) {
    return { type: 'high_performance', rule: `effective cores ${cores} >= 16 and memory ${gib(mem)} >= 32 GiB` };
  }
  return { type: 'standard', rule: `effective cores ${cores}, memory ${gib(mem)}: no constraint` };
}

export interface SelectProfileOptions {
  /** Asks for a project size instead of counting files. @default counted from projectDir */
  readonly projectSize?: ProjectSize;
  /** Asks for a system profile; 'standard' asks for none. @default from system */
  readonly systemType?: SystemType;
  /** The machine (a @perf/system-probe SystemProfile). Without it, no system rule applies. @default none */
  readonly system?: SystemFacts & { readonly systemType?: SystemType; readonly systemTypeRule?: string };
  /** Project root whose git-tracked files are counted. @default none (not counted) */
  readonly projectDir?: string;
}

/** What selection saw; only what a rule needed is measured. */
export interface SelectionInputs {
  projectSize?: ProjectSize;
  systemType?: SystemType;
  projectDir?: string;
  projectFiles?: number;
  countedProjectSize?: ProjectSize;
  countMs?: number;
  effectiveCores?: number;
  memoryLimitBytes?: number;
  measuredSystemType?: SystemType;
  measuredSystemTypeRule?: string;
}

export interface ProfileSelection {
  readonly profileName: BuiltinProfileName;
  /** The id of the rule that matched. */
  readonly rule: string;
  /** One sentence with the figures. */
  readonly reason: string;
  readonly inputs: SelectionInputs;
}

interface Context {
  readonly options: SelectProfileOptions;
  readonly inputs: SelectionInputs;
  systemType(): SystemType | undefined;
  projectSize(): Promise<ProjectSize | undefined>;
}

/** One selection rule: `match` returns the profile and a reason, or undefined. */
export interface SelectionRule {
  readonly id: string;
  readonly description: string;
  match(ctx: Context): Promise<{ profileName: BuiltinProfileName; reason: string } | undefined> | { profileName: BuiltinProfileName; reason: string } | undefined;
}

const SYSTEM_PROFILES = new Set<SystemType>(['high_performance', 'memory_constrained', 'cpu_constrained']);

/** The rules, in order. */
export const SELECTION_RULES: readonly SelectionRule[] = [
  {
    id: 'requested-system-type',
    description: 'systemType given and not "standard": that profile',
    match: ({ options }) => options.systemType && SYSTEM_PROFILES.has(options.systemType)
      ? { profileName: options.systemType as BuiltinProfileName, reason: `systemType "${options.systemType}" was asked for` }
      : undefined,
  },
  {
    id: 'memory-constrained-system',
    description: 'the system is memory-constrained: memory_constrained, whatever the project size',
    match: (ctx) => ctx.systemType() === 'memory_constrained'
      ? { profileName: 'memory_constrained', reason: `the system is memory-constrained (${ctx.inputs.measuredSystemTypeRule})` }
      : undefined,
  },
  {
    id: 'cpu-constrained-system',
    description: 'the system is CPU-constrained: cpu_constrained, whatever the project size',
    match: (ctx) => ctx.systemType() === 'cpu_constrained'
      ? { profileName: 'cpu_constrained', reason: `the system is CPU-constrained (${ctx.inputs.measuredSystemTypeRule})` }
      : undefined,
  },
  {
    id: 'requested-project-size',
    description: 'projectSize given: <size>_project',
    match: ({ options }) => options.projectSize
      ? { profileName: `${options.projectSize}_project`, reason: `projectSize "${options.projectSize}" was asked for` }
      : undefined,
  },
  {
    id: 'high-performance-system',
    description: 'a high-performance system with a large or unknown project: high_performance',
    match: async (ctx) => {
      if (ctx.systemType() !== 'high_performance') return undefined;
      const size = await ctx.projectSize();
      if (size !== undefined && size !== 'large') return undefined;
      return { profileName: 'high_performance', reason: `a high-performance system (${ctx.inputs.measuredSystemTypeRule})${size ? ` and a large project (${ctx.inputs.projectFiles} files)` : ''}` };
    },
  },
  {
    id: 'project-file-count',
    description: 'projectDir given: small under 1,000 tracked files, medium up to 10,000, large above',
    match: async (ctx) => {
      const size = await ctx.projectSize();
      return size ? { profileName: `${size}_project`, reason: `${ctx.inputs.projectFiles} files git would track in ${ctx.inputs.projectDir}: ${size}` } : undefined;
    },
  },
  {
    id: 'fallback',
    description: 'nothing known: medium_project',
    match: () => ({ profileName: 'medium_project', reason: 'no project size or system constraint known: the middle profile' }),
  },
];

/** Picks a built-in profile by the first matching rule of `SELECTION_RULES`. */
export async function selectProfile(options: SelectProfileOptions = {}): Promise<ProfileSelection> {
  const inputs: SelectionInputs = {};
  if (options.projectSize) inputs.projectSize = options.projectSize;
  if (options.systemType) inputs.systemType = options.systemType;
  let sizePromise: Promise<ProjectSize | undefined> | undefined;
  const ctx: Context = {
    options,
    inputs,
    systemType() {
      if (!options.system) return undefined;
      const { type, rule } = classifySystem(options.system);
      inputs.effectiveCores = options.system.cpu.effectiveCores;
      inputs.memoryLimitBytes = options.system.memory.effectiveLimitBytes;
      inputs.measuredSystemType = type;
      inputs.measuredSystemTypeRule = rule;
      return type;
    },
    projectSize() {
      sizePromise ??= (async () => {
        if (options.projectDir === undefined) return undefined;
        const started = performance.now();
        const { files, dir } = await countProjectFiles(options.projectDir);
        inputs.projectDir = dir;
        inputs.projectFiles = files;
        inputs.countMs = performance.now() - started;
        inputs.countedProjectSize = classifyProjectSize(files);
        return inputs.countedProjectSize;
      })();
      return sizePromise;
    },
  };
  for (const rule of SELECTION_RULES) {
    const hit = await rule.match(ctx);
    if (hit) return { profileName: hit.profileName, rule: rule.id, reason: hit.reason, inputs };
  }
  // The last rule always matches; this only satisfies the type checker.
  return { profileName: 'medium_project', rule: 'fallback', reason: 'no rule matched', inputs };
}
