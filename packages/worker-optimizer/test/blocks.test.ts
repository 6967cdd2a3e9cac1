import { describe, expect, it } from 'vitest';
import { chooseBlocks } from '../src/blocks.js';

describe('chooseBlocks', () => {
  it('finds blocks whose sizes add up to the count, with the fewest blocks', () => {
    expect(chooseBlocks([1, 2, 4, 1, 8], 12)).toEqual([2, 4]);
    expect(chooseBlocks([1, 2, 4, 1, 8], 15)).toEqual([0, 1, 2, 4]);
    expect(chooseBlocks([1, 7, 8], 15)).toEqual([1, 2]);
  });

  it('takes the largest sum under the count when none is exact (the rest is started as a new block)', () => {
    expect(chooseBlocks([1, 7, 8], 12)).toEqual([0, 2]);
    expect(chooseBlocks([], 4)).toEqual([]);
  });
});
