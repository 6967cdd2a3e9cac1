/** Package name, for diagnostics. */
export const packageName = '@perf/cache-tuner';

export { CacheTunerError } from './errors.js';
export type { CacheTunerErrorCode } from './errors.js';
export { DEFAULT_MAX_ID_HINT, NO_NEXT_ACCESS } from './policy.js';
export type { CapacityUnit, Policy, PolicyOptions } from './policy.js';
export { createPolicy, isOfflinePolicy, policyNames, registerPolicy } from './registry.js';
export type { PolicyFactory, PolicyName } from './registry.js';
export type { CacheMetrics } from './metrics.js';
export { hitRateOf } from './metrics.js';
