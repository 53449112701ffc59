// EventStore on Cosmos DB: bulk Create operations (insert-if-absent: 409 = already stored), queries
// within the events container's indexed paths, retention by the container's default TTL.
import { BulkOperationType, type Container, type JSONObject, type OperationInput } from '@azure/cosmos';
import type { ContentType, EventDocument } from '@auditflow/ingestion';
import type { EventPage, EventPageQuery } from '../investigation-ports';
import type { EventQuery, EventStore, UpsertResult } from '../ports';
import { getCosmosEvents, pageCosmosEvents } from './cosmos-event-queries';
import { itemsBulk, runBulk, throwIfFailed, type BulkOptions } from './cosmos-bulk';
import { guarded, translateDataError } from './cosmos-errors';
import { eventFilterSql, selectEventsSql } from './event-query-sql';
import { withoutSystemProperties } from './system-properties';

/** What one upsertEvents was charged (OpenCosmosStoreOptions.onEventWriteCharge). */
export interface EventWriteCharge {
  /** Request units, summed over the call's operations. */
  readonly requestCharge: number;
  /** Operations sent (documents after in-batch repeats were removed). */
  readonly operations: number;
}

const DEFAULT_LIMIT = 1_000;
const ID_PAGE_SIZE = 1_000;

export class CosmosEventStore implements EventStore {
  constructor(
    private readonly container: Container,
    private readonly bulk: BulkOptions,
    private readonly release: () => void,
    private readonly onWriteCharge?: (charge: EventWriteCharge) => void,
  ) {}

  async upsertEvents(docs: readonly EventDocument[]): Promise<UpsertResult> {
    // Repeats inside the batch are duplicates without a round trip (the first one wins, as in SQLite).
    // A repeat is the same item: same id in the same logical partition. The partition key starts
    // with the tenant, so the same record Id in two tenants is two items (two events).
    const unique = new Map<string, EventDocument>();
    for (const doc of docs) {
      const key = `${doc.partitionKey}\u0000${doc.id}`;
      if (!unique.has(key)) unique.set(key, doc);
    }
    const toCreate = (doc: EventDocument): OperationInput => ({
      operationType: BulkOperationType.Create,
      partitionKey: doc.partitionKey,
      // An EventDocument is JSON by construction (raw is the parsed record).
      resourceBody: doc as unknown as JSONObject,
    });
    const outcomes = await guarded('write events', () =>
      runBulk(itemsBulk(this.container), [...unique.values()], toCreate, this.bulk),
    );
    this.onWriteCharge?.({ requestCharge: outcomes.reduce((sum, o) => sum + o.requestCharge, 0), operations: outcomes.length });
    throwIfFailed(outcomes, (s) => !isSuccess(s) && s !== 409, (d) => d, 'event writes');
    const written = outcomes.filter((o) => isSuccess(o.statusCode)).length;
    return { written, duplicates: docs.length - written };
  }

  async queryEvents(query: EventQuery): Promise<EventDocument[]> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`queryEvents: limit must be a non-negative integer, got ${limit}`);
    if (limit === 0) return [];
    const { singlePartitionKey, ...spec } = selectEventsSql(query, limit);
    const options = singlePartitionKey === undefined ? {} : { partitionKey: singlePartitionKey };
    const { resources } = await guarded('query events', () =>
      this.container.items.query<Record<string, unknown>>(spec, options).fetchAll(),
    );
    return resources.map((doc) => withoutSystemProperties(doc) as unknown as EventDocument);
  }

  async countEvents(filter: Omit<EventQuery, 'limit'>): Promise<number> {
    const { where, parameters, singlePartitionKey } = eventFilterSql(filter);
    const options = singlePartitionKey === undefined ? {} : { partitionKey: singlePartitionKey };
    const { resources } = await guarded('count events', () =>
      this.container.items.query<number>({ query: `SELECT VALUE COUNT(1) FROM c WHERE ${where}`, parameters }, options).fetchAll(),
    );
    // The SDK merges per-partition counts; summing also covers a server that returns them apart.
    return resources.reduce((sum, n) => sum + n, 0);
  }

  async *listEventIds(tenantId: string, contentType?: ContentType): AsyncIterable<string> {
    const spec = {
      query: `SELECT VALUE c.id FROM c WHERE c.tenantId = @tenantId${contentType === undefined ? '' : ' AND c.contentType = @contentType'}`,
      parameters: [
        { name: '@tenantId', value: tenantId },
        ...(contentType === undefined ? [] : [{ name: '@contentType', value: contentType }]),
      ],
    };
    // Page by page with continuation: only one page of ids is held at a time.
    const pages = this.container.items.query<string>(spec, { maxItemCount: ID_PAGE_SIZE }).getAsyncIterator();
    try {
      for await (const page of pages) yield* page.resources;
    } catch (error) {
      throw translateDataError(error, 'list event ids');
    }
  }

  pageEvents(query: EventPageQuery): Promise<EventPage> {
    return pageCosmosEvents(this.container, query);
  }

  getEvents(tenantId: string, ids: readonly string[]): Promise<EventDocument[]> {
    return getCosmosEvents(this.container, tenantId, ids);
  }

  /** Cosmos DB deletes expired documents itself (container default TTL, or a document's ttl). */
  async purgeExpired(_now: Date): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    this.release();
  }
}

function isSuccess(statusCode: number): boolean {
  return statusCode >= 200 && statusCode < 300;
}
