// The SQLite schema: one file holds events, watermarks, the content ledger, gaps and the file's
// identity (`meta`). Flattened fields are columns (indexed for the queries the ports offer); the
// raw record is JSON text. Version history: 1 = events keyed by the bare record id; 2 = events
// keyed by (tenant_id, id) and a `meta` table with the store's random id (migrated in place).
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { StorageError } from '../storage-error';
import { eventsTableDdl } from './sqlite-events-table';
import { migrateV1ToV2, type MigrationHooks } from './sqlite-migrate-v1';

export const SCHEMA_VERSION = 2;

// Secondary indexes of events: see "Index review" in the README for the query each one serves
// (sqlite-index-review.test.ts checks every query's plan and that no index is left unused).
// events_user (tenant_id, user_id, time) is gone: events_user_ci serves the exact user reads too;
// files made before lose it on open (DROP INDEX only frees its pages, the rows are untouched).
export const EVENT_INDEXES_DDL = `
DROP INDEX IF EXISTS events_user;
CREATE INDEX IF NOT EXISTS events_time ON events (tenant_id, time);
CREATE INDEX IF NOT EXISTS events_operation ON events (tenant_id, operation, time);
CREATE INDEX IF NOT EXISTS events_content_type ON events (tenant_id, content_type, time);
CREATE INDEX IF NOT EXISTS events_expires ON events (expires_at) WHERE expires_at IS NOT NULL;
`;

const OTHER_TABLES_DDL = `
CREATE TABLE IF NOT EXISTS watermarks (
  tenant_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_cycle TEXT,
  version INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, content_type)
);
CREATE TABLE IF NOT EXISTS ledger (
  tenant_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  content_id TEXT NOT NULL,
  content_uri TEXT NOT NULL,
  content_created TEXT NOT NULL,
  content_expiration TEXT NOT NULL,
  expires_ms INTEGER NOT NULL,
  state TEXT NOT NULL,
  record_count INTEGER,
  rejected_count INTEGER,
  updated_at TEXT NOT NULL,
  read_failures TEXT,
  PRIMARY KEY (tenant_id, content_type, content_id)
);
CREATE INDEX IF NOT EXISTS ledger_created ON ledger (tenant_id, content_type, content_created);
CREATE INDEX IF NOT EXISTS ledger_expires ON ledger (expires_ms);
CREATE TABLE IF NOT EXISTS gaps (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  content_id TEXT,
  recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS gaps_tenant ON gaps (tenant_id, content_type, recorded_at);
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

/**
 * Creates the tables if missing, or migrates an older file in place. Runs in ONE IMMEDIATE
 * transaction: two processes opening a new file at once serialize on the write lock (busy_timeout
 * waits) instead of racing, and a process killed mid-migration leaves the file as it was (SQLite
 * rolls the uncommitted transaction back on the next open), never half migrated.
 */
export function ensureSchema(db: Database.Database, path: string, hooks: MigrationHooks = {}): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new StorageError(
        'UnsupportedSchema',
        500,
        `The SQLite store ${path} has schema version ${version}, newer than the ${SCHEMA_VERSION} this auditflow ` +
          'knows: it was written by a newer release. Run that release (or newer) on it; this one does not change it.',
      );
    }
    if (version === 1) migrateV1ToV2(db, hooks);
    db.exec(eventsTableDdl('events'));
    db.exec(EVENT_INDEXES_DDL);
    db.exec(OTHER_TABLES_DDL);
    addReadFailuresColumn(db);
    // The file's identity: created once with the file (or at its migration), never changed.
    const insertMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
    insertMeta.run('store_id', randomUUID());
    insertMeta.run('created_at', new Date().toISOString());
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/** The random id created with the file (`meta.store_id`). */
export function storeIdOf(db: Database.Database): string {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'store_id'").get() as { value: string } | undefined;
  if (row === undefined) throw new StorageError('UnsupportedSchema', 500, 'The SQLite store has no store_id in its meta table.');
  return row.value;
}

/** Files written before quarantine (ledger without read_failures) get the nullable JSON column. */
function addReadFailuresColumn(db: Database.Database): void {
  const columns = db.prepare('PRAGMA table_info(ledger)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'read_failures')) db.exec('ALTER TABLE ledger ADD COLUMN read_failures TEXT');
}
