import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeContentId, HOUR_MS } from '../src/content-id';
import { startSimulator, type RunningSimulator } from '../src/index';
import { api, bearer, DAY, errorCode, feedUrl, HOUR } from './helpers';

const START = new Date('2026-03-02T12:00:00Z');
const CT = 'Audit.SharePoint';
type Blob = { contentType: string; contentId: string; contentUri: string; contentCreated: string; contentExpiration: string };

describe('Management Activity API semantics', () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, users: 10, days: 3, recordsPerHour: 400, pageSize: 7, startTime: START });
    token = await bearer(sim);
  });
  afterAll(() => sim.close());

  it('answers 401 without a token or with a bad one, AF20010 for another tenant, AF20001 without PublisherIdentifier', async () => {
    const none = await api(sim, undefined, 'subscriptions/list');
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ Message: 'Authorization has been denied for this request.' });
    expect((await api(sim, 'sim.not-a-token', 'subscriptions/list')).status).toBe(401);
    const other = await fetch(`${sim.url}/api/v1.0/11111111-2222-4333-8444-555555555555/activity/feed/subscriptions/list?PublisherIdentifier=x`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(other.status).toBe(401);
    expect(errorCode(await other.json())).toBe('AF20010');
    const noPublisher = await api(sim, token, 'subscriptions/list', { publisher: null });
    expect(noPublisher.status).toBe(400);
    expect(errorCode(noPublisher.json)).toBe('AF20001');
  });

  it('sets request-id and Date headers', async () => {
    const answer = await api(sim, token, 'subscriptions/list');
    expect(answer.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(answer.headers.get('date') ?? ''))).toBe(false);
  });

  it('answers AF20022 before the start, AF20024 on a second start, and lists the subscription', async () => {
    const before = await api(sim, token, `subscriptions/content?contentType=${CT}`);
    expect(before.status).toBe(400);
    expect(errorCode(before.json)).toBe('AF20022');
    const start = await api(sim, token, `subscriptions/start?contentType=${CT}`, { method: 'POST' });
    expect(start.status).toBe(200);
    expect(start.json).toEqual({ contentType: CT, status: 'enabled', webhook: null });
    const again = await api(sim, token, `subscriptions/start?contentType=${CT}`, { method: 'POST' });
    expect(again.status).toBe(400);
    expect(errorCode(again.json)).toBe('AF20024');
    const list = await api(sim, token, 'subscriptions/list');
    expect(list.json).toEqual([{ contentType: CT, status: 'enabled', webhook: null }]);
    expect(errorCode((await api(sim, token, 'subscriptions/start?contentType=Audit.Nope', { method: 'POST' })).json)).toBe('AF20020');
  });

  it('guards restarts for 15 minutes with the real remaining time, as HTTP 403 code "429"', async () => {
    const ct = 'Audit.General';
    expect((await api(sim, token, `subscriptions/start?contentType=${ct}`, { method: 'POST' })).status).toBe(200);
    expect((await api(sim, token, `subscriptions/stop?contentType=${ct}`, { method: 'POST' })).status).toBe(200);
    sim.clock.advance(6 * 60_000 + 14_000);
    const guarded = await api(sim, token, `subscriptions/start?contentType=${ct}`, { method: 'POST' });
    expect(guarded.status).toBe(403);
    expect(guarded.json).toEqual({ error: { code: '429', message: 'Too many frequent subscription start requests. Please retry again after 8m 46s.' } });
    sim.clock.advance(9 * 60_000);
    expect((await api(sim, token, `subscriptions/start?contentType=${ct}`, { method: 'POST' })).status).toBe(200);
  });

  it('validates listing windows: AF20055 for over 24 h, over 7 days back, start >= end, one bound only', async () => {
    const now = sim.clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const bad = [
      `startTime=${iso(now - 25 * HOUR)}&endTime=${iso(now)}`,
      `startTime=${iso(now - 7 * DAY - HOUR)}&endTime=${iso(now - 7 * DAY + HOUR)}`,
      `startTime=${iso(now - HOUR)}&endTime=${iso(now - HOUR)}`,
      `startTime=${iso(now - HOUR)}&endTime=${iso(now - 2 * HOUR)}`,
      `startTime=${iso(now - HOUR)}`,
      `endTime=${iso(now - HOUR)}`,
    ];
    for (const window of bad) {
      const answer = await api(sim, token, `subscriptions/content?contentType=${CT}&${window}`);
      expect(answer.status, window).toBe(400);
      expect(errorCode(answer.json), window).toBe('AF20055');
    }
    expect(errorCode((await api(sim, token, `subscriptions/content?contentType=Audit.Bad&startTime=${iso(now - HOUR)}&endTime=${iso(now)}`)).json)).toBe('AF20020');
    const dateOnly = new Date(now - DAY).toISOString().slice(0, 10);
    expect((await api(sim, token, `subscriptions/content?contentType=${CT}&startTime=${dateOnly}&endTime=${dateOnly}T12:00`)).status).toBe(200);
  });

  async function listAll(first: string): Promise<{ blobs: Blob[]; pages: number }> {
    const blobs: Blob[] = [];
    let url: string | undefined = first;
    let pages = 0;
    while (url) {
      const answer = await api(sim, token, url);
      expect(answer.status).toBe(200);
      blobs.push(...(answer.json as Blob[]));
      pages += 1;
      const next = answer.headers.get('NextPageUri');
      if (next) expect(next).toContain('?');
      url = next ?? undefined;
    }
    return { blobs, pages };
  }

  it('filters startTime <= contentCreated < endTime and pages with NextPageUri', async () => {
    const end = Date.parse('2026-03-02T00:00:00Z');
    const { blobs, pages } = await listAll(`subscriptions/content?contentType=${CT}&startTime=2026-03-01T00:00:00&endTime=2026-03-02T00:00:00`);
    expect(pages).toBeGreaterThan(2);
    expect(blobs.length).toBeGreaterThan(14);
    for (const b of blobs) {
      const created = Date.parse(b.contentCreated);
      expect(created).toBeGreaterThanOrEqual(end - DAY);
      expect(created).toBeLessThan(end);
      expect(Date.parse(b.contentExpiration)).toBeGreaterThan(created - 3 * DAY);
      expect(b.contentUri).toBe(`${sim.url}/api/v1.0/${sim.tenantId}/activity/feed/audit/${b.contentId}`);
    }
    // publication order
    const times = blobs.map((b) => Date.parse(b.contentCreated));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // the next window starts exactly where this one ends: no blob in both
    const next = await listAll(`subscriptions/content?contentType=${CT}&startTime=2026-03-02T00:00:00&endTime=2026-03-02T06:00:00`);
    const keys = new Set(blobs.map((b) => `${b.contentId}|${b.contentCreated}`));
    for (const b of next.blobs) expect(keys.has(`${b.contentId}|${b.contentCreated}`)).toBe(false);
    const badPage = await api(sim, token, `subscriptions/content?contentType=${CT}&startTime=2026-03-01T00:00:00&endTime=2026-03-02T00:00:00&nextPage=2026030100R0000000700000000`);
    expect(errorCode(badPage.json)).toBe('AF20031');
  });

  it('lists the last 24 h when no bound is given', async () => {
    const now = sim.clock.now().getTime();
    const { blobs } = await listAll(`subscriptions/content?contentType=${CT}`);
    expect(blobs.length).toBeGreaterThan(0);
    for (const b of blobs) expect(Date.parse(b.contentCreated)).toBeGreaterThanOrEqual(now - DAY - 1000);
  });

  it('returns a blob as a JSON array, AF20052 for a bad id, AF20050 for an unpublished one, AF20051 once it is older than 7 days', async () => {
    const { blobs } = await listAll(`subscriptions/content?contentType=${CT}&startTime=2026-03-01T00:00:00&endTime=2026-03-02T00:00:00`);
    const blob = blobs[0]!;
    const answer = await api(sim, token, blob.contentUri);
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.json)).toBe(true);
    expect((answer.json as unknown[]).length).toBeGreaterThan(0);
    const bad = await api(sim, token, 'audit/nonsense$id');
    expect(errorCode(bad.json)).toBe('AF20052');
    const head = blob.contentId.split('$')[0]!;
    const forgedHead = `${head.slice(0, 15)}${head.endsWith('00000000') ? '11111111' : '00000000'}`;
    const forged = await api(sim, token, `audit/${blob.contentId.split(head).join(forgedHead)}`);
    expect(errorCode(forged.json)).toBe('AF20052');
    // a well-formed id of a blob not published yet (its hour has not even begun)
    const future = encodeContentId(5, { contentType: CT, slot: Math.floor(sim.clock.now().getTime() / HOUR_MS) + 2, index: 0 });
    const unpublished = await api(sim, token, `audit/${future}`);
    expect(unpublished.status).toBe(404);
    expect(errorCode(unpublished.json)).toBe('AF20050');
    const offset = Date.parse(blob.contentExpiration) - sim.clock.now().getTime() + 1000;
    sim.clock.advance(offset);
    try {
      const expired = await api(sim, token, blob.contentUri);
      expect(expired.status).toBe(400);
      expect(errorCode(expired.json)).toBe('AF20051');
    } finally {
      sim.clock.advance(-offset);
    }
  });

  it('lists notifications only for a subscription with a webhook, and serves DLP sensitive types', async () => {
    const ct = 'DLP.All';
    const body = JSON.stringify({ webhook: { address: 'https://127.0.0.1:9/hook', authId: 'auth1', expiration: '' } });
    const start = await api(sim, token, `subscriptions/start?contentType=${ct}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(start.json).toEqual({ contentType: ct, status: 'enabled', webhook: { status: 'enabled', address: 'https://127.0.0.1:9/hook', authId: 'auth1', expiration: null } });
    const notes = await api(sim, token, `subscriptions/notifications?contentType=${ct}`);
    expect(notes.status).toBe(200);
    const first = (notes.json as Record<string, string>[])[0]!;
    expect(first['notificationStatus']).toBe('Succeeded');
    expect(first['contentUri']).toContain('/activity/feed/audit/');
    const none = await api(sim, token, `subscriptions/notifications?contentType=${CT}`);
    expect(none.json).toEqual([]);
    const dlp = await api(sim, token, 'resources/dlpSensitiveTypes', { headers: { 'accept-language': 'en-US' } });
    expect((dlp.json as { id: string; name: string }[]).some((t) => t.name === 'Credit Card Number')).toBe(true);
    const two = await api(sim, token, 'resources/dlpSensitiveTypes', { headers: { 'accept-language': 'en-US, fr' } });
    expect(errorCode(two.json)).toBe('AF20053');
  });

  it('keeps publishing as the clock moves, and a 9-day jump works', async () => {
    const ct = 'Audit.Exchange';
    await api(sim, token, `subscriptions/start?contentType=${ct}`, { method: 'POST' });
    const now = sim.clock.now().getTime();
    const window = (ms: number) => `subscriptions/content?contentType=${ct}&startTime=${new Date(ms - 6 * HOUR).toISOString()}&endTime=${new Date(ms + 6 * HOUR).toISOString()}`;
    const before = (await listAll(window(now))).blobs.length;
    sim.clock.advance(6 * HOUR);
    const after = (await listAll(window(now))).blobs.length;
    expect(after).toBeGreaterThan(before);
    sim.clock.advance(9 * DAY);
    const later = (await listAll(window(sim.clock.now().getTime() - 6 * HOUR))).blobs;
    expect(later.length).toBeGreaterThan(0);
    const blob = await api(sim, token, later[later.length - 1]!.contentUri);
    expect(blob.status).toBe(200);
    expect(feedUrl(sim, 'x?a=1')).toContain('&PublisherIdentifier=');
  });
});
