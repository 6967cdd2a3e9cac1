console.log('no benchmarks yet for @perf/cache-tuner');
