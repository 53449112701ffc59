// The investigation tables and the extra event indexes, created after the core schema
// (sqlite-schema.ts) on every open, so a file migrated or rebuilt by the core schema gets them too.
// What each index serves (libs/storage README, "Investigation reads"):
//   events_user_ci  (tenant_id, lower(user_id), time)   pageEvents by user (case-insensitive, as node ids are)
//   events_ip       (tenant_id, ip, time)                pageEvents by IP (graph centre ip:..., scenario B)
//   events_object   (tenant_id, lower(object_id), time)  pageEvents by object (files, items, messages)
//   events_content  (tenant_id, content_id)      the analysis activity reads the events of new blobs
// (by operation, content type and time the core indexes events_operation / events_content_type /
// events_time serve.) SQLite's lower() folds ASCII only: a UPN with non-ASCII capitals matches
// when written as stored.
import type Database from 'better-sqlite3';

const DDL = `
CREATE INDEX IF NOT EXISTS events_ip ON events (tenant_id, ip, time);
CREATE INDEX IF NOT EXISTS events_user_ci ON events (tenant_id, lower(user_id), time);
CREATE INDEX IF NOT EXISTS events_object ON events (tenant_id, lower(object_id), time);
CREATE INDEX IF NOT EXISTS events_content ON events (tenant_id, content_id);

CREATE TABLE IF NOT EXISTS findings (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  indicator TEXT NOT NULL,
  severity TEXT NOT NULL,
  start TEXT NOT NULL,
  "end" TEXT NOT NULL,
  doc TEXT NOT NULL,
  first_detected_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX IF NOT EXISTS findings_end ON findings (tenant_id, "end", id);
CREATE TABLE IF NOT EXISTS finding_entities (
  tenant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  finding_id TEXT NOT NULL,
  PRIMARY KEY (tenant_id, entity, finding_id)
);
CREATE INDEX IF NOT EXISTS finding_entities_finding ON finding_entities (tenant_id, finding_id);

CREATE TABLE IF NOT EXISTS baselines (
  tenant_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  value TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, kind, subject, value)
);
CREATE INDEX IF NOT EXISTS baselines_last_seen ON baselines (tenant_id, last_seen);


CREATE TABLE IF NOT EXISTS analysed_blobs (
  tenant_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  content_id TEXT NOT NULL,
  analysed_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, content_type, content_id)
);
CREATE INDEX IF NOT EXISTS analysed_at ON analysed_blobs (tenant_id, analysed_at);

CREATE TABLE IF NOT EXISTS reference_data (
  tenant_id TEXT NOT NULL,
  name TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (tenant_id, name)
);
`;

export function ensureInvestigationSchema(db: Database.Database): void {
  db.transaction(() => db.exec(DDL)).immediate();
}
