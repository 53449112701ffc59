// The investigation reads on SQLite: keyset paging over (time, id) on the indexes of
// sqlite-investigation-schema.ts (each filter lands on an index that starts with tenant_id and
// ends with time, so a page costs O(page) however large the store grows).
import type { EventDocument } from '@auditflow/ingestion';
import { MAX_GET_EVENTS, type EventPage, type EventPageQuery } from '../investigation-ports';
import { decodeToken, encodeToken } from '../queries/continuation-token';
import { writeEventFilters, type EventFilterFields } from '../queries/event-filter-clauses';
import { checkEventPageQuery } from '../queries/page-query';
import { StorageError } from '../storage-error';
import type { SqliteConnection } from './sqlite-connection';
import { fromRow, type EventRow } from './sqlite-event-row';

const COLUMNS = `id, partition_key, tenant_id, content_type, time, workload, record_type, operation, result, user_id,
  user_type, user_key, ip, object_id, site_url, file_name, mailbox, client_app, content_id, ttl`;
/** The columns each filter lands on (the index review in the README names the index of each). */
const SQLITE_FILTER_COLUMNS: EventFilterFields = {
  userId: 'lower(user_id)',
  ip: 'ip',
  objectId: 'lower(object_id)',
  contentId: 'content_id',
  operation: 'operation',
  workload: 'workload',
  contentType: 'content_type',
  result: 'result',
};

export function pageSqliteEvents(connection: SqliteConnection, query: EventPageQuery): EventPage {
  const { sql, params, limit, digest } = eventPageSql(query);
  const rows = connection.statement(sql).all(...params) as EventRow[];
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  const events = page.map(fromRow);
  return more && last !== undefined ? { events, continuationToken: encodeToken(digest, { v: last.time, ids: [last.id] }) } : { events };
}

/** The SQL of one page (limit + 1 rows: the extra one says whether there is a next page); exported for the index review test. */
export function eventPageSql(query: EventPageQuery): { sql: string; params: unknown[]; limit: number; digest: string } {
  const { limit, descending, digest } = checkEventPageQuery(query);
  const clauses = ['tenant_id = ?'];
  const params: unknown[] = [query.tenantId];
  const eq = (column: string, value: string | undefined): void => {
    if (value === undefined) return;
    clauses.push(`${column} = ?`);
    params.push(value);
  };
  const anyOf = (column: string, values: readonly string[] | undefined): void => {
    if (values === undefined) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (query.from !== undefined) {
    clauses.push('time >= ?');
    params.push(query.from);
  }
  if (query.to !== undefined) {
    clauses.push('time < ?');
    params.push(query.to);
  }
  writeEventFilters(query, SQLITE_FILTER_COLUMNS, { eq, anyOf });
  if (query.continuationToken !== undefined) {
    const position = decodeToken(query.continuationToken, digest);
    // Spelled out rather than as a row value: `time <= ?` / `time >= ?` keeps the index range on
    // time, so page n costs O(page) and not a walk over pages 1..n-1.
    const id = position.ids[position.ids.length - 1] ?? '';
    clauses.push(descending ? 'time <= ? AND (time < ? OR id < ?)' : 'time >= ? AND (time > ? OR id > ?)');
    params.push(position.v, position.v, id);
  }
  const dir = descending ? 'DESC' : 'ASC';
  const index = pivotIndex(query);
  const columns = query.includeRaw === true ? `${COLUMNS}, raw` : COLUMNS;
  const sql = `SELECT ${columns} FROM events${index === undefined ? '' : ` INDEXED BY ${index}`} WHERE ${clauses.join(' AND ')} ORDER BY time ${dir}, id ${dir} LIMIT ?`;
  return { sql, params: [...params, limit + 1], limit, digest };
}

/**
 * The index for the most selective entity the query names. Named, not left to the planner: on a
 * file without ANALYZE statistics SQLite prefers the time index and scans a tenant's whole range.
 */
function pivotIndex(query: EventPageQuery): string | undefined {
  if (query.userId !== undefined) return 'events_user_ci';
  if (query.ip !== undefined) return 'events_ip';
  if (query.objectId !== undefined) return 'events_object';
  if (query.contentId !== undefined) return 'events_content';
  if (query.operations?.length === 1) return 'events_operation';
  return undefined;
}

export function getSqliteEvents(connection: SqliteConnection, tenantId: string, ids: readonly string[]): EventDocument[] {
  if (ids.length > MAX_GET_EVENTS) {
    throw new StorageError('InvalidQuery', 400, `getEvents: at most ${MAX_GET_EVENTS} ids per call, got ${ids.length}.`);
  }
  const get = connection.statement(`SELECT ${COLUMNS}, raw FROM events WHERE tenant_id = ? AND id = ?`);
  const found: EventDocument[] = [];
  for (const id of new Set(ids)) {
    const row = get.get(tenantId, id) as EventRow | undefined;
    if (row !== undefined) found.push(fromRow(row));
  }
  return found;
}
