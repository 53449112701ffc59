// The events table of schema version 2: the one definition the schema and the v1 -> v2 migration share.

/** Columns of `events` in the order both the insert and the v1 -> v2 copy use. */
export const EVENT_COLUMNS = [
  'id', 'partition_key', 'tenant_id', 'content_type', 'time', 'workload', 'record_type', 'operation', 'result',
  'user_id', 'user_type', 'user_key', 'ip', 'object_id', 'site_url', 'file_name', 'mailbox', 'client_app',
  'content_id', 'raw', 'ttl', 'expires_at',
] as const;

/** The events table of version 2 under `name` (the migration builds it beside the old one). */
export function eventsTableDdl(name: string): string {
  return `CREATE TABLE IF NOT EXISTS ${name} (
  id TEXT NOT NULL,
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
  expires_at INTEGER,
  PRIMARY KEY (tenant_id, id)
);`;
}
