// The shared contracts against a real SQLite file, plus what only SQLite does: purge by ttl, a
// folder created for the file, and several connections and processes on one file.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditStore } from '../ports';
import { isStorageError } from '../storage-error';
import Database from 'better-sqlite3';
import { describeCheckpointStoreContract, describeEventStoreContract, TEST_TENANT, testEventDocument, testLedgerEntry } from '../testing';
import { openSqliteStore } from './open-sqlite-store';

const dir = mkdtempSync(join(tmpdir(), 'auditflow-sqlite-'));
const opened: AuditStore[] = [];
let counter = 0;
const freshStore = (options: { retentionSeconds?: number } = {}): AuditStore => {
  const store = openSqliteStore({ path: join(dir, `store-${++counter}.db`), ...options });
  opened.push(store);
  return store;
};

afterAll(async () => {
  for (const store of opened) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('sqlite', async () => freshStore().events, { purgesExpired: true });
describeCheckpointStoreContract('sqlite', async () => freshStore().checkpoints);

const countAll = (store: AuditStore): Promise<number> => store.events.countEvents({ tenantId: TEST_TENANT });

describe('openSqliteStore', () => {
  it('creates the folder of the file and reopens what it stored', async () => {
    const path = join(dir, 'nested', 'deeper', 'audit.db');
    const first = openSqliteStore({ path });
    await first.events.upsertEvents([testEventDocument({ id: 'kept', time: '2026-11-01T00:00:00.000Z' })]);
    await first.close();
    expect(existsSync(path)).toBe(true);
    const again = openSqliteStore({ path });
    opened.push(again);
    expect(await countAll(again)).toBe(1);
  });

  it('refuses bad options with a StorageError, and calls on a closed store', async () => {
    expect(() => openSqliteStore({ path: '' })).toThrow(/path/);
    expect(() => openSqliteStore({ path: join(dir, 'x.db'), retentionSeconds: 0 })).toThrow(/retentionSeconds/);
    const store = freshStore();
    await store.close();
    const closed = await store.events.countEvents({ tenantId: TEST_TENANT }).catch((e: unknown) => e);
    expect(isStorageError(closed) && closed.code).toBe('StoreClosed');
  });
});

describe('ledger read failures on a file made before quarantine', () => {
  it('adds the read_failures column on open and keeps the entries already there', async () => {
    const path = join(dir, 'before-quarantine.db');
    const first = openSqliteStore({ path });
    await first.checkpoints.putLedgerEntries([testLedgerEntry('old')]);
    await first.close();
    const db = new Database(path);
    db.exec('ALTER TABLE ledger DROP COLUMN read_failures');
    db.close();
    const again = openSqliteStore({ path });
    opened.push(again);
    const readFailures = { attempts: 2, firstFailedAt: '2026-11-20T10:00:00.000Z', lastFailedAt: '2026-11-20T10:10:00.000Z', lastError: 'x' };
    await again.checkpoints.putLedgerEntries([testLedgerEntry('new', { readFailures })]);
    const found = await again.checkpoints.getLedgerEntries(TEST_TENANT, 'Audit.SharePoint', ['old', 'new']);
    expect(found.get('old')?.readFailures).toBeUndefined();
    expect(found.get('new')?.readFailures).toEqual(readFailures);
  });
});

describe('listEventIds', () => {
  it('pages through more ids than one page holds, ties on time included, while the caller writes', async () => {
    const store = freshStore();
    const docs = Array.from({ length: 12_345 }, (_, i) =>
      // 100 documents share each timestamp: the cursor must not skip or repeat within a tie.
      testEventDocument({ id: `p-${i}`, time: new Date(Date.UTC(2026, 10, 1) + Math.floor(i / 100) * 1000).toISOString(), contentType: i % 3 === 0 ? 'Audit.Exchange' : 'Audit.SharePoint' }),
    );
    await store.events.upsertEvents(docs);
    const seen: string[] = [];
    for await (const id of store.events.listEventIds(TEST_TENANT)) {
      seen.push(id);
      if (seen.length === 6_000) await store.events.upsertEvents([testEventDocument({ id: 'late', time: '2020-01-01T00:00:00.000Z' })]);
    }
    expect(seen).toHaveLength(12_345);
    expect(new Set(seen).size).toBe(12_345);
    let exchange = 0;
    for await (const _id of store.events.listEventIds(TEST_TENANT, 'Audit.Exchange')) exchange++;
    expect(exchange).toBe(4_115);
  });
});

describe('retention purge', () => {
  it('expires documents ttl seconds after they were written (not after their event time)', async () => {
    const store = freshStore({ retentionSeconds: 3_600 });
    const written = Date.now();
    await store.events.upsertEvents([
      testEventDocument({ id: 'default-ttl', time: '2020-01-01T00:00:00.000Z' }),
      testEventDocument({ id: 'own-ttl', time: '2020-01-01T00:00:00.000Z', ttl: 60 }),
      testEventDocument({ id: 'never', time: '2020-01-01T00:00:00.000Z', ttl: -1 }),
    ]);
    expect(await store.events.purgeExpired(new Date(written))).toBe(0);
    expect(await store.events.purgeExpired(new Date(written + 120_000))).toBe(1);
    expect(await store.events.purgeExpired(new Date(written + 1_800_000))).toBe(0);
    expect(await store.events.purgeExpired(new Date(written + 3_700_000))).toBe(1);
    expect(await store.events.purgeExpired(new Date(written + 10 * 365 * 86_400_000))).toBe(0);
    const left = await store.events.queryEvents({ tenantId: TEST_TENANT });
    expect(left.map((d) => d.id)).toEqual(['never']);
  });

  it('keeps documents without ttl when the store has no retention', async () => {
    const store = freshStore();
    await store.events.upsertEvents([testEventDocument({ id: 'no-ttl', time: '2020-01-01T00:00:00.000Z' })]);
    expect(await store.events.purgeExpired(new Date(Date.now() + 10 * 365 * 86_400_000))).toBe(0);
  });
});

describe('one file, several connections', () => {
  it('two connections see each other\'s writes, de-duplicate across each other and guard watermarks', async () => {
    const path = join(dir, 'shared.db');
    const a = openSqliteStore({ path });
    const b = openSqliteStore({ path });
    opened.push(a, b);
    const doc = (id: string): ReturnType<typeof testEventDocument> => testEventDocument({ id, time: '2026-11-02T00:00:00.000Z' });
    expect(await a.events.upsertEvents([doc('1'), doc('2')])).toEqual({ written: 2, duplicates: 0 });
    expect(await b.events.upsertEvents([doc('2'), doc('3')])).toEqual({ written: 1, duplicates: 1 });
    expect(await countAll(a)).toBe(3);
    const w = { tenantId: TEST_TENANT, contentType: 'Audit.General' as const, value: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' };
    const created = await a.checkpoints.putWatermark(w, null);
    const readByB = await b.checkpoints.getWatermark(TEST_TENANT, 'Audit.General');
    expect(readByB).toEqual(created);
    await b.checkpoints.putWatermark({ ...w, value: '2026-11-02T00:00:00.000Z' }, readByB!.etag!);
    await expect(a.checkpoints.putWatermark({ ...w, value: '2026-11-03T00:00:00.000Z' }, created.etag!)).rejects.toMatchObject({ code: 'WatermarkConflict' });
  });

  it('a child process writes while this process reads and writes the same file', async () => {
    const path = join(dir, 'two-processes.db');
    const mine = openSqliteStore({ path, busyTimeoutInMs: 10_000 });
    opened.push(mine);
    const fixture = resolve(__dirname, 'sqlite-writer.fixture.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, path, '40', '250'], {
      cwd: resolve(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    let running = true;
    void exited.then(() => (running = false));
    let mineWritten = 0;
    let reads = 0;
    let lastCount = 0;
    for (let i = 0; running || i < 5; i++) {
      const count = await countAll(mine);
      expect(count).toBeGreaterThanOrEqual(lastCount); // committed batches never disappear
      lastCount = count;
      reads++;
      mineWritten += (await mine.events.upsertEvents([testEventDocument({ id: `parent-${i}`, time: '2026-11-03T00:00:00.000Z' })])).written;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await exited, err).toBe(0);
    expect(out.trim()).toBe('done 10000');
    expect(reads).toBeGreaterThan(5);
    expect(await countAll(mine)).toBe(10_000 + mineWritten);
  });
});
