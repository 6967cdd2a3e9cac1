import { describe, expect, it } from 'vitest';
import { measureInIsolates, median } from '../src/index.js';

// measureInIsolates loads its worker from dist/ (built before testing).
const work = new URL('./fixtures/work.mjs', import.meta.url);

describe('measureInIsolates', () => {
  it('times the export in each fresh isolate and returns their median', async () => {
    const r = await measureInIsolates({ module: work, isolates: 3, time: 5, warmupTime: 1 });
    expect(r.isolates).toHaveLength(3);
    expect(r.isolates.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(r.value).toBe(median(r.isolates));
  });
  it('rejects with ISOLATE_FAILED when the export throws or is missing', async () => {
    await expect(measureInIsolates({ module: work, export: 'broken', isolates: 1, time: 5, warmupTime: 1 }))
      .rejects.toMatchObject({ code: 'ISOLATE_FAILED', message: expect.stringMatching(/deliberately broken/) as unknown });
    await expect(measureInIsolates({ module: work, export: 'notAFunction', isolates: 1 }))
      .rejects.toMatchObject({ code: 'ISOLATE_FAILED', message: expect.stringMatching(/no function export 'notAFunction'/) as unknown });
  });
  it('rejects a bad isolate count', async () => {
    await expect(measureInIsolates({ module: work, isolates: 0 })).rejects.toMatchObject({ code: 'BENCH_BAD_OPTION' });
  });
});
