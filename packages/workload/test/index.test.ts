import { describe, expect, it } from 'vitest';
import { packageName } from '../src/index.js';

describe('@perf/workload', () => {
  it('exposes its name', () => {
    expect(packageName).toBe('@perf/workload');
  });
});
