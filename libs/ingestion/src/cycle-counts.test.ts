import { describe, expect, it } from 'vitest';
import { addCounts, CYCLE_COUNT_KEYS, ZERO_COUNTS } from './cycle-counts';

describe('cycle counts', () => {
  it('adds counter by counter, ignoring fields that are not counters', () => {
    const sum = addCounts(addCounts(ZERO_COUNTS, { blobsStored: 2, gaps: 1 }), { blobsStored: 1, blobsSkipped: 4, recordsFetched: 9 } as never);
    expect(sum).toEqual({ ...ZERO_COUNTS, blobsStored: 3, blobsSkipped: 4, gaps: 1 });
    expect(Object.keys(sum)).toEqual([...CYCLE_COUNT_KEYS]);
  });

  it('starts every counter at zero', () => {
    expect(CYCLE_COUNT_KEYS.every((key) => ZERO_COUNTS[key] === 0)).toBe(true);
    expect(CYCLE_COUNT_KEYS).toContain('blobsSettledEarlier');
  });
});
