// Policies registered by name; `createPolicy` is the one way in for the simulator and for
// the runtime memory level of @perf/cache.
import { CacheTunerError } from './errors.js';
import type { Policy, PolicyOptions } from './policy.js';
import { ArcPolicy } from './policies/arc.js';
import { BeladyPolicy } from './policies/belady.js';
import { ClockPolicy, SievePolicy } from './policies/clock.js';
import { LfuPolicy } from './policies/lfu.js';
import { LirsPolicy } from './policies/lirs.js';
import { FifoPolicy, LruPolicy } from './policies/lru.js';
import { S3FifoPolicy } from './policies/s3fifo.js';
import { TwoQPolicy } from './policies/twoq.js';
import { WTinyLfuPolicy } from './policies/wtinylfu.js';

/** Names of the built-in policies. */
export type PolicyName =
  | 'lru'
  | 'fifo'
  | 'clock'
  | 'lfu'
  | 'arc'
  | '2q'
  | 'lirs'
  | 'sieve'
  | 's3fifo'
  | 'wtinylfu'
  | 'wtinylfu-1'
  | 'belady';

/** Makes a policy from its options. */
export type PolicyFactory = (options: PolicyOptions) => Policy;

interface Entry {
  factory: PolicyFactory;
  /** Needs the future (`nextAccess`): simulator only. */
  offline: boolean;
}

const policies = new Map<string, Entry>();

/** Adds (or replaces) a policy under `name`. `offline` marks policies that need `nextAccess`. */
export function registerPolicy(name: string, factory: PolicyFactory, options: { offline?: boolean } = {}): void {
  policies.set(name, { factory, offline: options.offline ?? false });
}

/** Names of all registered policies, in registration order. */
export function policyNames(): string[] {
  return [...policies.keys()];
}

/** True when the policy needs the future (`nextAccess`), so it can only run in the simulator. */
export function isOfflinePolicy(name: string): boolean {
  return lookup(name).offline;
}

function lookup(name: string): Entry {
  const entry = policies.get(name);
  if (entry === undefined) {
    throw new CacheTunerError(
      'UNKNOWN_POLICY',
      `unknown policy "${String(name)}"; valid policies: ${policyNames().join(', ')}`,
    );
  }
  return entry;
}

/** Creates the policy registered as `name`; throws `UNKNOWN_POLICY` naming the valid ones. */
export function createPolicy(name: PolicyName | (string & {}), options: PolicyOptions): Policy {
  return lookup(name).factory(options);
}

registerPolicy('lru', (o) => new LruPolicy(o));
registerPolicy('fifo', (o) => new FifoPolicy(o));
registerPolicy('clock', (o) => new ClockPolicy(o));
registerPolicy('lfu', (o) => new LfuPolicy(o));
registerPolicy('arc', (o) => new ArcPolicy(o));
registerPolicy('2q', (o) => new TwoQPolicy(o));
registerPolicy('lirs', (o) => new LirsPolicy(o));
registerPolicy('sieve', (o) => new SievePolicy(o));
registerPolicy('s3fifo', (o) => new S3FifoPolicy(o));
registerPolicy('wtinylfu', (o) => new WTinyLfuPolicy(o, true));
registerPolicy('wtinylfu-1', (o) => new WTinyLfuPolicy(o, false));
registerPolicy('belady', (o) => new BeladyPolicy(o), { offline: true });
