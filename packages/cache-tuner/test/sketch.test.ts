import { describe, expect, it } from 'vitest';
import { FrequencySketch, sketchHash } from '../src/sketch.js';

describe('FrequencySketch', () => {
  it('counts one id: the doorkeeper takes the first request, the counters the next, up to 15', () => {
    const sketch = new FrequencySketch(1024);
    expect(sketch.frequency(7)).toBe(0);
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) {
      sketch.increment(7);
      seen.push(sketch.frequency(7));
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 16, 16, 16, 16]);
  });

  it('by hash is the same sketch as by id', () => {
    const byId = new FrequencySketch(256);
    const byHash = new FrequencySketch(256);
    let x = 12345;
    for (let i = 0; i < 5000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      const id = (x >>> 8) % 700;
      byId.increment(id);
      byHash.incrementHash(sketchHash(id));
    }
    for (let id = 0; id < 700; id++) expect(byHash.frequencyOfHash(sketchHash(id))).toBe(byId.frequency(id));
  });

  it('halves every counter and clears the doorkeeper after sampleSize additions', () => {
    const sketch = new FrequencySketch(16);
    expect(sketch.sampleSize).toBe(160);
    for (let i = 0; i < 159; i++) sketch.increment(3);
    expect(sketch.frequency(3)).toBe(16);
    sketch.increment(3); // the 160th addition: counters 15 -> 7, doorkeeper cleared
    expect(sketch.frequency(3)).toBe(7);
    sketch.increment(3);
    expect(sketch.frequency(3)).toBe(8);
  });
});
