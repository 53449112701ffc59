// Schema version 1 -> 2 on a REAL version-1 file written by the version-1 adapter
// (test/fixtures/store-v1.db, see its README): every row and checkpoint survives, the tenant is
// then part of the event key, and a process killed in the middle of the migration leaves a usable
// version-1 file that the next open migrates.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventDocument } from '@auditflow/ingestion';
import { TEST_TENANT, testEventDocument, testGap, testLedgerEntry } from '../testing';
import { openSqliteStore } from './open-sqlite-store';
import { readSqliteStoreId } from './read-sqlite-store-id';

const FIXTURE = resolve(__dirname, '../../test/fixtures/store-v1.db');
const OTHER_TENANT = '00000000-1111-2222-3333-444444444444';
const dir = mkdtempSync(join(tmpdir(), 'auditflow-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The documents the version-1 adapter wrote into the fixture (test/fixtures/README.md). */
function v1FixtureDocuments(): EventDocument[] {
  return Array.from({ length: 40 }, (_, i) =>
    testEventDocument({
      id: `v1-${String(i).padStart(2, '0')}`,
      time: new Date(Date.UTC(2026, 10, 1 + (i % 10), i % 24)).toISOString(),
      userId: i % 7 === 0 ? null : `user${i % 4}@contoso.example`,
      operation: i % 2 ? 'FileAccessed' : 'MailItemsAccessed',
      contentType: i % 3 === 0 ? 'Audit.Exchange' : 'Audit.SharePoint',
      contentId: `blob-${i % 5}`,
      ...(i === 5 ? { ttl: -1 } : i === 6 ? { ttl: 3600 } : {}),
    }),
  );
}

let copies = 0;
function v1Copy(): string {
  const path = join(dir, `copy-${++copies}.db`);
  copyFileSync(FIXTURE, path);
  return path;
}

const schemaVersion = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};

describe('SQLite schema v1 -> v2', () => {
  it('the fixture is a real version-1 file (bare id key)', () => {
    expect(schemaVersion(FIXTURE)).toBe(1);
    const db = new Database(FIXTURE, { readonly: true });
    const pk = db.prepare("SELECT name FROM pragma_table_info('events') WHERE pk > 0").all();
    db.close();
    expect(pk).toEqual([{ name: 'id' }]);
  });

  it('migrates in place on open: every document, watermark, ledger entry and gap is kept', async () => {
    const path = v1Copy();
    const store = openSqliteStore({ path });
    try {
      expect(schemaVersion(path)).toBe(2);
      const expected = v1FixtureDocuments().sort((a, b) => (a.time === b.time ? a.id.localeCompare(b.id) : a.time.localeCompare(b.time)));
      expect(await store.events.queryEvents({ tenantId: TEST_TENANT })).toEqual(expected);
      const ids: string[] = [];
      for await (const id of store.events.listEventIds(TEST_TENANT, 'Audit.Exchange')) ids.push(id);
      expect(ids.sort()).toEqual(expected.filter((d) => d.contentType === 'Audit.Exchange').map((d) => d.id).sort());
      const watermark = await store.checkpoints.getWatermark(TEST_TENANT, 'Audit.SharePoint');
      expect(watermark).toMatchObject({ value: '2026-11-11T00:00:00.000Z', etag: '"v2"' });
      const ledger = await store.checkpoints.getLedgerEntries(TEST_TENANT, 'Audit.SharePoint', ['blob-0', 'blob-9']);
      expect(ledger.get('blob-0')).toEqual(testLedgerEntry('blob-0', { state: 'stored', recordCount: 8, rejectedCount: 0 }));
      expect(ledger.get('blob-9')).toEqual(testLedgerEntry('blob-9'));
      expect(await store.checkpoints.listGaps(TEST_TENANT)).toEqual([testGap('gap-1')]);
      // The reason for version 2: another tenant's record with the same Id is its own event.
      const theirs = testEventDocument({ id: 'v1-00', time: '2026-11-01T00:00:00.000Z', tenantId: OTHER_TENANT });
      expect(await store.events.upsertEvents([theirs])).toEqual({ written: 1, duplicates: 0 });
      expect(await store.events.upsertEvents([expected[0] as EventDocument])).toEqual({ written: 0, duplicates: 1 });
      // Retention survives: v1-05 (ttl -1) never expires, the other 39 still do (the new one has no ttl).
      expect(await store.events.purgeExpired(new Date(Date.now() + 400 * 86_400_000))).toBe(39);
      expect((await store.events.queryEvents({ tenantId: TEST_TENANT })).map((d) => d.id)).toEqual(['v1-05']);
    } finally {
      await store.close();
    }
  });

  it('gives the migrated file a store id once, kept on every later open', async () => {
    const path = v1Copy();
    const id = readSqliteStoreId(path);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(schemaVersion(path)).toBe(2);
    const store = openSqliteStore({ path });
    await store.close();
    expect(readSqliteStoreId(path)).toBe(id);
    expect(readSqliteStoreId(v1Copy())).not.toBe(id);
  });

  it('a process SIGKILLed in the middle of the migration leaves a usable v1 file; the next open migrates it', async () => {
    const path = v1Copy();
    // Grow the v1 file so the migration copies several chunks: 25,000 rows shaped like the fixture's.
    const v1 = new Database(path);
    const columns = (v1.prepare("SELECT name FROM pragma_table_info('events')").all() as { name: string }[]).map((c) => c.name);
    const rest = columns.filter((c) => c !== 'id').join(', ');
    v1.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 625)
       INSERT INTO events (id, ${rest}) SELECT 'gen-' || n.i || '-' || e.id, ${rest.replace(/\b(\w+)\b/g, 'e.$1')} FROM events e, n`,
    ).run();
    const total = (v1.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    v1.close();
    expect(total).toBe(40 + 625 * 40);

    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, 'sqlite-migrate.fixture.ts'), path], {
      cwd: resolve(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let walBytesAtKill = 0;
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const killedMidway = await new Promise<boolean>((done) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('copying')) {
          walBytesAtKill = statSync(`${path}-wal`).size;
          child.kill('SIGKILL');
          done(true);
        }
      });
      child.on('exit', () => done(false));
    });
    await new Promise((r) => (child.exitCode === null && child.signalCode === null ? child.on('exit', r) : r(undefined)));
    expect(killedMidway, `${out}${err}`).toBe(true);
    expect(out).toMatch(/copying 20000\n/);
    // Uncommitted pages of the half-done copy were in the WAL file when the process died.
    expect(walBytesAtKill).toBeGreaterThan(1_000_000);

    // Still version 1, complete, with no half-built table left behind.
    expect(existsSync(path)).toBe(true);
    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    expect((after.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(total);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'events_v2'").all()).toEqual([]);
    after.close();

    const store = openSqliteStore({ path });
    try {
      expect(schemaVersion(path)).toBe(2);
      expect(await store.events.countEvents({ tenantId: TEST_TENANT })).toBe(total);
    } finally {
      await store.close();
    }
  });

  it('refuses a file of a newer schema, and leaves it as it is', () => {
    const path = v1Copy();
    const db = new Database(path);
    db.pragma('user_version = 3');
    db.close();
    expect(() => openSqliteStore({ path })).toThrow(expect.objectContaining({ code: 'UnsupportedSchema', message: expect.stringContaining('version 3') }));
    expect(schemaVersion(path)).toBe(3);
  });
});
