// EventStore on SQLite: one row per event id, flattened columns for queries, the raw record as JSON.
// Writes are insert-if-absent: a record seen again (same blob re-fetched, or the same record in
// another blob) leaves the first stored document untouched, so its contentId is the first blob's.
import type Database from 'better-sqlite3';
import { CONTENT_TYPES, type ContentType, type EventDocument } from '@auditflow/ingestion';
import type { EventPage, EventPageQuery } from '../investigation-ports';
import type { EventQuery, EventStore, UpsertResult } from '../ports';
import { getSqliteEvents, pageSqliteEvents } from './sqlite-event-queries';
import type { SqliteConnection } from './sqlite-connection';
import { EVENT_COLUMNS } from './sqlite-events-table';

// Insert-if-absent by the event's identity, (tenant, record id): the same Id in another tenant is
// another event (schema version 2; version 1 keyed by the bare id and lost the second tenant's).
export const INSERT_SQL = `INSERT INTO events (${EVENT_COLUMNS.join(', ')})
  VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (tenant_id, id) DO NOTHING`;

const DEFAULT_LIMIT = 1_000;
const ID_PAGE_SIZE = 5_000;

interface EventRow {
  id: string;
  partition_key: string;
  tenant_id: string;
  content_type: ContentType;
  time: string;
  workload: string | null;
  record_type: number | null;
  operation: string | null;
  result: string | null;
  user_id: string | null;
  user_type: number | null;
  user_key: string | null;
  ip: string | null;
  object_id: string | null;
  site_url: string | null;
  file_name: string | null;
  mailbox: string | null;
  client_app: string | null;
  content_id: string;
  raw: string;
  ttl: number | null;
}

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
    const { where, params } = buildWhere(query);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = this.connection.statement(`SELECT * FROM events WHERE ${where} ORDER BY time, id LIMIT ?`).all(
      ...params,
      limit,
    ) as EventRow[];
    return rows.map(fromRow);
  }

  async countEvents(filter: Omit<EventQuery, 'limit'>): Promise<number> {
    this.connection.use();
    const { where, params } = buildWhere(filter);
    const row = this.connection.statement(`SELECT COUNT(*) AS n FROM events WHERE ${where}`).get(...params) as { n: number };
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

export function toParams(doc: EventDocument, nowMs: number, defaultTtl: number | undefined): unknown[] {
  const ttl = doc.ttl ?? defaultTtl;
  // Cosmos counts ttl from the last write; an insert-if-absent store writes once, so from now.
  const expiresAt = ttl === undefined || ttl < 0 ? null : nowMs + ttl * 1000;
  const { actor, target } = doc;
  return [
    doc.id,
    doc.partitionKey,
    doc.tenantId,
    doc.contentType,
    doc.time,
    doc.workload,
    doc.recordType,
    doc.operation,
    doc.result,
    actor.userId,
    actor.userType,
    actor.userKey,
    actor.ip,
    target.objectId,
    target.siteUrl,
    target.fileName,
    target.mailbox,
    doc.clientApp,
    doc.contentId,
    JSON.stringify(doc.raw),
    doc.ttl ?? null,
    expiresAt,
  ];
}

function fromRow(row: EventRow): EventDocument {
  const doc: EventDocument = {
    id: row.id,
    partitionKey: row.partition_key,
    tenantId: row.tenant_id,
    contentType: row.content_type,
    time: row.time,
    workload: row.workload,
    recordType: row.record_type,
    operation: row.operation,
    result: row.result,
    actor: { userId: row.user_id, userType: row.user_type, userKey: row.user_key, ip: row.ip },
    target: { objectId: row.object_id, siteUrl: row.site_url, fileName: row.file_name, mailbox: row.mailbox },
    clientApp: row.client_app,
    contentId: row.content_id,
    raw: JSON.parse(row.raw) as EventDocument['raw'],
  };
  return row.ttl === null ? doc : { ...doc, ttl: row.ttl };
}

function buildWhere(query: Omit<EventQuery, 'limit'>): { where: string; params: unknown[] } {
  const clauses = ['tenant_id = ?'];
  const params: unknown[] = [query.tenantId];
  const add = (clause: string, value: unknown): void => {
    clauses.push(clause);
    params.push(value);
  };
  if (query.from !== undefined) add('time >= ?', query.from);
  if (query.to !== undefined) add('time < ?', query.to);
  if (query.userId !== undefined) add('user_id = ?', query.userId);
  if (query.operation !== undefined) add('operation = ?', query.operation);
  if (query.contentType !== undefined) add('content_type = ?', query.contentType);
  return { where: clauses.join(' AND '), params };
}
