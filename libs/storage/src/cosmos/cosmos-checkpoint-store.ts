// CheckpointStore on Cosmos DB: etag-guarded watermarks (IfMatch replace; create when none may
// exist), the content ledger as bulk upserts, gaps as create-once documents.
import { BulkOperationType, type Container, type OperationInput } from '@azure/cosmos';
import { ledgerPurgeCutoffMs, type ContentType, type Gap, type LedgerEntry, type Watermark } from '@auditflow/ingestion';
import { ConcurrencyError, type CheckpointStore, type LedgerQuery } from '../ports';
import { itemsBulk, runBulk, throwIfFailed, type BulkOptions } from './cosmos-bulk';
import { cosmosStatusOf, guarded, translateDataError } from './cosmos-errors';
import {
  checkpointPartitionKey,
  fromGapDocument,
  fromLedgerDocument,
  fromWatermarkDocument,
  toGapDocument,
  toLedgerDocument,
  toWatermarkDocument,
  WATERMARK_ID,
  type GapDocument,
  type LedgerDocument,
  type WatermarkDocument,
} from './checkpoint-documents';

/** Content ids per ledger lookup query (keeps the parameter list small). */
const LOOKUP_CHUNK = 500;

export class CosmosCheckpointStore implements CheckpointStore {
  constructor(
    private readonly container: Container,
    private readonly bulk: BulkOptions,
    private readonly release: () => void,
  ) {}

  async getWatermark(tenantId: string, contentType: ContentType): Promise<Watermark | undefined> {
    const pk = checkpointPartitionKey(tenantId, contentType);
    const { resource } = await guarded('read a watermark', () => this.container.item(WATERMARK_ID, pk).read<WatermarkDocument>());
    return resource === undefined ? undefined : fromWatermarkDocument(resource);
  }

  async putWatermark(watermark: Watermark, expectedEtag: string | null): Promise<Watermark> {
    const doc = toWatermarkDocument(watermark);
    const key = `${watermark.tenantId}/${watermark.contentType}`;
    try {
      const { resource, etag } =
        expectedEtag === null
          ? await this.container.items.create(doc)
          : await this.container.item(doc.id, doc.partitionKey).replace(doc, {
              accessCondition: { type: 'IfMatch', condition: expectedEtag },
            });
      const newEtag = resource?._etag ?? etag;
      return { ...fromWatermarkDocument({ ...doc, _etag: newEtag }) };
    } catch (error) {
      const status = cosmosStatusOf(error);
      if (expectedEtag === null && status === 409) {
        throw new ConcurrencyError(`Watermark ${key} already exists; expected none. Read it again and retry.`);
      }
      if (expectedEtag !== null && (status === 412 || status === 404)) {
        throw new ConcurrencyError(`Watermark ${key} changed since etag ${expectedEtag} was read (or does not exist). Read it again and retry.`);
      }
      throw translateDataError(error, 'write a watermark');
    }
  }

  async getLedgerEntries(tenantId: string, contentType: ContentType, contentIds: readonly string[]): Promise<Map<string, LedgerEntry>> {
    const found = new Map<string, LedgerEntry>();
    const ids = [...new Set(contentIds)];
    const partitionKey = checkpointPartitionKey(tenantId, contentType);
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const spec = {
        query: "SELECT * FROM c WHERE c.partitionKey = @pk AND c.type = 'ledger' AND ARRAY_CONTAINS(@ids, c.contentId)",
        parameters: [
          { name: '@pk', value: partitionKey },
          { name: '@ids', value: ids.slice(i, i + LOOKUP_CHUNK) },
        ],
      };
      const { resources } = await guarded('read ledger entries', () =>
        this.container.items.query<LedgerDocument>(spec, { partitionKey }).fetchAll(),
      );
      for (const doc of resources) found.set(doc.contentId, fromLedgerDocument(doc));
    }
    return found;
  }

  async putLedgerEntries(entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const toUpsert = (e: LedgerEntry): OperationInput => {
      const doc = toLedgerDocument(e);
      return { operationType: BulkOperationType.Upsert, partitionKey: doc.partitionKey, resourceBody: { ...doc } };
    };
    const outcomes = await guarded('write ledger entries', () =>
      runBulk(itemsBulk(this.container), entries, toUpsert, this.bulk),
    );
    throwIfFailed(
      outcomes,
      (s) => s < 200 || s >= 300,
      (e) => ({ id: e.contentId, partitionKey: checkpointPartitionKey(e.tenantId, e.contentType) }),
      'ledger entry writes',
    );
  }

  async listLedger(tenantId: string, contentType: ContentType, query: LedgerQuery = {}): Promise<LedgerEntry[]> {
    const partitionKey = checkpointPartitionKey(tenantId, contentType);
    const clauses = ["c.partitionKey = @pk AND c.type = 'ledger'"];
    const parameters = [{ name: '@pk', value: partitionKey }];
    const add = (clause: string, name: string, value: string): void => {
      clauses.push(clause);
      parameters.push({ name, value });
    };
    if (query.state !== undefined) add('c.state = @state', '@state', query.state);
    if (query.createdFrom !== undefined) add('c.contentCreated >= @from', '@from', query.createdFrom);
    if (query.createdTo !== undefined) add('c.contentCreated < @to', '@to', query.createdTo);
    const spec = { query: `SELECT * FROM c WHERE ${clauses.join(' AND ')} ORDER BY c.contentCreated`, parameters };
    const { resources } = await guarded('list the ledger', () =>
      this.container.items.query<LedgerDocument>(spec, { partitionKey }).fetchAll(),
    );
    return resources.map(fromLedgerDocument);
  }

  async recordGap(gap: Gap): Promise<void> {
    try {
      await this.container.items.create(toGapDocument(gap));
    } catch (error) {
      // Already recorded: the first recording wins (it keeps its recordedAt).
      if (cosmosStatusOf(error) === 409) return;
      throw translateDataError(error, 'record a gap');
    }
  }

  async listGaps(tenantId: string, contentType?: ContentType): Promise<Gap[]> {
    const byType = contentType !== undefined;
    const spec = {
      query: `SELECT * FROM c WHERE c.type = 'gap' AND ${byType ? 'c.partitionKey = @pk' : 'c.tenantId = @tenantId'} ORDER BY c.recordedAt`,
      parameters: [byType ? { name: '@pk', value: checkpointPartitionKey(tenantId, contentType) } : { name: '@tenantId', value: tenantId }],
    };
    const options = byType ? { partitionKey: checkpointPartitionKey(tenantId, contentType) } : {};
    const { resources } = await guarded('list gaps', () => this.container.items.query<GapDocument>(spec, options).fetchAll());
    return resources.map(fromGapDocument);
  }

  async purgeExpired(now: Date): Promise<number> {
    const spec = {
      query: "SELECT c.id, c.partitionKey FROM c WHERE c.type = 'ledger' AND c.expiresAtMs < @cutoff",
      parameters: [{ name: '@cutoff', value: ledgerPurgeCutoffMs(now) }],
    };
    const { resources } = await guarded('find expired ledger entries', () =>
      this.container.items.query<{ id: string; partitionKey: string }>(spec).fetchAll(),
    );
    const toDelete = (d: { id: string; partitionKey: string }): OperationInput => ({
      operationType: BulkOperationType.Delete,
      id: d.id,
      partitionKey: d.partitionKey,
    });
    const outcomes = await guarded('delete expired ledger entries', () =>
      runBulk(itemsBulk(this.container), resources, toDelete, this.bulk),
    );
    // 404: deleted meanwhile by another instance; fine.
    throwIfFailed(outcomes, (s) => (s < 200 || s >= 300) && s !== 404, (d) => d, 'ledger deletions');
    return outcomes.filter((o) => o.statusCode >= 200 && o.statusCode < 300).length;
  }

  async close(): Promise<void> {
    this.release();
  }
}
