// The retention timer's body against a real SQLite store in a temp folder: expired event
// documents and old ledger entries go, everything else stays, and no ledger entry whose blob the
// API could still list is ever deleted.
import { loadConfig } from '@auditflow/config';
import { API_RETENTION_MS, type LedgerEntry } from '@auditflow/ingestion';
import type { AuditStore } from '@auditflow/storage';
import { TEST_TENANT, testEventDocument, testLedgerEntry } from '@auditflow/storage/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTempStore, type TempStore } from '../../test/temp-store';
import { purgeExpired, runPurgeTimer, type PurgeDeps } from './purge-timer';
import { structuredLog } from '../shared/structured-log';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// A real listing (fixtures/records): contentExpiration is about 5 minutes short of created + 7 days.
const EXPIRY_AFTER_CREATED_MS = API_RETENTION_MS - 5 * 60_000;

function recordingLog() {
  const lines: { level: 'info' | 'error'; line: string }[] = [];
  const context = {
    info: (line: string) => lines.push({ level: 'info', line }),
    warn: () => undefined,
    error: (line: string) => lines.push({ level: 'error', line }),
  };
  return { log: structuredLog(context), lines };
}

/** The one line's JSON fields (`message {...}`). */
function fieldsOf(line: string): Record<string, unknown> {
  return JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>;
}

async function ids(store: AuditStore): Promise<string[]> {
  const out: string[] = [];
  for await (const id of store.events.listEventIds(TEST_TENANT)) out.push(id);
  return out.sort();
}

function ledgerEntry(contentId: string, createdMs: number, state: LedgerEntry['state'] = 'stored'): LedgerEntry {
  return testLedgerEntry(contentId, {
    contentCreated: new Date(createdMs).toISOString(),
    contentExpiration: new Date(createdMs + EXPIRY_AFTER_CREATED_MS).toISOString(),
    state,
  });
}

describe('purgeExpired (the retention timer)', () => {
  let temp: TempStore | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await temp?.dispose();
    temp = undefined;
  });

  it('purges documents whose ttl passed and keeps fresh ones, then logs one line with the counts', async () => {
    temp = openTempStore();
    const { store } = temp;
    // Written two hours ago (the SQLite store counts ttl from the write, like Cosmos DB).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 2 * HOUR_MS);
    await store.events.upsertEvents([
      testEventDocument({ id: 'past-ttl-60s', time: '2026-11-20T10:00:00.000Z', ttl: 60 }),
      testEventDocument({ id: 'past-ttl-1h', time: '2026-11-20T10:00:01.000Z', ttl: 3_600 }),
      testEventDocument({ id: 'past-ttl-1d', time: '2026-11-20T10:00:02.000Z', ttl: 86_400 }),
      testEventDocument({ id: 'past-default-ttl', time: '2026-11-20T10:00:03.000Z' }),
    ]);
    vi.useRealTimers();
    await store.events.upsertEvents([testEventDocument({ id: 'now-ttl-60s', time: '2026-11-20T10:00:04.000Z', ttl: 60 })]);

    const { log, lines } = recordingLog();
    const deps: PurgeDeps = { store, tenantId: TEST_TENANT, now: () => new Date(), log };
    const result = await purgeExpired(deps);

    expect(result).toMatchObject({ eventsPurged: 2, ledgerEntriesPurged: 0 });
    expect(await ids(store)).toEqual(['now-ttl-60s', 'past-default-ttl', 'past-ttl-1d']);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('info');
    expect(lines[0]!.line).not.toContain('\n');
    expect(lines[0]!.line.startsWith('retention purge done {')).toBe(true);
    expect(fieldsOf(lines[0]!.line)).toEqual({
      tenantId: TEST_TENANT,
      store: 'sqlite',
      now: expect.any(String),
      eventsPurged: 2,
      ledgerEntriesPurged: 0,
      elapsedMs: expect.any(Number),
    });
    expect((await purgeExpired(deps)).eventsPurged).toBe(0);
  });

  it('purges ledger entries whose content expired over 7 days ago and keeps recent ones', async () => {
    temp = openTempStore();
    const { store } = temp;
    const now = new Date();
    const t = now.getTime();
    await store.checkpoints.putLedgerEntries([
      ledgerEntry('created-30d-lost', t - 30 * DAY_MS, 'lost'),
      ledgerEntry('created-15d', t - 15 * DAY_MS),
      // Expired yesterday, never fetched: advanceWatermark must still find it to record it lost.
      ledgerEntry('created-8d-listed', t - 8 * DAY_MS, 'listed'),
      // The oldest blob the API still lists.
      ledgerEntry('created-7d-less-1m', t - API_RETENTION_MS + 60_000),
      ledgerEntry('created-1h', t - HOUR_MS),
    ]);
    const { log, lines } = recordingLog();
    const result = await purgeExpired({ store, tenantId: TEST_TENANT, now: () => now, log });

    expect(result).toMatchObject({ eventsPurged: 0, ledgerEntriesPurged: 2 });
    const kept = await store.checkpoints.listLedger(TEST_TENANT, 'Audit.SharePoint');
    expect(kept.map((e) => e.contentId).sort()).toEqual(['created-1h', 'created-7d-less-1m', 'created-8d-listed']);
    expect(fieldsOf(lines[0]!.line)).toMatchObject({ store: 'sqlite', ledgerEntriesPurged: 2 });
  });

  it('never deletes a ledger entry whose blob could still be listed (created within the last 7 days)', async () => {
    temp = openTempStore();
    const { store } = temp;
    const now = new Date();
    const t = now.getTime();
    // One blob every hour over the last 21 days, expiring as real listings say.
    const entries = Array.from({ length: 21 * 24 }, (_, i) => ledgerEntry(`blob-${i}`, t - i * HOUR_MS - 1));
    await store.checkpoints.putLedgerEntries(entries);
    const { log } = recordingLog();
    const result = await purgeExpired({ store, tenantId: TEST_TENANT, now: () => now, log });

    const kept = new Set((await store.checkpoints.listLedger(TEST_TENANT, 'Audit.SharePoint')).map((e) => e.contentId));
    const listable = entries.filter((e) => Date.parse(e.contentCreated) >= t - API_RETENTION_MS);
    expect(listable.length).toBeGreaterThan(7 * 24 - 2);
    for (const e of listable) expect(kept.has(e.contentId), `${e.contentId} created ${e.contentCreated}`).toBe(true);
    // The store's rule: contentExpiration more than 7 days before now, i.e. created ~14 days ago.
    const expected = entries.filter((e) => Date.parse(e.contentExpiration) < t - API_RETENTION_MS);
    expect(result.ledgerEntriesPurged).toBe(expected.length);
    expect(expected.every((e) => Date.parse(e.contentCreated) < t - 2 * API_RETENTION_MS + HOUR_MS)).toBe(true);
    expect(kept.size).toBe(entries.length - expected.length);
  });

  it('logs and rethrows a failure, saying which step failed', async () => {
    temp = openTempStore();
    const { store } = temp;
    const failing = {
      kind: store.kind,
      events: store.events,
      checkpoints: {
        ...store.checkpoints,
        purgeExpired: async () => {
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        },
      },
    } as Pick<AuditStore, 'kind' | 'events' | 'checkpoints'>;
    const { log, lines } = recordingLog();

    await expect(purgeExpired({ store: failing, tenantId: TEST_TENANT, now: () => new Date(), log })).rejects.toThrow('database is locked');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('error');
    expect(lines[0]!.line.startsWith('retention purge failed {')).toBe(true);
    expect(fieldsOf(lines[0]!.line)).toMatchObject({ tenantId: TEST_TENANT, store: 'sqlite', step: 'ledger', eventsPurged: 0, error: 'database is locked' });
  });

  it('does not purge the ledger when the event purge failed', async () => {
    temp = openTempStore();
    const { store } = temp;
    const ledgerPurge = vi.fn(async () => 0);
    const failing = {
      kind: store.kind,
      events: { ...store.events, purgeExpired: async () => Promise.reject(new Error('disk I/O error')) },
      checkpoints: { ...store.checkpoints, purgeExpired: ledgerPurge },
    } as Pick<AuditStore, 'kind' | 'events' | 'checkpoints'>;
    const { log, lines } = recordingLog();

    await expect(purgeExpired({ store: failing, tenantId: TEST_TENANT, now: () => new Date(), log })).rejects.toThrow('disk I/O error');
    expect(ledgerPurge).not.toHaveBeenCalled();
    expect(fieldsOf(lines[0]!.line)).toMatchObject({ step: 'events', eventsPurged: null });
  });
});

describe('runPurgeTimer (one tick)', () => {
  it('purges the runtime\'s store for the configured tenant', async () => {
    const temp = openTempStore();
    try {
      const config = loadConfig({ AUDITFLOW_TENANT_ID: TEST_TENANT });
      await temp.store.checkpoints.putLedgerEntries([ledgerEntry('created-20d', Date.now() - 20 * DAY_MS)]);
      const { log, lines } = recordingLog();
      expect(await runPurgeTimer(async () => ({ config, store: temp.store }), log)).toMatchObject({ eventsPurged: 0, ledgerEntriesPurged: 1 });
      expect(fieldsOf(lines[0]!.line)).toMatchObject({ tenantId: TEST_TENANT, store: 'sqlite', ledgerEntriesPurged: 1 });
    } finally {
      await temp.dispose();
    }
  });

  it('logs and rethrows when the settings are invalid, naming every problem', async () => {
    const { log, lines } = recordingLog();
    const runtime = async () => loadConfig({ AUDITFLOW_TENANT_ID: 'not-a-guid', AUDITFLOW_STORE: 'nowhere' }) as never;
    await expect(runPurgeTimer(runtime, log)).rejects.toMatchObject({ code: 'InvalidConfig' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('error');
    expect(lines[0]!.line).not.toContain('\n');
    const fields = fieldsOf(lines[0]!.line);
    expect(fields.problems).toHaveLength(2);
    expect(String(fields.error)).toMatch(/2 problems/);
  });
});
