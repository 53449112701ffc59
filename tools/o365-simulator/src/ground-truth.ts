// What a perfect collector ends up with (CONTRACTS.md section 3): computed from the catalog, never
// from what was served, so it also judges collectors that never asked for some blob.
import { CONTENT_TYPES, type ContentType } from '@auditflow/ingestion';
import type { BlobCatalog, BlobInfo } from './blob-catalog';
import type { BlobFaultPlan } from './blob-faults';

export interface GroundTruthFilter {
  contentType?: ContentType;
  from?: Date;
  to?: Date;
}

export interface GroundTruth {
  /** Unique record Ids in blobs whose FIRST contentCreated is in [from, to), that are retrievable (not lost). */
  readonly ids: Set<string>;
  /** Content ids of blobs that can never be fetched (expired-blob fault). */
  readonly lostContentIds: Set<string>;
  /** Ids only found in lost blobs (never collectable). */
  readonly lostIds: Set<string>;
  /** Content ids of blobs that do not read right now (unreadableBlobs, redirectBlob; until fixed). */
  readonly unreadableContentIds: Set<string>;
  /** Ids only found in such blobs (not in `ids`; collectable once the blobs are fixed). */
  readonly unreadableIds: Set<string>;
  /** Ids of made-up records the second origin serves (redirectBlob): a collector must never store them. */
  readonly forgedIds: Set<string>;
}

/**
 * Ids of [from, to) (default: everything published up to now). A record of a lost blob counts as
 * lost only when no other published, retrievable blob holds it: each record lives in its slot's
 * regular blob and, when redelivered, in the slot's redelivery blob as well.
 */
export function computeGroundTruth(catalog: BlobCatalog, nowMs: number, filter: GroundTruthFilter = {}, faults?: BlobFaultPlan): GroundTruth {
  const readable = (blob: BlobInfo) => !blob.lost && (faults?.readable(blob.contentId) ?? true);
  const collectable = (blob: BlobInfo | undefined) => blob !== undefined && blob.createdMs <= nowMs && readable(blob);
  const unreadableContentIds = new Set<string>();
  const unreadableIds = new Set<string>();
  const fromMs = filter.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const toMs = filter.to?.getTime() ?? Number.POSITIVE_INFINITY;
  const ids = new Set<string>();
  const lostContentIds = new Set<string>();
  const lostIds = new Set<string>();
  const { firstSlot } = catalog.params;
  const types = filter.contentType ? [filter.contentType] : CONTENT_TYPES;
  const from = Number.isFinite(fromMs) ? fromMs : firstSlot * 3_600_000;
  for (const contentType of types) {
    for (const blob of catalog.firstListed(contentType, from, toMs, nowMs)) {
      if (readable(blob)) {
        for (const id of catalog.recordIds(blob)) ids.add(id);
        continue;
      }
      (blob.lost ? lostContentIds : unreadableContentIds).add(blob.contentId);
      for (const index of catalog.recordIndices(blob)) {
        const other = blob.redelivery
          ? catalog.regularBlobOf(contentType, blob.slot, index)
          : catalog.isRedelivered(contentType, blob.slot, index)
            ? catalog.redeliveryBlobOf(contentType, blob.slot)
            : undefined;
        if (!collectable(other)) (blob.lost ? lostIds : unreadableIds).add(catalog.idOf(contentType, blob.slot, index));
      }
    }
  }
  for (const id of lostIds) if (ids.has(id)) lostIds.delete(id);
  for (const id of unreadableIds) if (ids.has(id)) unreadableIds.delete(id);
  const forgedIds = new Set(faults?.forgedRecordId ? [faults.forgedRecordId] : []);
  return { ids, lostContentIds, lostIds, unreadableContentIds, unreadableIds, forgedIds };
}
