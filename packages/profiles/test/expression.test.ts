import { describe, expect, it } from 'vitest';
import { evaluateExpression, parseExpression, parseDuration, parseSize } from '../src/index.js';

const evalAt = (src: string, cores: number, memory_gb = 8): number => {
  const parsed = parseExpression(src);
  if (!parsed.ok) throw new Error(parsed.message);
  return evaluateExpression(parsed.expr, { cores, memory_gb });
};

describe('expressions', () => {
  it('evaluates the profile forms exactly', () => {
    expect(evalAt('cores', 6)).toBe(6);
    expect(evalAt('cores * 2', 6)).toBe(12);
    expect(evalAt('min(cores, 8)', 6)).toBe(6);
    expect(evalAt('min(cores, 8)', 32)).toBe(8);
    expect(evalAt('max(1, cores - 1)', 1)).toBe(1);
    expect(evalAt('min(cores * 2, memory_gb / 0.5, 64)', 16, 4)).toBe(8);
    expect(evalAt('8', 2)).toBe(8);
    expect(evalAt('1.5 * cores', 2)).toBe(3);
  });

  it('follows precedence, associativity, unary minus and parentheses', () => {
    expect(evalAt('2 + 3 * 4', 1)).toBe(14);
    expect(evalAt('(2 + 3) * 4', 1)).toBe(20);
    expect(evalAt('10 - 4 - 3', 1)).toBe(3);
    expect(evalAt('64 / 4 / 2', 1)).toBe(8);
    expect(evalAt('-cores + 10', 4)).toBe(6);
    expect(evalAt('- -3', 1)).toBe(3);
  });

  it('reports syntax errors with a column, never evaluating anything', () => {
    expect(parseExpression('cores ** 2')).toEqual({ ok: false, message: 'expected a number, a variable or "(" but found "*"', column: 8 });
    expect(parseExpression('min(cores, 8')).toMatchObject({ ok: false, column: 13 });
    expect(parseExpression('process.exit()')).toMatchObject({ ok: false, column: 8 });
    expect(parseExpression('threads * 2')).toMatchObject({ ok: false, message: expect.stringContaining('unknown name "threads"') as string, column: 1 });
    expect(parseExpression('cores; 1')).toMatchObject({ ok: false, message: 'unexpected character ";"', column: 6 });
    expect(parseExpression('   ')).toMatchObject({ ok: false, message: 'empty expression' });
    expect(parseExpression('cores 2')).toMatchObject({ ok: false, column: 7 });
    expect(parseExpression('1+'.repeat(150) + '1')).toMatchObject({ ok: false, message: 'longer than 200 characters' });
  });
});

describe('units', () => {
  it('reads sizes in binary units', () => {
    expect(parseSize('50MB')).toBe(52_428_800);
    expect(parseSize('2GB')).toBe(2_147_483_648);
    expect(parseSize('1.5 GiB')).toBe(1_610_612_736);
    expect(parseSize('512kb')).toBe(524_288);
    expect(parseSize('100')).toBe(100);
    expect(parseSize(4096)).toBe(4096);
    expect(parseSize('lots')).toBeNull();
    expect(parseSize('10PB')).toBeNull();
    expect(parseSize(-1)).toBeNull();
  });

  it('reads durations', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('soon')).toBeNull();
  });
});
