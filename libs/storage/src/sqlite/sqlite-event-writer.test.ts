// The event writer in a worker thread (eventWriter: 'worker-thread'): the same contracts as the
// inline writer, plus what the thread adds: a call resolves only once another connection can read
// its rows (committed), writes from the main thread and the worker never interleave or wait on
// each other's lock, errors cross the thread typed and the batch stays all or nothing, and close
// finishes the writes queued before it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventDocument } from '@auditflow/ingestion';
import type { AuditStore } from '../ports';
import {
  describeCheckpointStoreContract,
  describeEventStoreContract,
  describeInvestigationStoreContract,
  TEST_TENANT,
  testEventDocument,
  testLedgerEntry,
} from '../testing';
import { openSqliteStore } from './open-sqlite-store';

const dir = mkdtempSync(join(tmpdir(), 'auditflow-writer-'));
const opened: AuditStore[] = [];
let counter = 0;
const newPath = (): string => join(dir, `store-${++counter}.db`);
const freshStore = (path = newPath()): AuditStore => {
  const store = openSqliteStore({ path, eventWriter: 'worker-thread', retentionSeconds: 86_400 });
  opened.push(store);
  return store;
};
afterAll(async () => {
  for (const store of opened) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const docs = (prefix: string, n: number): EventDocument[] =>
  Array.from({ length: n }, (_, i) => testEventDocument({ id: `${prefix}-${i}`, time: new Date(Date.UTC(2026, 10, 5, 0, 0, i)).toISOString() }));
const countOnOtherConnection = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describeEventStoreContract('sqlite, worker-thread writer', async () => freshStore().events, { purgesExpired: true });
describeCheckpointStoreContract('sqlite, worker-thread writer', async () => freshStore().checkpoints);
describeInvestigationStoreContract('sqlite, worker-thread writer', async () => freshStore());

describe('the worker-thread event writer', () => {
  it('resolves upsertEvents only once the rows are committed (another connection reads them)', async () => {
    const path = newPath();
    const store = freshStore(path);
    for (let round = 0; round < 5; round++) {
      expect(await store.events.upsertEvents(docs(`r${round}`, 300))).toEqual({ written: 300, duplicates: 0 });
      expect(countOnOtherConnection(path)).toBe(300 * (round + 1));
    }
    expect(await store.events.upsertEvents(docs('r0', 300))).toEqual({ written: 0, duplicates: 300 });
  });

  it('takes concurrent event and ledger writes in call order, none lost, none waiting on the other lock', async () => {
    const path = newPath();
    const store = openSqliteStore({ path, eventWriter: 'worker-thread', busyTimeoutInMs: 0 });
    opened.push(store);
    // busy_timeout 0: a main-thread write that met the worker's open transaction would fail with
    // StoreBusy at once instead of waiting, so every call succeeding shows they took turns. Ledger
    // and event writes keep coming, every 10 ms, while a large batch is in the worker.
    let inFlight = true;
    const big = store.events.upsertEvents(docs('big', 5_000)).finally(() => (inFlight = false));
    const ledger: Promise<void>[] = [];
    while (inFlight) {
      ledger.push(store.checkpoints.putLedgerEntries([testLedgerEntry(`blob-${ledger.length}`)]));
      ledger.push(store.events.upsertEvents(docs(`small-${ledger.length}`, 1)).then(() => undefined));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all([big, ...ledger]);
    expect(ledger.length).toBeGreaterThan(2);
    expect(await store.events.countEvents({ tenantId: TEST_TENANT })).toBe(5_000 + ledger.length / 2);
    const ids = Array.from({ length: ledger.length / 2 }, (_, i) => `blob-${2 * i}`);
    expect((await store.checkpoints.getLedgerEntries(TEST_TENANT, 'Audit.SharePoint', ids)).size).toBe(ids.length);
  });

  it('passes a failed batch back typed, stores nothing of it, and goes on with the next call', async () => {
    const store = freshStore();
    const batch = docs('bad', 50);
    // A document without contentId violates NOT NULL in the worker's insert: the whole
    // transaction rolls back there, and the caller sees SQLite's error with its code.
    const broken = [...batch.slice(0, 49), { ...batch[49]!, contentId: null as unknown as string }];
    const error = await store.events.upsertEvents(broken).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
    expect(await store.events.countEvents({ tenantId: TEST_TENANT })).toBe(0);
    expect(await store.events.upsertEvents(batch)).toEqual({ written: 50, duplicates: 0 });
  });

  it('finishes the writes queued before close, then refuses calls as a closed store', async () => {
    const path = newPath();
    const store = openSqliteStore({ path, eventWriter: 'worker-thread' });
    const pending = [store.events.upsertEvents(docs('q1', 500)), store.events.upsertEvents(docs('q2', 500))];
    await store.close();
    expect(await Promise.all(pending)).toEqual([
      { written: 500, duplicates: 0 },
      { written: 500, duplicates: 0 },
    ]);
    expect(countOnOtherConnection(path)).toBe(1_000);
    const error = await store.events.upsertEvents(docs('late', 1)).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'StoreClosed' });
  });

  it('applies the store default ttl and the document ttl in the worker as inline writes do', async () => {
    const path = newPath();
    const store = freshStore(path);
    const before = Date.now();
    await store.events.upsertEvents([{ ...docs('ttl', 1)[0]! }, { ...docs('own', 1)[0]!, ttl: 60 }]);
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT id, expires_at FROM events ORDER BY id').all() as { id: string; expires_at: number }[];
    db.close();
    expect(rows[0]!.id).toBe('own-0');
    expect(rows[0]!.expires_at - before).toBeGreaterThanOrEqual(60_000);
    expect(rows[0]!.expires_at - before).toBeLessThan(70_000);
    expect(rows[1]!.expires_at - before).toBeGreaterThanOrEqual(86_400_000);
  });

  it("refuses 'worker-thread' on ':memory:' and an unknown writer", () => {
    expect(() => openSqliteStore({ path: ':memory:', eventWriter: 'worker-thread' })).toThrow(/needs a file/);
    expect(() => openSqliteStore({ path: newPath(), eventWriter: 'thread' as 'inline' })).toThrow(/eventWriter/);
  });
});
