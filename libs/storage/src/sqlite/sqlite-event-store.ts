// EventStore on SQLite: one row per event id, flattened columns for queries, the raw record as JSON.
// Writes are insert-if-absent: a record seen again (same blob re-fetched, or the same record in
// another blob) leaves the first stored document untouched, so its contentId is the first blob's.
import type Database from 'better-sqlite3';
import { CONTENT_TYPES, type ContentType, type EventDocument } from '@auditflow/ingestion';
import type { EventPage, EventPageQuery } from '../investigation-ports';
import type { EventQuery, EventStore, UpsertResult } from '../ports';
import { getSqliteEvents, pageSqliteEvents } from './sqlite-event-queries';
import type { SqliteConnection } from './sqlite-connection';
import { fromRow, INSERT_SQL, toParams, type EventRow } from './sqlite-event-row';

const DEFAULT_LIMIT = 1_000;
const ID_PAGE_SIZE = 5_000;

export class SqliteEventStore implements EventStore {
  private readonly insert: Database.Statement;
  private readonly insertMany: (docs: readonly EventDocument[], nowMs: number) => number;

  constructor(
    private readonly connection: SqliteConnection,
    /** Applied to documents without their own ttl, like a Cosmos container's default TTL. */
    private readonly defaultTtlSeconds: number | undefined,
  ) {
    const db = connection.db;
    this.insert = db.prepare(INSERT_SQL);
    const insertAll = db.transaction((docs: readonly EventDocument[], nowMs: number) => {
      let written = 0;
      for (const doc of docs) written += this.insert.run(toParams(doc, nowMs, this.defaultTtlSeconds)).changes;
      return written;
    });
    // IMMEDIATE takes the write lock up front: a deferred transaction that upgrades from read to
    // write can fail with SQLITE_BUSY without waiting when another process writes meanwhile.
    this.insertMany = (docs, nowMs) => insertAll.immediate(docs, nowMs);
  }

  async upsertEvents(docs: readonly EventDocument[]): Promise<UpsertResult> {
    this.connection.use();
    if (docs.length === 0) return { written: 0, duplicates: 0 };
    const written = this.connection.write('write events', () => this.insertMany(docs, Date.now()));
    return { written, duplicates: docs.length - written };
  }

  async queryEvents(query: EventQuery): Promise<EventDocument[]> {
    this.connection.use();
    const { sql, params } = eventQuerySql('select', query);
    const rows = this.connection.statement(sql).all(...params) as EventRow[];
    return rows.map(fromRow);
  }

  async countEvents(filter: Omit<EventQuery, 'limit'>): Promise<number> {
    this.connection.use();
    const { sql, params } = eventQuerySql('count', filter);
    const row = this.connection.statement(sql).get(...params) as { n: number };
    return row.n;
  }

  async *listEventIds(tenantId: string, contentType?: ContentType): AsyncIterable<string> {
    // Keyset pages along the (tenant, content type, time) index, (time, rowid) as the cursor: each
    // page is an index range (no sort, no rescan), so listing N ids costs O(N) however large the
    // store. Pages rather than one open cursor: better-sqlite3 forbids other statements on the
    // connection while an iterator is open, and the caller may write between pages.
    const page = this.connection.statement(
      `SELECT rowid AS rid, id, time FROM events WHERE tenant_id = ? AND content_type = ? AND (time, rowid) > (?, ?)
       ORDER BY time, rowid LIMIT ${ID_PAGE_SIZE}`,
    );
    for (const type of contentType === undefined ? CONTENT_TYPES : [contentType]) {
      let afterTime = '';
      let afterRowid = 0;
      for (;;) {
        this.connection.use();
        const rows = page.all(tenantId, type, afterTime, afterRowid) as { rid: number; id: string; time: string }[];
        for (const row of rows) yield row.id;
        const last = rows[rows.length - 1];
        if (last === undefined || rows.length < ID_PAGE_SIZE) break;
        afterTime = last.time;
        afterRowid = last.rid;
      }
    }
  }

  async pageEvents(query: EventPageQuery): Promise<EventPage> {
    this.connection.use();
    return pageSqliteEvents(this.connection, query);
  }

  async getEvents(tenantId: string, ids: readonly string[]): Promise<EventDocument[]> {
    this.connection.use();
    return getSqliteEvents(this.connection, tenantId, ids);
  }

  async purgeExpired(now: Date): Promise<number> {
    const sql = 'DELETE FROM events WHERE expires_at IS NOT NULL AND expires_at <= ?';
    return this.connection.write('purge expired events', () => this.connection.statement(sql).run(now.getTime()).changes);
  }

  async close(): Promise<void> {
    this.connection.release();
  }
}

/** The SQL of queryEvents / countEvents (exported for the index review test, which EXPLAINs it). */
export function eventQuerySql(kind: 'select' | 'count', query: EventQuery): { sql: string; params: unknown[] } {
  const clauses = ['tenant_id = ?'];
  const params: unknown[] = [query.tenantId];
  const add = (clause: string, ...values: unknown[]): void => {
    clauses.push(clause);
    params.push(...values);
  };
  if (query.from !== undefined) add('time >= ?', query.from);
  if (query.to !== undefined) add('time < ?', query.to);
  // Exact, as in Cosmos DB; lower(user_id) first so the case-insensitive index serves it (one user
  // index for both reads: a second one on user_id cost every write 0.28 WAL frames per document).
  if (query.userId !== undefined) add('lower(user_id) = lower(?) AND user_id = ?', query.userId, query.userId);
  if (query.operation !== undefined) add('operation = ?', query.operation);
  if (query.contentType !== undefined) add('content_type = ?', query.contentType);
  const index = queryIndex(query);
  const from = `events${index === undefined ? '' : ` INDEXED BY ${index}`}`;
  const where = clauses.join(' AND ');
  if (kind === 'count') return { sql: `SELECT COUNT(*) AS n FROM ${from} WHERE ${where}`, params };
  return { sql: `SELECT * FROM ${from} WHERE ${where} ORDER BY time, id LIMIT ?`, params: [...params, query.limit ?? DEFAULT_LIMIT] };
}

/**
 * Named, as the investigation pages name theirs: without ANALYZE statistics the planner may take
 * the time index and walk the tenant's whole range. The most selective filter first.
 */
function queryIndex(query: EventQuery): string | undefined {
  if (query.userId !== undefined) return 'events_user_ci';
  if (query.operation !== undefined) return 'events_operation';
  if (query.contentType !== undefined) return 'events_content_type';
  return undefined;
}
