// The SQLite file's identity and what the disk can do to it: a store id made with the file, a
// file deleted or replaced under an open store (refused at the next write), and a full disk
// (SQLITE_FULL from SQLite itself, via max_page_count) or an I/O error: a typed, retryable error
// and never a half-written batch.
import { mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditStore } from '../ports';
import { isStorageError, StorageError } from '../storage-error';
import { TEST_TENANT, testEventDocument, testGap } from '../testing';
import { openSqliteStore } from './open-sqlite-store';
import { readSqliteStoreId } from './read-sqlite-store-id';
import { SqliteConnection } from './sqlite-connection';
import { translateSqliteError } from './sqlite-errors';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'auditflow-identity-'));
const opened: AuditStore[] = [];
let counter = 0;
const newPath = (): string => join(dir, `store-${++counter}.db`);
const open = (path: string): AuditStore => {
  const store = openSqliteStore({ path });
  opened.push(store);
  return store;
};
afterAll(async () => {
  for (const store of opened) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const failure = async (run: () => Promise<unknown>): Promise<StorageError> => {
  const error = await run().then(() => undefined, (e: unknown) => e);
  if (!isStorageError(error)) throw new Error(`expected a StorageError, got ${String(error)}`);
  return error;
};
const doc = (id: string): ReturnType<typeof testEventDocument> => testEventDocument({ id, time: '2026-11-05T10:00:00.000Z' });

describe('readSqliteStoreId', () => {
  it('is undefined without a file, made with the file, kept across opens, different for another file', async () => {
    const path = newPath();
    expect(readSqliteStoreId(path)).toBeUndefined();
    const store = open(path);
    const id = readSqliteStoreId(path);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await store.close();
    expect(readSqliteStoreId(path)).toBe(id);
    const again = open(path);
    await again.events.upsertEvents([doc('x')]);
    expect(readSqliteStoreId(path)).toBe(id);
    const other = newPath();
    open(other);
    expect(readSqliteStoreId(other)).not.toBe(id);
  });

  it('refuses an empty path', () => {
    expect(() => readSqliteStoreId('')).toThrow(expect.objectContaining({ code: 'InvalidStoreOptions' }));
  });
});

describe('a store whose file is deleted or replaced while open', () => {
  /** A store at a new path with one event ('before'), and another store file with one ('other') to move onto it. */
  const storeAndReplacement = async (): Promise<{ path: string; other: string; store: AuditStore }> => {
    const other = newPath();
    const prepared = openSqliteStore({ path: other });
    await prepared.events.upsertEvents([doc('other')]);
    await prepared.close();
    const path = newPath();
    const store = openSqliteStore({ path });
    expect(await store.events.upsertEvents([doc('before')])).toEqual({ written: 1, duplicates: 0 });
    return { path, other, store };
  };

  it('refuses the next event, watermark, gap and purge write with StoreReplaced naming the path', async () => {
    const { path, other, store } = await storeAndReplacement();
    // Someone moves another store file onto the path (a restore, a new empty store): the inode
    // this connection writes to is no longer the one the path names.
    renameSync(other, path);
    const error = await failure(() => store.events.upsertEvents([doc('after')]));
    expect(error.code).toBe('StoreReplaced');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`${path} was replaced by another file`);
    expect(error.message).toMatch(/restore the original file/);
    const watermark = { tenantId: TEST_TENANT, contentType: 'Audit.General' as const, value: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' };
    expect((await failure(() => store.checkpoints.putWatermark(watermark, null))).code).toBe('StoreReplaced');
    expect((await failure(() => store.checkpoints.recordGap(testGap('g')))).code).toBe('StoreReplaced');
    expect((await failure(() => store.events.purgeExpired(new Date()))).code).toBe('StoreReplaced');
    // Reads are refused too: the connection let go of the file.
    expect((await failure(() => store.events.countEvents({ tenantId: TEST_TENANT }))).code).toBe('StoreReplaced');
    await store.close();
    // The file now at the path holds its own documents only: the old connection's WAL (found by
    // name, beside it) was emptied, not replayed into it.
    const now = open(path);
    expect((await now.events.queryEvents({ tenantId: TEST_TENANT })).map((d) => d.id)).toEqual(['other']);
    expect(await now.checkpoints.getWatermark(TEST_TENANT, 'Audit.General')).toBeUndefined();
  });

  it('checks investigation writes too (findings, baselines, analysed blobs, reference data)', async () => {
    const path = newPath();
    const store = openSqliteStore({ path });
    await store.investigation.putReference({ tenantId: TEST_TENANT, name: 'dlp', fetchedAt: '2026-11-01T00:00:00.000Z', value: [] });
    unlinkSync(path);
    const error = await failure(() => store.investigation.markAnalysed(TEST_TENANT, 'Audit.General', ['blob-1'], '2026-11-01T00:00:00.000Z'));
    expect(error.code).toBe('StoreReplaced');
    await store.close();
  });

  it('says "was deleted" when the file is gone', async () => {
    const path = newPath();
    const store = openSqliteStore({ path });
    await store.checkpoints.recordGap(testGap('g1'));
    unlinkSync(path);
    const error = await failure(() => store.checkpoints.recordGap(testGap('g2')));
    expect(error.code).toBe('StoreReplaced');
    expect(error.message).toContain(`${path} was deleted`);
    await store.close();
    // A new store made at the path later starts empty (no stale WAL frames of the deleted one).
    const fresh = open(path);
    expect(await fresh.checkpoints.listGaps(TEST_TENANT)).toEqual([]);
  });

  it('closing a store whose file was replaced (with no write since) leaves no WAL to replay into the new file', async () => {
    const { path, other, store } = await storeAndReplacement();
    renameSync(other, path);
    await store.close();
    const now = open(path);
    expect((await now.events.queryEvents({ tenantId: TEST_TENANT })).map((d) => d.id)).toEqual(['other']);
  });
});

describe('a full disk or an I/O error while writing events', () => {
  it('SQLITE_FULL is StorageError StoreFull (retryable), the batch is all or nothing, and the retry stores it', async () => {
    const path = newPath();
    const connection = new SqliteConnection({ path });
    const events = new SqliteEventStore(connection.acquire(), undefined);
    try {
      await events.upsertEvents([doc('seed')]);
      const pages = connection.db.pragma('page_count', { simple: true }) as number;
      // The database may grow by 3 pages: far less than 500 documents (~1 MB) need.
      connection.db.pragma(`max_page_count = ${pages + 3}`);
      const batch = Array.from({ length: 500 }, (_, i) => doc(`full-${i}`));
      const error = await failure(() => events.upsertEvents(batch));
      expect(error).toMatchObject({ code: 'StoreFull', statusCode: 507, retryable: true });
      expect(error.message).toContain(path);
      expect((error.cause as { code?: string }).code).toBe('SQLITE_FULL');
      expect(await events.countEvents({ tenantId: TEST_TENANT })).toBe(1);
      expect(connection.db.inTransaction).toBe(false);
      connection.db.pragma('max_page_count = 1073741823');
      expect(await events.upsertEvents(batch)).toEqual({ written: 500, duplicates: 0 });
      expect(await events.countEvents({ tenantId: TEST_TENANT })).toBe(501);
    } finally {
      connection.closeNow();
    }
  });

  it('I/O, read-only and busy errors become typed retryable StorageErrors; others pass through', () => {
    const io = translateSqliteError(new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE'), '/data/a.db', 'write events');
    expect(io).toMatchObject({ code: 'StoreIoError', statusCode: 503, retryable: true });
    expect((io as Error).message).toMatch(/\/data\/a\.db failed with SQLITE_IOERR_WRITE while trying to write events/);
    expect(translateSqliteError(new Database.SqliteError('ro', 'SQLITE_READONLY'), 'p', 'w')).toMatchObject({ code: 'StoreIoError' });
    expect(translateSqliteError(new Database.SqliteError('busy', 'SQLITE_BUSY'), 'p', 'w')).toMatchObject({ code: 'StoreBusy', retryable: true });
    const constraint = new Database.SqliteError('NOT NULL constraint failed', 'SQLITE_CONSTRAINT_NOTNULL');
    expect(translateSqliteError(constraint, 'p', 'w')).toBe(constraint);
  });
});
