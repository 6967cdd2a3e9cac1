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

/** Package name, for diagnostics. */
export const packageName = '@perf/workload';
