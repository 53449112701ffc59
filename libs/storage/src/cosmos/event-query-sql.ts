// Cosmos SQL for EventQuery filters. Every filter is a parameter (never spliced into the text).
// A query by user over a bounded time range also names its partition keys
// (`tenant|user|day`, CONTRACTS.md §1), so Cosmos routes it to those logical partitions only
// instead of fanning out to every physical partition.
import type { SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import { partitionKeyFor } from '@auditflow/ingestion';
import type { EventQuery } from '../ports';

/** Beyond this many days a user query fans out (with its filters) rather than list the keys. */
export const MAX_PARTITION_KEYS_PER_QUERY = 62;
const DAY_MS = 86_400_000;

export interface EventFilterSql {
  readonly where: string;
  readonly parameters: SqlParameter[];
  /** The one logical partition the query can touch, when there is exactly one. */
  readonly singlePartitionKey?: string;
}

export function eventFilterSql(query: Omit<EventQuery, 'limit'>): EventFilterSql {
  const clauses = ['c.tenantId = @tenantId'];
  const parameters: SqlParameter[] = [{ name: '@tenantId', value: query.tenantId }];
  const add = (clause: string, name: string, value: string): void => {
    clauses.push(clause);
    parameters.push({ name, value });
  };
  if (query.from !== undefined) add('c.time >= @from', '@from', query.from);
  if (query.to !== undefined) add('c.time < @to', '@to', query.to);
  if (query.userId !== undefined) add('c.actor.userId = @userId', '@userId', query.userId);
  if (query.operation !== undefined) add('c.operation = @operation', '@operation', query.operation);
  if (query.contentType !== undefined) add('c.contentType = @contentType', '@contentType', query.contentType);
  const keys = userPartitionKeys(query);
  if (keys !== undefined) {
    const names = keys.map((key, i) => {
      parameters.push({ name: `@pk${i}`, value: key });
      return `@pk${i}`;
    });
    clauses.push(`c.partitionKey IN (${names.join(', ')})`);
  }
  const where = clauses.join(' AND ');
  return keys?.length === 1 ? { where, parameters, singlePartitionKey: keys[0] as string } : { where, parameters };
}

export function selectEventsSql(query: EventQuery, limit: number): SqlQuerySpec & { singlePartitionKey?: string } {
  const { where, parameters, singlePartitionKey } = eventFilterSql(query);
  // TOP takes a literal here: `limit` is a checked integer, and not every Cosmos-protocol server parameterizes it.
  const spec = { query: `SELECT TOP ${limit} * FROM c WHERE ${where} ORDER BY c.time`, parameters };
  return singlePartitionKey === undefined ? spec : { ...spec, singlePartitionKey };
}

/**
 * The partition keys a user's events in [from, to) can have, or undefined when the query cannot
 * be narrowed (no user, open or unparseable range, or a range longer than the cap).
 */
export function userPartitionKeys(query: Omit<EventQuery, 'limit'>): string[] | undefined {
  if (query.userId === undefined || query.from === undefined || query.to === undefined) return undefined;
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  // An empty range matches nothing either way: left to the time filters.
  if (Number.isNaN(from) || Number.isNaN(to) || to <= from) return undefined;
  const firstDay = Math.floor(from / DAY_MS);
  const lastDay = Math.floor((to - 1) / DAY_MS);
  if (lastDay - firstDay + 1 > MAX_PARTITION_KEYS_PER_QUERY) return undefined;
  // The same function that gave each stored document its key, one day at a time.
  const keys: string[] = [];
  for (let d = firstDay; d <= lastDay; d++) {
    keys.push(partitionKeyFor({ tenantId: query.tenantId, time: new Date(d * DAY_MS).toISOString(), actor: { userId: query.userId } }));
  }
  return keys;
}
