// One host per data directory. Two hosts on one durable store would both run every activity and
// answer each other's 409s; the second one must refuse to start instead. The lock is an SQLite
// file held in EXCLUSIVE locking mode: the OS releases it when the process dies (even by SIGKILL),
// so a crash never leaves a stale lock behind, and SQLite enforces it between connections of one
// process too. The owner's pid and start time sit beside it in plain text for the error message.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LocalHostError } from './local-host-error';

export const LOCK_FILE = 'local-host.lock';
const OWNER_FILE = 'local-host.lock.owner';

export interface DataDirLock {
  release(): void;
}

export function lockDataDirectory(dir: string): DataDirLock {
  const file = path.join(dir, LOCK_FILE);
  const ownerFile = path.join(dir, OWNER_FILE);
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // the first write takes the exclusive lock, and EXCLUSIVE mode keeps it until close
    db.exec('CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY, at TEXT NOT NULL)');
    db.prepare('INSERT OR REPLACE INTO lock (id, at) VALUES (1, ?)').run(new Date().toISOString());
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY' && (error as { code?: string }).code !== 'SQLITE_LOCKED') throw error;
    throw new LocalHostError(
      'DataDirectoryInUse',
      `Another local host (${owner(ownerFile)}) is running on the data directory ${dir} (it holds ${file}). ` +
        'Two hosts on one durable store would both run the same work. Stop it first, or give this one another --db in another directory.',
      409,
    );
  }
  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }) + '\n');
  return {
    release() {
      if (!db.open) return;
      rmSync(ownerFile, { force: true });
      db.close();
    },
  };
}

function owner(file: string): string {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number; startedAt?: string };
    return `pid ${o.pid}, started ${o.startedAt}`;
  } catch {
    return 'owner unknown';
  }
}
