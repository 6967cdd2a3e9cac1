console.log('no benchmarks yet for @perf/worker-optimizer');
