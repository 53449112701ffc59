// The storeContent activity: fetch a batch of blobs, normalize, bulk-upsert, then mark each blob
// stored (with record counts) or lost (with a gap). Idempotent: document ids are the record ids
// and ledger/gap writes are upserts, so Durable may run it again after a failure.
import { normalizeBlob, type ContentType, type LedgerEntry } from '@auditflow/ingestion';
import type { ActivityDeps, BlobRef } from './activity-deps';
import { failActivity } from './activity-failure';
import { lostBlobGap, lostContentReason } from './lost-content';

export interface StoreContentInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly blobs: readonly BlobRef[];
  /** Rerun: fetch again even blobs the ledger has stored. */
  readonly force: boolean;
}

export interface StoreContentResult {
  readonly blobsStored: number;
  readonly blobsLost: number;
  /** Already stored by an earlier attempt of this batch (retry) and not forced. */
  readonly blobsSkipped: number;
  readonly recordsFetched: number;
  readonly recordsStored: number;
  readonly recordsRejected: number;
  readonly gaps: number;
}

export async function storeContent(deps: ActivityDeps, input: StoreContentInput): Promise<StoreContentResult> {
  const { tenantId, contentType } = input;
  const ledger = await deps.checkpoints.getLedgerEntries(
    tenantId,
    contentType,
    input.blobs.map((b) => b.contentId),
  );
  const result = { blobsStored: 0, blobsLost: 0, blobsSkipped: 0, recordsFetched: 0, recordsStored: 0, recordsRejected: 0, gaps: 0 };
  const done: LedgerEntry[] = [];
  try {
    for (const blob of input.blobs) {
      const known = ledger.get(blob.contentId);
      if (!input.force && known && known.state !== 'listed') {
        result.blobsSkipped += 1;
        continue;
      }
      const base = ledgerBase(tenantId, contentType, blob, known);
      let records;
      try {
        records = await deps.api.fetchContent(blob.contentUri);
      } catch (error) {
        const reason = lostContentReason(error);
        if (!reason) failActivity(error, `fetching ${contentType} blob ${blob.contentId}`);
        if (known?.state === 'stored') {
          // A forced re-fetch of a blob that expired since: its records are already stored.
          result.blobsSkipped += 1;
          continue;
        }
        const gap = lostBlobGap(tenantId, contentType, blob, reason, (error as Error).message, deps.now());
        await deps.checkpoints.recordGap(gap);
        done.push({ ...base, state: 'lost', updatedAt: deps.now().toISOString() });
        result.blobsLost += 1;
        result.gaps += 1;
        deps.log.warn('content lost', { tenantId, contentType, contentId: blob.contentId, reason, detail: gap.detail });
        continue;
      }
      const { documents, rejected } = normalizeBlob(records, {
        tenantId,
        contentType,
        contentId: blob.contentId,
        retentionDays: deps.retentionDays,
      });
      for (const r of rejected) {
        deps.log.warn('record rejected', { tenantId, contentType, contentId: r.contentId, index: r.index, reason: r.reason });
      }
      if (documents.length > 0) {
        const { written } = await deps.events.upsertEvents(documents);
        result.recordsStored += written;
      }
      result.recordsFetched += records.length;
      result.recordsRejected += rejected.length;
      result.blobsStored += 1;
      done.push({
        ...base,
        state: 'stored',
        recordCount: records.length,
        rejectedCount: rejected.length,
        updatedAt: deps.now().toISOString(),
      });
    }
  } finally {
    // Keep what succeeded even when a later blob fails: the retry then skips those blobs.
    if (done.length > 0) await deps.checkpoints.putLedgerEntries(done);
  }
  return result;
}

function ledgerBase(
  tenantId: string,
  contentType: ContentType,
  blob: BlobRef,
  known: LedgerEntry | undefined,
): Omit<LedgerEntry, 'state' | 'updatedAt'> {
  return {
    tenantId,
    contentType,
    contentId: blob.contentId,
    contentUri: blob.contentUri,
    contentCreated: known?.contentCreated ?? blob.contentCreated,
    contentExpiration: known?.contentExpiration ?? blob.contentExpiration,
  };
}
