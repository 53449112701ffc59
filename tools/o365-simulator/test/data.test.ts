import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator } from '../src/index';
import { fetchBlob, listLastWeek, listWindow } from './collect-all';
import { api, bearer, DAY, HOUR } from './helpers';

const START = new Date('2026-05-10T08:30:00Z');
const beatsDir = resolve(__dirname, '../../..', '../shared/fixtures/records/elastic-beats');
const CREATION_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const COMMON = ['Id', 'RecordType', 'CreationTime', 'Operation', 'OrganizationId', 'UserType', 'UserKey', 'Workload', 'ResultStatus', 'ObjectId', 'UserId', 'ClientIP'];

function fixtureRecords(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const file of readdirSync(beatsDir).filter((f) => /^\d\d-.*\.log$/.test(f))) {
    for (const line of readFileSync(resolve(beatsDir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // a few fixture lines are deliberately broken
      }
    }
  }
  return out;
}

async function startedSim(seed: number, extra: Parameters<typeof startSimulator>[0] = {}): Promise<{ sim: RunningSimulator; token: string }> {
  const sim = await startSimulator({ seed, users: 12, days: 2, recordsPerHour: 200, pageSize: 100, startTime: START, ...extra });
  const token = await bearer(sim);
  for (const ct of CONTENT_TYPES) await api(sim, token, `subscriptions/start?contentType=${ct}`, { method: 'POST' });
  return { sim, token };
}

describe('generated data', () => {
  let sim: RunningSimulator;
  let token: string;
  const records = new Map<string, Record<string, unknown>[]>();
  const listed = new Map<string, { contentId: string; contentUri: string; contentCreated: string }[]>();

  beforeAll(async () => {
    ({ sim, token } = await startedSim(11, { faults: { redeliveryRate: 0.2, relistRate: 0.2 } }));
    for (const ct of CONTENT_TYPES) {
      const blobs = await listLastWeek(sim, token, ct);
      listed.set(ct, blobs);
      for (const b of blobs) records.set(b.contentId, (await fetchBlob(sim, token, b.contentUri)).records);
    }
  });
  afterAll(() => sim.close());

  it('is the same for the same seed and different for another seed', async () => {
    const twin = await startedSim(11, { faults: { redeliveryRate: 0.2, relistRate: 0.2 } });
    const other = await startedSim(12, { faults: { redeliveryRate: 0.2, relistRate: 0.2 } });
    try {
      expect([...twin.sim.groundTruth().ids].sort()).toEqual([...sim.groundTruth().ids].sort());
      const mine = listed.get('Audit.Exchange')!;
      const theirs = await listLastWeek(twin.sim, twin.token, 'Audit.Exchange');
      expect(theirs.map((b) => `${b.contentId}|${b.contentCreated}`)).toEqual(mine.map((b) => `${b.contentId}|${b.contentCreated}`));
      expect((await fetchBlob(twin.sim, twin.token, theirs[0]!.contentUri)).records).toEqual(records.get(mine[0]!.contentId));
      const mineIds = sim.groundTruth().ids;
      const overlap = [...other.sim.groundTruth().ids].filter((id) => mineIds.has(id)).length;
      expect(overlap).toBe(0);
    } finally {
      await twin.sim.close();
      await other.sim.close();
    }
  });

  it('spreads recordsPerHour over the five content types', () => {
    const total = sim.groundTruth().ids.size;
    // 2 days of history + about 12 h of publication delay: roughly 200 records/h x 36..48 h
    expect(total).toBeGreaterThan(200 * 30);
    expect(total).toBeLessThan(200 * 50);
    for (const ct of CONTENT_TYPES) expect(sim.groundTruth({ contentType: ct }).ids.size, ct).toBeGreaterThan(0);
  });

  it('shapes records like the real fixtures: common fields, types, CreationTime without Z', () => {
    const real = fixtureRecords();
    expect(real.length).toBeGreaterThan(150);
    for (const field of COMMON) expect(real.some((r) => field in r), `${field} in the fixtures`).toBe(true);
    for (const r of real.filter((x) => typeof x['CreationTime'] === 'string').slice(0, 100)) expect(String(r['CreationTime'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    const ours = [...records.values()].flat();
    expect(ours.length).toBeGreaterThan(1000);
    for (const r of ours) {
      for (const field of COMMON) expect(r, field).toHaveProperty(field);
      expect(r['Id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(typeof r['RecordType']).toBe('number');
      expect(typeof r['UserType']).toBe('number');
      expect(r['CreationTime']).toMatch(CREATION_TIME);
      expect(r['OrganizationId']).toBe(sim.tenantId);
    }
    // Per RecordType, most field names of the real records of that type appear in ours.
    const realByType = new Map<number, Set<string>>();
    for (const r of real) {
      const type = Number(r['RecordType']);
      const keys = realByType.get(type) ?? new Set<string>();
      for (const k of Object.keys(r)) keys.add(k);
      realByType.set(type, keys);
    }
    const ourTypes = new Set(ours.map((r) => Number(r['RecordType'])));
    for (const type of [15, 8, 6, 14, 4, 2, 1, 25, 11, 13]) {
      expect(ourTypes.has(type), `RecordType ${type}`).toBe(true);
      const ourKeys = new Set(ours.filter((r) => r['RecordType'] === type).flatMap((r) => Object.keys(r)));
      const realKeys = [...(realByType.get(type) ?? [])];
      if (realKeys.length === 0) continue; // no real record of this type in the fixtures
      const shared = realKeys.filter((k) => ourKeys.has(k)).length;
      expect(shared / realKeys.length, `RecordType ${type}: ${realKeys.filter((k) => !ourKeys.has(k)).join(',')}`).toBeGreaterThan(0.5);
    }
    const ips = ours.map((r) => String(r['ClientIP']));
    expect(ips.some((ip) => /^\d+\.\d+\.\d+\.\d+:\d+$/.test(ip))).toBe(true);
    expect(ips.some((ip) => /^\[[0-9a-f:]+\]:\d+$/.test(ip))).toBe(true);
    expect(ips.some((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip))).toBe(true);
  });

  it('publishes each blob 30 min to 12 h after its events, out of order', () => {
    let late = 0;
    let outOfOrder = 0;
    let previousEvent = 0;
    for (const b of listed.get('Audit.SharePoint')!) {
      const times = records.get(b.contentId)!.map((r) => Date.parse(`${String(r['CreationTime'])}Z`));
      const created = Date.parse(b.contentCreated);
      const first = Math.min(...times);
      if (created - Math.max(...times) < 30 * 60_000 - 1000) throw new Error(`${b.contentId} published too early`);
      if (created - first > 12 * HOUR + 3 * DAY) throw new Error(`${b.contentId} published too late`);
      if (created - first > 3 * HOUR) late += 1;
      if (first < previousEvent) outOfOrder += 1;
      previousEvent = first;
    }
    expect(late).toBeGreaterThan(0);
    expect(outOfOrder).toBeGreaterThan(0);
  });

  it('redelivers some records in a second blob and relists some blobs later', () => {
    const seen = new Map<string, string>();
    let repeated = 0;
    for (const [contentId, rs] of records) {
      for (const r of rs) {
        const other = seen.get(String(r['Id']));
        if (other !== undefined && other !== contentId) repeated += 1;
        seen.set(String(r['Id']), contentId);
      }
    }
    expect(repeated).toBeGreaterThan(0);
    const relisted = listed.get('Audit.Exchange')!.filter((b, i, all) => all.findIndex((x) => x.contentId === b.contentId) !== i);
    expect(relisted.length).toBeGreaterThan(0);
    for (const b of relisted) {
      const first = listed.get('Audit.Exchange')!.find((x) => x.contentId === b.contentId)!;
      expect(Date.parse(b.contentCreated)).toBeGreaterThan(Date.parse(first.contentCreated));
    }
  });

  it('lists nothing newer than now', async () => {
    const now = sim.clock.now().getTime();
    const blobs = await listWindow(sim, token, 'Audit.General', now - 12 * HOUR, now + 12 * HOUR);
    for (const b of blobs) expect(Date.parse(b.contentCreated)).toBeLessThanOrEqual(now);
  });
});
