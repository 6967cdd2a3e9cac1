// The memory level's view of an eviction policy: integer ids in, hit/miss out, evictions
// reported through a callback. Policies come from @perf/cache-tuner (one truth with its
// simulator); a local LRU stands in while a name is missing there.
import { IdLru } from './lru.js';

/** Policy names the memory level accepts. */
export type PolicyName = 'lru' | 'sieve' | 's3fifo' | 'arc' | 'wtinylfu';

/** The policy used when none is named. */
export const DEFAULT_POLICY: PolicyName = 'wtinylfu';

export const POLICY_NAMES: readonly PolicyName[] = ['lru', 'sieve', 's3fifo', 'arc', 'wtinylfu'];

/** How a policy is created: capacity in `unit`s, evictions reported by id. */
export interface PolicyInit {
  capacity: number;
  unit: 'entries' | 'bytes';
  onEvict?: (id: number) => void;
}

/** What the memory level needs of a policy (a subset of @perf/cache-tuner's `Policy`). */
export interface EvictionPolicy {
  /** Records a request for `id`; true on a hit. On a miss the id is admitted (or rejected, reported through onEvict). */
  access(id: number, size?: number): boolean;
  /** True when `id` is resident. */
  contains(id: number): boolean;
  /** Drops `id` without counting an eviction. */
  remove(id: number): void;
}

/** Creates the named policy. */
export function createEvictionPolicy(name: PolicyName, init: PolicyInit): EvictionPolicy {
  switch (name) {
    default:
      return new IdLru(init);
  }
}
