export { cacheKey, runExecutor, type ExecutorCache, type ExecutorOptions, type ExecutorRun } from './executor.js';
export { copyCorpus, corpusRoot, listSourceFiles } from './corpus.js';
export { replayExecutorHistory, type CommitRun, type ReplayEviction, type ReplayOptions } from './history-replay.js';
export { toolVersion, transformOne, type TransformInput, type TransformOutput } from './transform.js';
