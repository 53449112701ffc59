// What the collector needs from storage. Two adapters implement these: SQLite (embedded) and
// Cosmos DB (production). One contract suite tests both (src/testing).
import type {
  ContentType,
  EventDocument,
  Gap,
  LedgerEntry,
  LedgerState,
  Watermark,
} from '@auditflow/ingestion';
import type { EventQueries, InvestigationStore } from './investigation-ports';

export interface EventQuery {
  readonly tenantId: string;
  /** Inclusive lower bound on `time`. */
  readonly from?: string;
  /** Exclusive upper bound on `time`. */
  readonly to?: string;
  readonly userId?: string;
  readonly operation?: string;
  readonly contentType?: ContentType;
  /** Default 1,000. Results are ordered by time ascending. */
  readonly limit?: number;
}

export interface UpsertResult {
  /**
   * Documents newly stored by this call. Writes are insert-if-absent by id: a document already
   * stored (same blob again, the same record in another blob, or repeated in the batch) is left as
   * it was (its contentId stays the first blob's) and counted in `duplicates`, never doubled.
   */
  readonly written: number;
  /** Documents of the batch whose id was already stored (written + duplicates = docs.length). */
  readonly duplicates: number;
}

/** The collector's writes and reads, plus the investigation reads (investigation-ports.ts). */
export interface EventStore extends EventQueries {
  /**
   * Idempotent bulk write keyed by (tenantId, id) (insert-if-absent, see UpsertResult). Pass ALL
   * documents of one storeContent activity in one call (C5): SQLite writes them in ONE transaction
   * (all or nothing), Cosmos DB in bulk chunks several at a time; both return only when every
   * document is stored, so the caller marks the blobs stored after it returns.
   */
  upsertEvents(docs: readonly EventDocument[]): Promise<UpsertResult>;
  queryEvents(query: EventQuery): Promise<EventDocument[]>;
  countEvents(filter: Omit<EventQuery, 'limit'>): Promise<number>;
  /** Every stored id of a content type (for verification against ground truth). */
  listEventIds(tenantId: string, contentType?: ContentType): AsyncIterable<string>;
  /** Deletes documents whose ttl has passed (Cosmos DB does this itself; returns 0 there). */
  purgeExpired(now: Date): Promise<number>;
  close(): Promise<void>;
}

export interface LedgerQuery {
  readonly state?: LedgerState;
  /** Inclusive bound on contentCreated. */
  readonly createdFrom?: string;
  /** Exclusive bound on contentCreated. */
  readonly createdTo?: string;
}

export interface CheckpointStore {
  getWatermark(tenantId: string, contentType: ContentType): Promise<Watermark | undefined>;
  /**
   * Writes a watermark if the stored one still has `expectedEtag` (null: none may exist yet).
   * Throws `ConcurrencyError` otherwise. Returns the stored watermark with its new etag.
   */
  putWatermark(watermark: Watermark, expectedEtag: string | null): Promise<Watermark>;
  getLedgerEntries(
    tenantId: string,
    contentType: ContentType,
    contentIds: readonly string[],
  ): Promise<Map<string, LedgerEntry>>;
  /** Upserts ledger entries (by tenant, content type, content id). */
  putLedgerEntries(entries: readonly LedgerEntry[]): Promise<void>;
  listLedger(tenantId: string, contentType: ContentType, query?: LedgerQuery): Promise<LedgerEntry[]>;
  /** Idempotent by gap id. */
  recordGap(gap: Gap): Promise<void>;
  listGaps(tenantId: string, contentType?: ContentType): Promise<Gap[]>;
  /** Deletes ledger entries whose content expired more than the API's 7 days ago. */
  purgeExpired(now: Date): Promise<number>;
  close(): Promise<void>;
}

/** Both stores over one backend; `close()` closes both (closing each store also works). */
export interface AuditStore {
  readonly kind: 'sqlite' | 'cosmos';
  readonly events: EventStore;
  readonly checkpoints: CheckpointStore;
  /** Findings, baselines and cached reference data of the analysis (investigation-ports.ts). */
  readonly investigation: InvestigationStore;
  /**
   * Maintenance between collection cycles (C5): moves the write-ahead log into the database file
   * (SQLite), so that cost and its fsync are paid once here instead of inside event writes. Never
   * waits for readers and never fails a cycle over a busy log. Absent on stores without one (Cosmos).
   */
  checkpointWal?(): Promise<WalCheckpointResult>;
  close(): Promise<void>;
}

export interface WalCheckpointResult {
  /** Frames in the log before the checkpoint. */
  readonly walFrames: number;
  /** Of them, moved into the database file. Fewer when a reader still needs older frames. */
  readonly checkpointedFrames: number;
}

export class ConcurrencyError extends Error {
  readonly code = 'WatermarkConflict';
  readonly statusCode = 412;
  constructor(message: string) {
    super(message);
    this.name = 'ConcurrencyError';
  }
}

export function isConcurrencyError(error: unknown): error is ConcurrencyError {
  return error instanceof ConcurrencyError || (error as { code?: unknown })?.code === 'WatermarkConflict';
}
