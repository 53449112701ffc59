// The SQLite schema: one file holds events, watermarks, the content ledger and gaps.
// Flattened fields are columns (indexed for the queries the ports offer); the raw record is JSON text.
import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 1;

const DDL = `
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  partition_key TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  time TEXT NOT NULL,
  workload TEXT,
  record_type INTEGER,
  operation TEXT,
  result TEXT,
  user_id TEXT,
  user_type INTEGER,
  user_key TEXT,
  ip TEXT,
  object_id TEXT,
  site_url TEXT,
  file_name TEXT,
  mailbox TEXT,
  client_app TEXT,
  content_id TEXT NOT NULL,
  raw TEXT NOT NULL,
  ttl INTEGER,
  expires_at INTEGER
);
CREATE INDEX IF NOT EXISTS events_time ON events (tenant_id, time);
CREATE INDEX IF NOT EXISTS events_user ON events (tenant_id, user_id, time);
CREATE INDEX IF NOT EXISTS events_operation ON events (tenant_id, operation, time);
CREATE INDEX IF NOT EXISTS events_content_type ON events (tenant_id, content_type, time);
CREATE INDEX IF NOT EXISTS events_expires ON events (expires_at) WHERE expires_at IS NOT NULL;

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
`;

/**
 * Creates the tables if missing. Runs in an IMMEDIATE transaction so that two processes opening a
 * new file at once serialize on the write lock (busy_timeout waits) instead of racing.
 */
export function ensureSchema(db: Database.Database): void {
  db.transaction(() => {
    db.exec(DDL);
    addReadFailuresColumn(db);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/** Files written before quarantine (ledger without read_failures) get the nullable JSON column. */
function addReadFailuresColumn(db: Database.Database): void {
  const columns = db.prepare('PRAGMA table_info(ledger)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'read_failures')) db.exec('ALTER TABLE ledger ADD COLUMN read_failures TEXT');
}
