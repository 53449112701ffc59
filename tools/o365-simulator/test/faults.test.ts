import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator, type SimulatorFaults } from '../src/index';
import { listWindow } from './collect-all';
import { api, bearer, errorCode, HOUR } from './helpers';

const CT = 'Audit.Exchange';

describe('fault knobs', () => {
  let sim: RunningSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function start(faults: SimulatorFaults, subscribe = true): Promise<{ s: RunningSimulator; token: string }> {
    sim = await startSimulator({ seed: 4, users: 5, days: 1, recordsPerHour: 100, startTime: new Date('2026-01-10T00:00:00Z'), faults });
    const token = await bearer(sim);
    if (subscribe) await api(sim, token, `subscriptions/start?contentType=${CT}`, { method: 'POST' });
    return { s: sim, token };
  }

  async function someBlobUri(s: RunningSimulator, token: string): Promise<string> {
    const now = s.clock.now().getTime();
    const blobs = await listWindow(s, token, CT, now - 20 * HOUR, now);
    return blobs[0]!.contentUri;
  }

  it('throttles beyond rateLimitPerMinute per PublisherIdentifier with AF429, Retry-After and 403/429', async () => {
    const { s, token } = await start({ rateLimitPerMinute: 5, throttleStatus: 'mixed' }, false);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) expect((await api(s, token, 'subscriptions/list')).status).toBe(200);
    for (let i = 0; i < 30; i++) {
      const answer = await api(s, token, 'subscriptions/list');
      expect(errorCode(answer.json)).toBe('AF429');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      statuses.push(answer.status);
    }
    expect(new Set(statuses)).toEqual(new Set([403, 429]));
    // another publisher has its own budget
    expect((await api(s, token, 'subscriptions/list', { publisher: 'another-publisher' })).status).toBe(200);
    expect(s.stats().throttled).toBe(30);
  });

  it('answers a share of requests with AF50000 (500/503), and a retry of the same request can succeed', async () => {
    const { s, token } = await start({ serverErrorRate: 0.5 }, false);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const answer = await api(s, token, 'subscriptions/list');
      statuses.push(answer.status);
      if (answer.status !== 200) expect(errorCode(answer.json)).toBe('AF50000');
    }
    expect(statuses).toContain(200);
    expect(statuses.some((x) => x === 500 || x === 503)).toBe(true);
  });

  it('slows responses down by slowResponseMs', async () => {
    const { s, token } = await start({ slowResponseRate: 1, slowResponseMs: 300 }, false);
    const began = performance.now();
    expect((await api(s, token, 'subscriptions/list')).status).toBe(200);
    expect(performance.now() - began).toBeGreaterThanOrEqual(290);
  });

  it('cuts blob bodies mid-JSON with a 200', async () => {
    const { s, token } = await start({ truncatedBodyRate: 1 });
    const answer = await api(s, token, await someBlobUri(s, token));
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith('[')).toBe(true);
    expect(() => JSON.parse(answer.text) as unknown).toThrow();
  });

  it('resets connections mid-response', async () => {
    const { s, token } = await start({ connectionResetRate: 1 }, false);
    await expect(api(s, token, 'subscriptions/list')).rejects.toThrow();
    expect(s.stats().byStatus[0]).toBe(1);
  });

  it('expires a share of blobs for good (AF20051 on every retry) and reports them as lost', async () => {
    const { s, token } = await start({ expiredBlobRate: 1 });
    const uri = await someBlobUri(s, token);
    for (let i = 0; i < 3; i++) {
      const answer = await api(s, token, uri);
      expect(answer.status).toBe(400);
      expect(errorCode(answer.json)).toBe('AF20051');
    }
    const truth = s.groundTruth({ contentType: CT });
    expect(truth.ids.size).toBe(0);
    expect(truth.lostContentIds.has(decodeURIComponent(uri.split('/audit/')[1]!))).toBe(true);
    expect(truth.lostIds.size).toBeGreaterThan(0);
  });

  it('rejects fault rates outside 0..1', async () => {
    await expect(startSimulator({ faults: { serverErrorRate: 2 } })).rejects.toThrow(/between 0 and 1/);
  });
});
