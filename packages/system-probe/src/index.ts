/** Package name, for diagnostics. */
export const packageName = '@perf/system-probe';
