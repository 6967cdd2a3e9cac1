import { describe, expect, it } from 'vitest';
import { fitUsl, uslThroughput, WorkerOptimizerError, type ThroughputPoint } from '../src/index.js';

const truth = { sigma: 0.05, kappa: 0.002, lambda: 100 };
const counts = [1, 2, 4, 8, 12, 16, 24, 32];

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('fitUsl', () => {
  it('recovers exact coefficients from exact points', () => {
    const points = counts.map((n) => ({ workers: n, throughput: uslThroughput(n, truth).value }));
    const fit = fitUsl(points);
    expect(relErr(fit.sigma, truth.sigma)).toBeLessThan(1e-4);
    expect(relErr(fit.kappa, truth.kappa)).toBeLessThan(1e-4);
    expect(relErr(fit.lambda, truth.lambda)).toBeLessThan(1e-4);
    expect(fit.r2).toBeCloseTo(1, 9);
    expect(fit.peakWorkers).toBeCloseTo(Math.sqrt(0.95 / 0.002), 2);
    expect(fit.pointCount).toBe(8);
  });

  it('recovers coefficients within 5% from points with 1% deterministic noise, without an N = 1 point', () => {
    const noise = [0.01, -0.008, 0.006, -0.01, 0.004, 0.009, -0.005, 0.002, -0.007];
    const noisy = [2, 3, 4, 6, 8, 12, 16, 24, 32].map((n, i) => ({ workers: n, throughput: uslThroughput(n, truth).value * (1 + noise[i]) }));
    const fit = fitUsl(noisy);
    expect(relErr(fit.lambda, truth.lambda)).toBeLessThan(0.05);
    expect(relErr(fit.sigma, truth.sigma)).toBeLessThan(0.05);
    expect(relErr(fit.kappa, truth.kappa)).toBeLessThan(0.05);
    expect(fit.r2).toBeGreaterThan(0.99);
  });

  it('recovers a strongly retrograde curve', () => {
    const c = { sigma: 0.2, kappa: 0.05, lambda: 40 };
    const fit = fitUsl([1, 2, 3, 4, 6, 8].map((n) => ({ workers: n, throughput: uslThroughput(n, c).value })));
    expect(relErr(fit.sigma, c.sigma)).toBeLessThan(1e-3);
    expect(relErr(fit.kappa, c.kappa)).toBeLessThan(1e-3);
    expect(fit.peakWorkers).toBeCloseTo(4, 2);
  });

  it('keeps sigma in [0, 1] and kappa >= 0 for superlinear points', () => {
    const fit = fitUsl([1, 2, 4].map((n) => ({ workers: n, throughput: 10 * n * (1 + 0.05 * n) })));
    expect(fit.sigma).toBeGreaterThanOrEqual(0);
    expect(fit.kappa).toBeGreaterThanOrEqual(0);
  });

  it('needs three distinct worker counts', () => {
    const two: ThroughputPoint[] = [{ workers: 1, throughput: 10 }, { workers: 2, throughput: 18 }, { workers: 2, throughput: 19 }];
    expect(() => fitUsl(two)).toThrow(WorkerOptimizerError);
    expect(() => fitUsl(two)).toThrow(/measure at least three different worker counts/);
    expect(() => fitUsl([{ workers: 1, throughput: 0 }, { workers: 2, throughput: 1 }, { workers: 3, throughput: 1 }])).toThrow(/points\[0\]\.throughput is 0/);
  });
});
