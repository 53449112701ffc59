// The event filters of an investigation read, named once for both adapters: each adapter says how
// it spells a field (its column or document path) and how it writes one equality or one IN list,
// and gets the same filters in the same order. User and object ids compare lower-cased, like the
// graph's node ids.
import type { EventPageQuery } from '../investigation-ports';

export interface EventFilterFields {
  /** Already lower-cased by the expression, e.g. `lower(user_id)`. */
  readonly userId: string;
  readonly ip: string;
  /** Already lower-cased by the expression. */
  readonly objectId: string;
  readonly contentId: string;
  readonly operation: string;
  readonly workload: string;
  readonly contentType: string;
  readonly result: string;
}

export interface ClauseWriter {
  eq(field: string, value: string | undefined): void;
  anyOf(field: string, values: readonly string[] | undefined): void;
}

export function writeEventFilters(query: EventPageQuery, fields: EventFilterFields, writer: ClauseWriter): void {
  writer.eq(fields.userId, query.userId?.toLowerCase());
  writer.eq(fields.ip, query.ip);
  writer.eq(fields.objectId, query.objectId?.toLowerCase());
  writer.eq(fields.contentId, query.contentId);
  writer.anyOf(fields.operation, query.operations);
  writer.anyOf(fields.workload, query.workloads);
  writer.anyOf(fields.contentType, query.contentTypes);
  writer.anyOf(fields.result, query.results);
}
