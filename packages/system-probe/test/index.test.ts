import { describe, expect, it } from 'vitest';
import { packageName } from '../src/index.js';

describe('@perf/system-probe', () => {
  it('exposes its name', () => {
    expect(packageName).toBe('@perf/system-probe');
  });
});
