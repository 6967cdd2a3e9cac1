import { describe, expect, it } from 'vitest';
import { packageName } from '../src/index.js';

describe('@perf/worker-optimizer', () => {
  it('exposes its name', () => {
    expect(packageName).toBe('@perf/worker-optimizer');
  });
});
