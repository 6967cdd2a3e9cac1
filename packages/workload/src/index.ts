export type { Trace } from './trace.js';

/** Package name, for diagnostics. */
export const packageName = '@perf/workload';
