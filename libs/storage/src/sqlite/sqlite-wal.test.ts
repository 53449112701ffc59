// The WAL policy (C5): a large auto-checkpoint threshold keeps checkpoints (the only fsyncs with
// synchronous = NORMAL) out of event writes, and checkpointWal() between cycles moves the log into
// the database without ever waiting for a reader.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_TENANT, testEventDocument } from '../testing';
import { openSqliteStore } from './open-sqlite-store';

const dir = mkdtempSync(join(tmpdir(), 'auditflow-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const docs = (prefix: string, n: number): ReturnType<typeof testEventDocument>[] =>
  Array.from({ length: n }, (_, i) => testEventDocument({ id: `${prefix}-${i}`, time: new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString() }));

describe('SQLite WAL checkpoints', () => {
  it('a cycle of writes stays in the log (no auto-checkpoint below 10,000 pages) until checkpointWal moves it', async () => {
    const path = join(dir, 'cycle.db');
    const store = openSqliteStore({ path });
    try {
      // ~3,000 documents of ~1.5 kB: several thousand pages, more than SQLite's default 1,000-page threshold.
      for (let b = 0; b < 10; b++) await store.events.upsertEvents(docs(`b${b}`, 300));
      const walBytes = statSync(`${path}-wal`).size;
      expect(walBytes).toBeGreaterThan(2_000 * 4_096); // with the default 1,000-page threshold: ~1,250 pages
      const result = await store.checkpointWal!();
      expect(result.walFrames).toBeGreaterThan(2_000); // default threshold: ~420 left by then
      expect(result.checkpointedFrames).toBe(result.walFrames);
      expect(await store.events.countEvents({ tenantId: TEST_TENANT })).toBe(3_000);
      // The next write starts the log from its beginning again: it does not keep growing.
      await store.events.upsertEvents(docs('after', 10));
      expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(walBytes);
    } finally {
      await store.close();
    }
  });

  it('never waits for a reader that still needs old frames: it moves what it can and says so', async () => {
    const path = join(dir, 'reader.db');
    const store = openSqliteStore({ path, busyTimeoutInMs: 20_000 });
    const reader = new Database(path, { readonly: true });
    try {
      await store.events.upsertEvents(docs('first', 200));
      reader.prepare('BEGIN').run();
      expect((reader.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(200); // holds this snapshot
      await store.events.upsertEvents(docs('second', 200));
      const started = Date.now();
      const busy = await store.checkpointWal!();
      expect(Date.now() - started).toBeLessThan(5_000); // far below the 20 s busy timeout
      expect(busy.checkpointedFrames).toBeLessThan(busy.walFrames);
      reader.prepare('COMMIT').run();
      const done = await store.checkpointWal!();
      expect(done.checkpointedFrames).toBe(done.walFrames);
    } finally {
      reader.close();
      await store.close();
    }
  });

  it('refuses a bad auto-checkpoint option', () => {
    expect(() => openSqliteStore({ path: join(dir, 'bad.db'), walAutocheckpointPages: -1 })).toThrow(/walAutocheckpointPages/);
  });
});
