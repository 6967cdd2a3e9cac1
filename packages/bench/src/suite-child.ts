// Child process of PerformanceBenchmarkSuite: argv[2] is a JSON RunConfig; prints one JSON ProcessRun.
import { runProcess, type RunConfig } from './runner.js';

const config = JSON.parse(process.argv[2] ?? '{}') as RunConfig;
const run = await runProcess(config, new URL('./parallel-task.js', import.meta.url));
process.stdout.write(`${JSON.stringify(run)}\n`);
