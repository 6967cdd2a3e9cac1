// Least-squares fit of the Universal Scalability Law to measured (workers, throughput) points.
import { WorkerOptimizerError, invalidOption } from './errors.js';
import type { UslCoefficients } from './models.js';

/** One measured point: tasks per second with `workers` tasks in flight. */
export interface ThroughputPoint {
  readonly workers: number;
  readonly throughput: number;
}

export interface UslFit extends UslCoefficients {
  /** Coefficient of determination of the fitted curve against the points (1 is a perfect fit). */
  readonly r2: number;
  /** Peak of the fitted curve, sqrt((1 - sigma) / kappa); Infinity when kappa is 0. */
  readonly peakWorkers: number;
  readonly model: 'usl-least-squares';
  /** Number of points fitted. */
  readonly pointCount: number;
}

const LAMBDA_SEARCH_LOW = 0.5;
const LAMBDA_SEARCH_HIGH = 1.5;
const GOLDEN_ITERATIONS = 80;
const LM_ITERATIONS = 200;

function predict(n: number, c: UslCoefficients): number {
  return (c.lambda * n) / (1 + c.sigma * (n - 1) + c.kappa * n * (n - 1));
}

function sse(points: readonly ThroughputPoint[], c: UslCoefficients): number {
  let s = 0;
  for (const p of points) s += (p.throughput - predict(p.workers, c)) ** 2;
  return s;
}

/** For a fixed lambda, N lambda / X - 1 = sigma (N - 1) + kappa N (N - 1) is linear: solve it, within sigma in [0, 1], kappa >= 0. */
function linearised(points: readonly ThroughputPoint[], lambda: number): UslCoefficients {
  let aa = 0, ab = 0, bb = 0, ay = 0, by = 0;
  for (const p of points) {
    const a = p.workers - 1;
    const b = p.workers * (p.workers - 1);
    const y = (p.workers * lambda) / p.throughput - 1;
    aa += a * a; ab += a * b; bb += b * b; ay += a * y; by += b * y;
  }
  const candidates: UslCoefficients[] = [];
  const det = aa * bb - ab * ab;
  if (Math.abs(det) > 1e-12 * Math.max(1, aa * bb)) {
    candidates.push({ sigma: (ay * bb - by * ab) / det, kappa: (aa * by - ab * ay) / det, lambda });
  }
  if (aa > 0) candidates.push({ sigma: ay / aa, kappa: 0, lambda });
  if (bb > 0) candidates.push({ sigma: 0, kappa: by / bb, lambda });
  if (bb > 0) candidates.push({ sigma: 1, kappa: (by - ab) / bb, lambda });
  let best: UslCoefficients = { sigma: 0, kappa: 0, lambda };
  let bestErr = sse(points, best);
  for (const c of candidates) {
    const clamped = clamp(c);
    const err = sse(points, clamped);
    if (err < bestErr) { best = clamped; bestErr = err; }
  }
  return best;
}

function clamp(c: UslCoefficients): UslCoefficients {
  return { sigma: Math.min(1, Math.max(0, c.sigma)), kappa: Math.max(0, c.kappa), lambda: Math.max(1e-12, c.lambda) };
}

/** Levenberg-Marquardt on (lambda, sigma, kappa) in throughput space, bounds kept by clamping. */
function refine(points: readonly ThroughputPoint[], start: UslCoefficients): UslCoefficients {
  let c = start;
  let err = sse(points, c);
  let damping = 1e-3;
  for (let it = 0; it < LM_ITERATIONS; it++) {
    const jtj = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    const jtr = [0, 0, 0];
    for (const p of points) {
      const n = p.workers;
      const d = 1 + c.sigma * (n - 1) + c.kappa * n * (n - 1);
      const x = (c.lambda * n) / d;
      const j = [n / d, (-c.lambda * n * (n - 1)) / (d * d), (-c.lambda * n * n * (n - 1)) / (d * d)];
      const r = p.throughput - x;
      for (let a = 0; a < 3; a++) {
        jtr[a] += j[a] * r;
        for (let b = 0; b < 3; b++) jtj[a][b] += j[a] * j[b];
      }
    }
    const m = jtj.map((row, a) => row.map((v, b) => (a === b ? v * (1 + damping) + 1e-30 : v)));
    const step = solve3(m, jtr);
    if (step === null) break;
    const next = clamp({ lambda: c.lambda + step[0], sigma: c.sigma + step[1], kappa: c.kappa + step[2] });
    const nextErr = sse(points, next);
    if (nextErr < err) {
      const gain = err - nextErr;
      c = next; err = nextErr; damping = Math.max(1e-12, damping / 3);
      if (gain <= 1e-15 * Math.max(1, err)) break;
    } else {
      damping *= 4;
      if (damping > 1e12) break;
    }
  }
  return c;
}

function solve3(m: number[][], v: number[]): [number, number, number] | null {
  const [a, b, c] = m as [number[], number[], number[]];
  const det3 = (x: number[], y: number[], z: number[]): number =>
    x[0] * (y[1] * z[2] - y[2] * z[1]) - x[1] * (y[0] * z[2] - y[2] * z[0]) + x[2] * (y[0] * z[1] - y[1] * z[0]);
  const det = det3(a, b, c);
  if (!Number.isFinite(det) || det === 0) return null;
  const col = (k: number): [number[], number[], number[]] => [a, b, c].map((row, i) => row.map((x, j) => (j === k ? v[i] : x))) as [number[], number[], number[]];
  return [det3(...col(0)) / det, det3(...col(1)) / det, det3(...col(2)) / det];
}

/**
 * Fits sigma, kappa and lambda of the USL to measured points by least squares on throughput:
 * a golden-section search over lambda (sigma and kappa solved linearly for each lambda),
 * then Levenberg-Marquardt on all three. Needs at least three distinct worker counts.
 */
export function fitUsl(points: readonly ThroughputPoint[]): UslFit {
  for (const [i, p] of points.entries()) {
    if (!(p.workers >= 1) || !Number.isFinite(p.workers)) throw invalidOption('fitUsl', `points[${i}].workers`, p.workers, 'pass a worker count of 1 or more');
    if (!(p.throughput > 0) || !Number.isFinite(p.throughput)) throw invalidOption('fitUsl', `points[${i}].throughput`, p.throughput, 'pass a throughput above 0 (leave out points where nothing completed)');
  }
  const distinct = new Set(points.map((p) => p.workers)).size;
  if (distinct < 3) {
    throw new WorkerOptimizerError('WORKER_OPTIMIZER_TOO_FEW_POINTS', `fitUsl: got ${distinct} distinct worker counts; the USL has three coefficients, so measure at least three different worker counts`);
  }
  const ones = points.filter((p) => p.workers === 1);
  const lambda0 = ones.length > 0 ? ones.reduce((s, p) => s + p.throughput, 0) / ones.length : Math.max(...points.map((p) => p.throughput / p.workers));
  let lo = lambda0 * LAMBDA_SEARCH_LOW;
  let hi = lambda0 * LAMBDA_SEARCH_HIGH;
  const phi = (Math.sqrt(5) - 1) / 2;
  const errAt = (l: number): number => sse(points, linearised(points, l));
  let x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
  let f1 = errAt(x1), f2 = errAt(x2);
  for (let i = 0; i < GOLDEN_ITERATIONS; i++) {
    if (f1 <= f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - phi * (hi - lo); f1 = errAt(x1); } else { lo = x1; x1 = x2; f1 = f2; x2 = lo + phi * (hi - lo); f2 = errAt(x2); }
  }
  const best = refine(points, linearised(points, (lo + hi) / 2));
  const mean = points.reduce((s, p) => s + p.throughput, 0) / points.length;
  const ssTot = points.reduce((s, p) => s + (p.throughput - mean) ** 2, 0);
  const ssRes = sse(points, best);
  const r2 = ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  const peakWorkers = best.kappa === 0 ? Infinity : Math.sqrt((1 - best.sigma) / best.kappa);
  return { sigma: best.sigma, kappa: best.kappa, lambda: best.lambda, r2, peakWorkers, model: 'usl-least-squares', pointCount: points.length };
}
