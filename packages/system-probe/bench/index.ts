console.log('no benchmarks yet for @perf/system-probe');
