/** Package name, for diagnostics. */
export const packageName = '@perf/tuner';
