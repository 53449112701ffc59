// The investigation reads on Cosmos DB. A query by a known user over a bounded range names the
// user's partition keys (`tenant|user|day`), so only those logical partitions are read; any other
// query is cross-partition but bounded: TOP (page size + 1) over indexed paths (COSMOS_LAYOUT) with
// the time range as given. Paging is keyset on `time` (ORDER BY one field, which the Cosmos-protocol
// test server supports too): the token keeps the last time and the ids already returned at it.
import type { Container, SqlParameter } from '@azure/cosmos';
import type { EventDocument } from '@auditflow/ingestion';
import { MAX_GET_EVENTS, type EventPage, type EventPageQuery } from '../investigation-ports';
import { decodeToken, encodeToken } from '../queries/continuation-token';
import { writeEventFilters, type EventFilterFields } from '../queries/event-filter-clauses';
import { checkEventPageQuery } from '../queries/page-query';
import { StorageError } from '../storage-error';
import { guarded } from './cosmos-errors';
import { userPartitionKeys } from './event-query-sql';
import { withoutSystemProperties } from './system-properties';

const SUMMARY_FIELDS = ['id', 'partitionKey', 'tenantId', 'contentType', 'time', 'workload', 'recordType', 'operation', 'result', 'actor', 'target', 'clientApp', 'contentId', 'ttl'];
const IDS_PER_QUERY = 100;
const COSMOS_FILTER_PATHS: EventFilterFields = {
  userId: 'LOWER(c.actor.userId)',
  ip: 'c.actor.ip',
  objectId: 'LOWER(c.target.objectId)',
  contentId: 'c.contentId',
  operation: 'c.operation',
  workload: 'c.workload',
  contentType: 'c.contentType',
  result: 'c.result',
};

export async function pageCosmosEvents(container: Container, query: EventPageQuery): Promise<EventPage> {
  const { limit, descending, digest } = checkEventPageQuery(query);
  const clauses = ['c.tenantId = @tenantId'];
  const parameters: SqlParameter[] = [{ name: '@tenantId', value: query.tenantId }];
  let n = 0;
  const param = (value: string | string[]): string => {
    const name = `@p${n++}`;
    parameters.push({ name, value });
    return name;
  };
  const eq = (path: string, value: string | undefined): void => {
    if (value !== undefined) clauses.push(`${path} = ${param(value)}`);
  };
  const anyOf = (path: string, values: readonly string[] | undefined): void => {
    if (values !== undefined) clauses.push(`${path} IN (${values.map((v) => param(v)).join(', ')})`);
  };
  if (query.from !== undefined) clauses.push(`c.time >= ${param(query.from)}`);
  if (query.to !== undefined) clauses.push(`c.time < ${param(query.to)}`);
  // Case-insensitive like node ids: within the user's partitions (or the time range) a residual filter.
  writeEventFilters(query, COSMOS_FILTER_PATHS, { eq, anyOf });
  const keys = query.userId === undefined ? undefined : userPartitionKeys({ tenantId: query.tenantId, userId: query.userId, from: query.from, to: query.to });
  if (keys !== undefined) anyOf('c.partitionKey', keys);
  let seen: readonly string[] = [];
  let at: string | undefined;
  if (query.continuationToken !== undefined) {
    const position = decodeToken(query.continuationToken, digest);
    at = position.v;
    seen = position.ids;
    const t = param(position.v);
    clauses.push(`(c.time ${descending ? '<' : '>'} ${t} OR (c.time = ${t} AND NOT ARRAY_CONTAINS(${param([...seen])}, c.id)))`);
  }
  const select = query.includeRaw === true ? '*' : SUMMARY_FIELDS.map((f) => `c.${f}`).join(', ');
  // TOP takes a literal: `limit` is a checked integer, and not every Cosmos-protocol server parameterizes it.
  const sql = `SELECT TOP ${limit + 1} ${select} FROM c WHERE ${clauses.join(' AND ')} ORDER BY c.time ${descending ? 'DESC' : 'ASC'}`;
  const options = keys?.length === 1 ? { partitionKey: keys[0] } : {};
  const { resources } = await guarded('page events', () =>
    container.items.query<Record<string, unknown>>({ query: sql, parameters }, options).fetchAll(),
  );
  const rows = resources.map((r) => toDocument(r, query.includeRaw === true));
  const more = rows.length > limit;
  const events = more ? rows.slice(0, limit) : rows;
  const last = events[events.length - 1];
  if (!more || last === undefined) return { events };
  // Every id returned at the last time (and, when the page never left the token's time, the earlier ones too).
  const atLast = events.filter((e) => e.time === last.time).map((e) => e.id);
  const ids = last.time === at ? [...seen, ...atLast] : atLast;
  return { events, continuationToken: encodeToken(digest, { v: last.time, ids }) };
}

export async function getCosmosEvents(container: Container, tenantId: string, ids: readonly string[]): Promise<EventDocument[]> {
  if (ids.length > MAX_GET_EVENTS) {
    throw new StorageError('InvalidQuery', 400, `getEvents: at most ${MAX_GET_EVENTS} ids per call, got ${ids.length}.`);
  }
  const unique = [...new Set(ids)];
  const found: EventDocument[] = [];
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
    const chunk = unique.slice(i, i + IDS_PER_QUERY);
    const spec = {
      query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND ARRAY_CONTAINS(@ids, c.id)',
      parameters: [
        { name: '@tenantId', value: tenantId },
        { name: '@ids', value: chunk },
      ],
    };
    const { resources } = await guarded('read events', () => container.items.query<Record<string, unknown>>(spec).fetchAll());
    found.push(...resources.map((r) => toDocument(r, true)));
  }
  return found;
}

function toDocument(item: Record<string, unknown>, withRaw: boolean): EventDocument {
  const doc = withoutSystemProperties(item);
  if (!withRaw) doc.raw = {};
  if (doc.ttl === undefined || doc.ttl === null) delete doc.ttl;
  return doc as unknown as EventDocument;
}
