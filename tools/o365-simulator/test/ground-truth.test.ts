import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator } from '../src/index';
import { fetchBlob, listLastWeek, type Listed } from './collect-all';
import { api, bearer, HOUR } from './helpers';

describe('ground truth', () => {
  let sim: RunningSimulator;
  let token: string;
  const listings = new Map<string, Listed[]>();
  const fetched = new Map<string, string[]>();
  const lost = new Set<string>();

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 21, users: 8, days: 2, recordsPerHour: 120, pageSize: 40, startTime: new Date('2026-07-01T00:00:00Z'),
      faults: { expiredBlobRate: 0.15, redeliveryRate: 0.3, relistRate: 0.2 },
    });
    token = await bearer(sim);
    for (const ct of CONTENT_TYPES) {
      await api(sim, token, `subscriptions/start?contentType=${ct}`, { method: 'POST' });
      const blobs = await listLastWeek(sim, token, ct);
      listings.set(ct, blobs);
      for (const b of blobs) {
        if (fetched.has(b.contentId) || lost.has(b.contentId)) continue;
        const answer = await fetchBlob(sim, token, b.contentUri);
        if (answer.status === 200) fetched.set(b.contentId, answer.records.map((r) => String(r['Id'])));
        else {
          expect(answer.code).toBe('AF20051');
          lost.add(b.contentId);
        }
      }
    }
  });
  afterAll(() => sim.close());

  it('equals what a perfect collector gets: every retrievable blob, lost ones excluded', () => {
    const truth = sim.groundTruth();
    const collected = new Set([...fetched.values()].flat());
    expect(collected.size).toBeGreaterThan(1000);
    expect([...truth.ids].filter((id) => !collected.has(id))).toEqual([]);
    expect([...collected].filter((id) => !truth.ids.has(id))).toEqual([]);
    expect(truth.lostContentIds).toEqual(lost);
    expect(lost.size).toBeGreaterThan(0);
    for (const id of truth.lostIds) expect(truth.ids.has(id)).toBe(false);
    expect(truth.lostIds.size).toBeGreaterThan(0);
    // a lost blob's records that were redelivered elsewhere are not lost
    expect(truth.lostIds.size).toBeLessThan(lost.size * 150);
  });

  it('filters by content type and by the FIRST contentCreated in [from, to)', () => {
    const from = new Date(sim.clock.now().getTime() - 30 * HOUR);
    const to = new Date(sim.clock.now().getTime() - 10 * HOUR);
    for (const ct of CONTENT_TYPES) {
      const firstCreated = new Map<string, number>();
      for (const b of listings.get(ct)!) {
        const t = Date.parse(b.contentCreated);
        firstCreated.set(b.contentId, Math.min(t, firstCreated.get(b.contentId) ?? Infinity));
      }
      const expected = new Set<string>();
      for (const [contentId, t] of firstCreated) {
        if (t >= from.getTime() && t < to.getTime()) for (const id of fetched.get(contentId) ?? []) expected.add(id);
      }
      const truth = sim.groundTruth({ contentType: ct, from, to });
      expect([...truth.ids].sort(), ct).toEqual([...expected].sort());
      for (const contentId of truth.lostContentIds) expect(lost.has(contentId)).toBe(true);
    }
  });

  it('grows as the clock moves and counts requests in stats()', () => {
    const before = sim.groundTruth().ids.size;
    sim.clock.advance(6 * HOUR);
    expect(sim.groundTruth().ids.size).toBeGreaterThan(before);
    const stats = sim.stats();
    expect(stats.requests).toBeGreaterThan(fetched.size);
    expect(stats.byStatus[200]).toBeGreaterThan(fetched.size);
    expect(stats.byStatus[400]).toBe(lost.size);
    expect(stats.throttled).toBe(0);
  });
});
