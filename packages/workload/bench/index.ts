console.log('no benchmarks yet for @perf/workload');
