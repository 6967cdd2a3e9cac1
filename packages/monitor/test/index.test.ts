import { describe, expect, it } from 'vitest';
import { packageName } from '../src/index.js';

describe('@perf/monitor', () => {
  it('exposes its name', () => {
    expect(packageName).toBe('@perf/monitor');
  });
});
