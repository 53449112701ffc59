// The typed documents of the checkpoints container. One logical partition per tenant x content
// type (`tenantId|contentType`) holds its watermark, its ledger entries and its gaps: the
// collector reads and writes one content type at a time, so every hot call is single-partition,
// and a partition holds at most ~14 days of blob entries (a few MB), far below 20 GB.
import type { ContentType, CycleSummary, Gap, LedgerEntry, Watermark } from '@auditflow/ingestion';

export interface WatermarkDocument {
  readonly id: string;
  readonly partitionKey: string;
  readonly type: 'watermark';
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly value: string;
  readonly updatedAt: string;
  readonly lastCycle?: CycleSummary;
  readonly _etag?: string;
}

export interface LedgerDocument extends LedgerEntry {
  readonly id: string;
  readonly partitionKey: string;
  readonly type: 'ledger';
  /** contentExpiration in ms: purge compares numbers, not ISO strings of varying precision. */
  readonly expiresAtMs: number;
}

export interface GapDocument extends Gap {
  readonly gapId: string;
  readonly partitionKey: string;
  readonly type: 'gap';
}

export function checkpointPartitionKey(tenantId: string, contentType: ContentType): string {
  return `${tenantId}|${contentType}`;
}

/** Cosmos ids may not contain / \ ? #; those (and %) are percent-encoded, so ids stay unique. */
export function safeId(text: string): string {
  return text.replace(/[%/\\?#]/g, (c) => encodeURIComponent(c));
}

export const WATERMARK_ID = 'watermark';
export const ledgerId = (contentId: string): string => `ledger|${safeId(contentId)}`;
export const gapDocumentId = (gapId: string): string => `gap|${safeId(gapId)}`;

export function toWatermarkDocument(w: Watermark): WatermarkDocument {
  return {
    id: WATERMARK_ID,
    partitionKey: checkpointPartitionKey(w.tenantId, w.contentType),
    type: 'watermark',
    tenantId: w.tenantId,
    contentType: w.contentType,
    value: w.value,
    updatedAt: w.updatedAt,
    ...(w.lastCycle === undefined ? {} : { lastCycle: w.lastCycle }),
  };
}

export function fromWatermarkDocument(doc: WatermarkDocument): Watermark {
  return {
    tenantId: doc.tenantId,
    contentType: doc.contentType,
    value: doc.value,
    updatedAt: doc.updatedAt,
    ...(doc.lastCycle === undefined ? {} : { lastCycle: doc.lastCycle }),
    ...(doc._etag === undefined ? {} : { etag: doc._etag }),
  };
}

export function toLedgerDocument(e: LedgerEntry): LedgerDocument {
  const ms = Date.parse(e.contentExpiration);
  return {
    ...fromLedgerDocument(e),
    id: ledgerId(e.contentId),
    partitionKey: checkpointPartitionKey(e.tenantId, e.contentType),
    type: 'ledger',
    // An unparseable expiration is kept (never purged) rather than deleted early.
    expiresAtMs: Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms,
  };
}

export function fromLedgerDocument(doc: LedgerEntry): LedgerEntry {
  return {
    tenantId: doc.tenantId,
    contentType: doc.contentType,
    contentId: doc.contentId,
    contentUri: doc.contentUri,
    contentCreated: doc.contentCreated,
    contentExpiration: doc.contentExpiration,
    state: doc.state,
    ...(doc.recordCount === undefined || doc.recordCount === null ? {} : { recordCount: doc.recordCount }),
    ...(doc.rejectedCount === undefined || doc.rejectedCount === null ? {} : { rejectedCount: doc.rejectedCount }),
    ...(doc.readFailures === undefined || doc.readFailures === null ? {} : { readFailures: doc.readFailures }),
    updatedAt: doc.updatedAt,
  };
}

export function toGapDocument(g: Gap): GapDocument & { id: string } {
  return { ...fromGapDocument(g), id: gapDocumentId(g.id), gapId: g.id, partitionKey: checkpointPartitionKey(g.tenantId, g.contentType), type: 'gap' };
}

export function fromGapDocument(doc: Gap & { gapId?: string }): Gap {
  return {
    id: doc.gapId ?? doc.id,
    tenantId: doc.tenantId,
    contentType: doc.contentType,
    window: { start: doc.window.start, end: doc.window.end },
    reason: doc.reason,
    detail: doc.detail,
    ...(doc.contentId === undefined || doc.contentId === null ? {} : { contentId: doc.contentId }),
    recordedAt: doc.recordedAt,
  };
}

