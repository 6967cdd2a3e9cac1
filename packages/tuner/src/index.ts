export { estimateSpeedup, uslSpeedup, SPEEDUP_FORMULA, type SpeedupEstimate, type SpeedupInputs } from './estimate.js';
export { appendHistory, bestMeasured, readHistory, type HistoryEntry, type HistoryRead } from './history.js';
export { renderReport } from './report.js';
export { TunerError, type TunerErrorCode } from './errors.js';
export type * from './types.js';
