// The benchmark's stores, generated once and cached under the OS temp folder: a 1,000,000-event
// store takes minutes to build, and every run would otherwise pay it. The cache key covers what
// makes two stores differ: the generator's source, the event count and the schema the real SQLite
// adapter creates today (read from an empty store), so a change to either builds a new file. A
// store is built under a temporary name and renamed when complete: a run killed mid-build leaves
// no half store behind a valid key.
import { createHash } from 'node:crypto';
import { copyFileSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '@auditflow/storage';
import { documents } from './event-generator';

export const CACHE_DIR = join(tmpdir(), 'auditflow-investigate-bench-cache');
/** Documents per write: each is one transaction of the real adapter (upsertEvents). */
const WRITE_BATCH = 50_000;

function schemaOfRealAdapter(): string {
  const dir = mkdtempSync(join(tmpdir(), 'auditflow-bench-schema-'));
  try {
    const path = join(dir, 'empty.db');
    void openSqliteStore({ path }).close();
    const db = new Database(path, { readonly: true });
    try {
      const rows = db.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").all() as { sql: string }[];
      return rows.map((r) => r.sql).join(';\n');
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cacheKey(events: number): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(__dirname, 'event-generator.ts')));
  hash.update(schemaOfRealAdapter());
  hash.update(String(events));
  return `events-${events}-${hash.digest('hex').slice(0, 16)}.db`;
}

/** The path of a cached store of `events` events, built now when missing. */
export async function cachedStore(events: number, log: (line: string) => void): Promise<string> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const name = cacheKey(events);
  const path = join(CACHE_DIR, name);
  if (existsSync(path)) {
    log(`store of ${events.toLocaleString('en-US')} events: cached at ${path}`);
    return path;
  }
  // Stores of older keys (another generator or schema) are never read again.
  for (const old of readdirSync(CACHE_DIR)) if (old.startsWith(`events-${events}-`)) rmSync(join(CACHE_DIR, old), { force: true });
  const building = `${path}.building-${process.pid}`;
  const started = Date.now();
  const store = openSqliteStore({ path: building });
  try {
    for (let n = 0; n < events; n += WRITE_BATCH) {
      await store.events.upsertEvents(documents(n, Math.min(WRITE_BATCH, events - n), `bulk-${n}`));
    }
    await store.checkpointWal?.();
  } finally {
    await store.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  renameSync(building, path);
  log(`store of ${events.toLocaleString('en-US')} events: built in ${((Date.now() - started) / 1000).toFixed(0)} s at ${path}`);
  return path;
}

/** A private copy of a cached store the run may write to (the indicator cycles add events). */
export function workingCopy(cached: string, dir: string): string {
  const path = join(dir, 'auditflow.db');
  copyFileSync(cached, path, constants.COPYFILE_FICLONE);
  return path;
}
