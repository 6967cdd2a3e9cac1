// The empty task: calibration runs it to measure what dispatching one task to a worker costs.
// Given a number, it holds its worker for that many ms instead (so N of them occupy N workers).
export default function emptyTask(input: unknown): unknown {
  if (typeof input === 'number') return new Promise<null>((resolve) => setTimeout(() => resolve(null), input));
  return null;
}
