import { describe, expect, it } from 'vitest';
import { API_RETENTION_MS } from './model';
import { ledgerPurgeCutoffMs, ttlSecondsFor } from './retention';

describe('retention', () => {
  it.each([[1, 86_400], [90, 7_776_000], [0.5, 43_200], [0.000001, 1]])('ttlSecondsFor(%d days) = %d s', (days, seconds) => {
    expect(ttlSecondsFor(days)).toBe(seconds);
  });
  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('ttlSecondsFor(%d) is refused', (days) => {
    expect(() => ttlSecondsFor(days)).toThrow(/retentionDays/);
  });
  it('a ledger entry can be purged once its content expired longer ago than the API keeps content', () => {
    const now = new Date('2026-11-20T00:00:00.000Z');
    expect(ledgerPurgeCutoffMs(now)).toBe(now.getTime() - API_RETENTION_MS);
    expect(new Date(ledgerPurgeCutoffMs(now)).toISOString()).toBe('2026-11-13T00:00:00.000Z');
  });
});
