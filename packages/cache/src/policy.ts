// The memory level's policies are @perf/cache-tuner's: the same code its simulator replays
// traces with, so a memory level and a simulation of it agree (one truth).
import { createPolicy } from '@perf/cache-tuner';
import type { Policy } from '@perf/cache-tuner';

/** Policy names the memory level accepts (the runtime subset of @perf/cache-tuner's). */
export type PolicyName = 'lru' | 'sieve' | 's3fifo' | 'arc' | 'wtinylfu';

/** The policy used when none is named. */
export const DEFAULT_POLICY: PolicyName = 'wtinylfu';

export const POLICY_NAMES: readonly PolicyName[] = ['lru', 'sieve', 's3fifo', 'arc', 'wtinylfu'];

/** How a policy is created: capacity in `unit`s, evictions reported by id. */
export interface PolicyInit {
  capacity: number;
  unit: 'entries' | 'bytes';
  onEvict?: (id: number) => void;
  maxIdHint?: number;
}

/** What the memory level needs of a policy: @perf/cache-tuner's `Policy`. */
export type EvictionPolicy = Pick<Policy, 'access' | 'contains' | 'remove'>;

/** Creates the named policy. */
export function createEvictionPolicy(name: PolicyName, init: PolicyInit): EvictionPolicy {
  return createPolicy(name, {
    capacity: init.capacity,
    unit: init.unit === 'bytes' ? 'bytes' : 'objects',
    ...(init.onEvict === undefined ? {} : { onEvict: init.onEvict }),
    ...(init.maxIdHint === undefined ? {} : { maxIdHint: init.maxIdHint }),
  });
}
