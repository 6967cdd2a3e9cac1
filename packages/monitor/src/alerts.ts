// Which values are checked against which thresholds, and the per-alert state across windows.
import { DEFAULT_HYSTERESIS, INITIAL_ALERT_STATE, stepAlert } from './hysteresis.js';
import type { AlertState, HysteresisOptions } from './hysteresis.js';
import type { AlertDirection, AlertEvent, MonitorSample, MonitorWindow, SourceKind } from './types.js';

/** Default event-loop delay p99 alert level, ms. */
export const DEFAULT_EVENT_LOOP_DELAY_P99_MS = 100;
/** Default memory alert level: RSS over 80% of the effective limit (the seed's guidance). */
export const DEFAULT_MEMORY_FRACTION = 0.8;
/** Default cache alert level: hit rate under 70% (the seed's guidance). */
export const DEFAULT_CACHE_HIT_RATE = 0.7;
/** Default pool alert level: worker utilisation under 80% while the pool has work (the seed's guidance). */
export const DEFAULT_POOL_UTILIZATION = 0.8;
/** Fewer lookups than this in a window make a hit rate too noisy to alert on. */
export const DEFAULT_MIN_CACHE_LOOKUPS = 20;

/** Alert levels; `false` turns a rule off. */
export interface Thresholds {
  /** Alert when event-loop delay p99 (corrected) is above this many ms. @default 100 */
  eventLoopDelayP99Ms?: number | false;
  /** Alert when RSS / effective memory limit is above this fraction. @default 0.8 */
  memoryFraction?: number | false;
  /** Alert when a cache level's windowed hit rate is below this fraction. @default 0.7 */
  cacheHitRate?: number | false;
  /** A window needs at least this many lookups on a level for its hit rate to count. @default 20 */
  minCacheLookups?: number;
  /**
   * Alert when a pool's worker utilisation is below this fraction in a window where the pool had
   * work (a task completed or was in flight): workers sitting idle while the program uses the pool
   * means it has more workers than it needs, or work is not reaching them. @default 0.8
   */
  poolUtilization?: number | false;
  /** Flap protection shared by all rules. @default { raiseAfter: 2, clearAfter: 2, clearMargin: 0.1 } */
  hysteresis?: Partial<HysteresisOptions>;
}

export interface ResolvedThresholds {
  eventLoopDelayP99Ms: number | false;
  memoryFraction: number | false;
  cacheHitRate: number | false;
  minCacheLookups: number;
  poolUtilization: number | false;
  hysteresis: HysteresisOptions;
}

export function resolveThresholds(t: Thresholds = {}): ResolvedThresholds {
  return {
    eventLoopDelayP99Ms: t.eventLoopDelayP99Ms ?? DEFAULT_EVENT_LOOP_DELAY_P99_MS,
    memoryFraction: t.memoryFraction ?? DEFAULT_MEMORY_FRACTION,
    cacheHitRate: t.cacheHitRate ?? DEFAULT_CACHE_HIT_RATE,
    minCacheLookups: t.minCacheLookups ?? DEFAULT_MIN_CACHE_LOOKUPS,
    poolUtilization: t.poolUtilization ?? DEFAULT_POOL_UTILIZATION,
    hysteresis: { ...DEFAULT_HYSTERESIS, ...t.hysteresis },
  };
}

/** One value to compare with one threshold in one window. */
export interface AlertCheck {
  id: string;
  rule: AlertEvent['rule'];
  metric: string;
  value: number | undefined;
  threshold: number;
  direction: AlertDirection;
}

type SampleWithoutAlerts = Omit<MonitorSample, 'activeAlerts'>;

/** The checks the thresholds ask for on one sample. */
export function alertChecks(
  sample: SampleWithoutAlerts,
  t: ResolvedThresholds,
  kinds: ReadonlyMap<string, SourceKind>,
): AlertCheck[] {
  const checks: AlertCheck[] = [];
  if (t.eventLoopDelayP99Ms !== false) {
    checks.push({ id: 'eventLoopDelay', rule: 'eventLoopDelay', metric: 'eventLoop.delay.p99Ms',
      value: sample.eventLoop.delay.count > 0 ? sample.eventLoop.delay.p99Ms : undefined,
      threshold: t.eventLoopDelayP99Ms, direction: 'above' });
  }
  if (t.memoryFraction !== false) {
    checks.push({ id: 'memory', rule: 'memory', metric: 'memory.rssFraction', value: sample.memory.rssFraction,
      threshold: t.memoryFraction, direction: 'above' });
  }
  for (const [name, values] of Object.entries(sample.sources)) {
    const kind = kinds.get(name);
    if (kind === 'cache' && t.cacheHitRate !== false) {
      for (const key of Object.keys(values)) {
        if (!key.endsWith('.hitRate')) continue;
        const level = key.slice(0, -'.hitRate'.length);
        const lookups = values[`${level}.lookups`] ?? 0;
        checks.push({ id: `cacheHitRate:${name}/${level}`, rule: 'cacheHitRate', metric: `sources.${name}.${key}`,
          value: lookups >= t.minCacheLookups ? values[key] : undefined, threshold: t.cacheHitRate, direction: 'below' });
      }
    }
    if (kind === 'pool' && t.poolUtilization !== false && values.utilization !== undefined) {
      const hadWork = (values.completed ?? 0) > 0 || (values.inFlight ?? 0) > 0;
      checks.push({ id: `poolUtilization:${name}`, rule: 'poolUtilization', metric: `sources.${name}.utilization`,
        value: hadWork ? values.utilization : undefined, threshold: t.poolUtilization, direction: 'below' });
    }
  }
  return checks;
}

export interface AlertTransition {
  kind: 'alert' | 'resolved';
  event: AlertEvent;
}

/** Keeps each alert's state across windows and turns checks into `alert` / `resolved` events. */
export class AlertBook {
  readonly #states = new Map<string, AlertState>();
  readonly #active = new Map<string, AlertEvent>();
  readonly #hysteresis: HysteresisOptions;

  constructor(hysteresis: HysteresisOptions) {
    this.#hysteresis = hysteresis;
  }

  evaluate(checks: readonly AlertCheck[], window: MonitorWindow): AlertTransition[] {
    const out: AlertTransition[] = [];
    for (const c of checks) {
      const step = stepAlert(this.#states.get(c.id) ?? INITIAL_ALERT_STATE, c.value, c.threshold, c.direction, this.#hysteresis);
      this.#states.set(c.id, step.state);
      const value = c.value ?? Number.NaN;
      if (step.transition === 'raised') {
        const event: AlertEvent = { id: c.id, rule: c.rule, metric: c.metric, value, threshold: c.threshold,
          direction: c.direction, window, since: window.end };
        this.#active.set(c.id, event);
        out.push({ kind: 'alert', event });
      } else if (step.transition === 'resolved') {
        const since = this.#active.get(c.id)?.since ?? window.end;
        this.#active.delete(c.id);
        out.push({ kind: 'resolved', event: { id: c.id, rule: c.rule, metric: c.metric, value, threshold: c.threshold,
          direction: c.direction, window, since } });
      }
    }
    return out;
  }

  active(): AlertEvent[] {
    return [...this.#active.values()];
  }
}
