/** Package name, for diagnostics. */
export const packageName = '@perf/cache-tuner';
