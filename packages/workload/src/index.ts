export type { Trace, TraceChunk, TraceFields } from './trace.js';
export { WorkloadError } from './errors.js';
export type { WorkloadErrorCode, WorkloadErrorLocation } from './errors.js';
export { KeyTable } from './key-table.js';
export { TraceBuilder } from './builder.js';
export type { Columns } from './builder.js';
export type { BinaryDecoder, FormatOptions, LineDecoder, TraceDecoder, TraceFormat } from './format.js';
export { detectTraceFormat, getTraceFormat, registerTraceFormat, traceFormatNames } from './registry.js';
export { DEFAULT_MAX_LINE_BYTES } from './session.js';
export type { OnError } from './session.js';
export { DEFAULT_CHUNK_REQUESTS, DEFAULT_READ_BYTES, loadTrace, parseTrace, streamTrace, traceFromColumns } from './load.js';
export type { ReadTraceOptions, StreamTraceOptions, TraceStream } from './load.js';
export { lruMissRatioCurve, lruMissRatios, StackDistanceCounter, stackDistanceHistogram } from './stack-distance.js';
export type { StackDistanceHistogram } from './stack-distance.js';
export { analyzeTrace, DEFAULT_SPACE_SAVING_COUNTERS, DEFAULT_TOP_KEYS, DEFAULT_WINDOWS } from './analyze.js';
export type { AnalyzeTraceOptions, HotKeyReport, TraceAnalysis } from './analyze.js';
export { classifyPattern, PATTERN_RULES, patternEvidence } from './pattern.js';
export type { AccessPattern, AccessPatternKind, PatternEvidence } from './pattern.js';
export { SpaceSaving } from './space-saving.js';
export type { HotKey } from './space-saving.js';
export { dispersionIndex, keyFrequencies, workingSet, ZIPF_MIN_COUNT, zipfFit } from './stats.js';
export type { WorkingSet, ZipfFit } from './stats.js';
export { generateTrace } from './generate.js';
export type { GenerateTraceOptions, SyntheticKind } from './generate.js';
export { seededRandom } from './random.js';
export { encodeTrace, nextAccessVtime, registerTraceWriter, traceWriterNames, writeTrace } from './write.js';
export type { OriginalKeys, TraceWriter, WriteKeys, WriteTraceOptions } from './write.js';
export { TraceRecorder } from './recorder.js';
export type { RecordOptions, TraceRecorderOptions } from './recorder.js';
export {
  DEFAULT_DOMINANT_SHARE,
  INTENSITY_LEVELS,
  MIN_ACCESSES_FOR_PATTERN,
  MIN_LOOKUPS_FOR_CACHE_ADVICE,
  OPERATION_KINDS,
  WorkloadAnalyzer,
} from './workload-analyzer.js';
export type { HotFile, Recommendation, WorkloadAnalysis, WorkloadAnalyzerOptions, WorkloadType } from './workload-analyzer.js';

/** Package name, for diagnostics. */
export const packageName = '@perf/workload';
