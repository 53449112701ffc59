// Schema version 1 -> 2, in place: version 1 keyed events by the bare record id, so the same Id in
// two tenants was one row (the second tenant's record counted as a "duplicate" and lost). Version
// 2 keys them by (tenant_id, id). SQLite cannot change a primary key, so the rows are copied into
// a new table that then takes the old one's name. The caller runs this inside its one IMMEDIATE
// transaction: a crash at any point leaves the version-1 file untouched.
import type Database from 'better-sqlite3';
import { EVENT_COLUMNS, eventsTableDdl } from './sqlite-events-table';

export interface MigrationHooks {
  /** Tests: called after each copied chunk (rows copied so far), inside the transaction. */
  readonly afterChunk?: (copied: number) => void;
}

const CHUNK_ROWS = 10_000;

export function migrateV1ToV2(db: Database.Database, hooks: MigrationHooks): void {
  db.exec('DROP TABLE IF EXISTS events_v2');
  db.exec(eventsTableDdl('events_v2'));
  const columns = EVENT_COLUMNS.join(', ');
  // rowid is kept, so the rows stay in the order they were written (listEventIds' tie-breaker).
  const copy = db.prepare(
    `INSERT INTO events_v2 (rowid, ${columns}) SELECT rowid, ${columns} FROM events WHERE rowid > ? ORDER BY rowid LIMIT ${CHUNK_ROWS} RETURNING rowid`,
  );
  let after = 0;
  let copied = 0;
  for (;;) {
    const rows = copy.all(after) as { rowid: number }[];
    if (rows.length === 0) break;
    copied += rows.length;
    after = Math.max(after, ...rows.map((r) => r.rowid));
    hooks.afterChunk?.(copied);
  }
  // Dropping the old table drops its indexes too; the caller creates version 2's on the new one.
  db.exec('DROP TABLE events');
  db.exec('ALTER TABLE events_v2 RENAME TO events');
}
