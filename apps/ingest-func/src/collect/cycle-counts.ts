// Counts of a collection (or rerun) of one content type, summed across windows, batches and
// continueAsNew executions. Only these numbers travel between orchestrations.
import type { StoreContentResult } from './store-content';

export interface CycleCounts {
  readonly windows: number;
  readonly blobsListed: number;
  readonly blobsStored: number;
  readonly blobsSkipped: number;
  readonly blobsLost: number;
  /** Failed reads counted against a blob this run (it holds the watermark until stored or quarantined). */
  readonly blobsUnreadable: number;
  /** Blobs quarantined this run (a content-unreadable gap each, counted in gaps too). */
  readonly blobsQuarantined: number;
  readonly recordsStored: number;
  readonly recordsRejected: number;
  readonly gaps: number;
}

export const ZERO_COUNTS: CycleCounts = {
  windows: 0,
  blobsListed: 0,
  blobsStored: 0,
  blobsSkipped: 0,
  blobsLost: 0,
  blobsUnreadable: 0,
  blobsQuarantined: 0,
  recordsStored: 0,
  recordsRejected: 0,
  gaps: 0,
};

export function addCounts(a: CycleCounts, b: Partial<CycleCounts>): CycleCounts {
  return {
    windows: a.windows + (b.windows ?? 0),
    blobsListed: a.blobsListed + (b.blobsListed ?? 0),
    blobsStored: a.blobsStored + (b.blobsStored ?? 0),
    blobsSkipped: a.blobsSkipped + (b.blobsSkipped ?? 0),
    blobsLost: a.blobsLost + (b.blobsLost ?? 0),
    blobsUnreadable: a.blobsUnreadable + (b.blobsUnreadable ?? 0),
    blobsQuarantined: a.blobsQuarantined + (b.blobsQuarantined ?? 0),
    recordsStored: a.recordsStored + (b.recordsStored ?? 0),
    recordsRejected: a.recordsRejected + (b.recordsRejected ?? 0),
    gaps: a.gaps + (b.gaps ?? 0),
  };
}

/** Folds storeContent results; a retried batch's skipped blobs were stored by its earlier attempt. */
export function addStoreResults(a: CycleCounts, results: readonly StoreContentResult[]): CycleCounts {
  return results.reduce(
    (sum, r) =>
      addCounts(sum, {
        blobsStored: r.blobsStored + r.blobsSkipped,
        blobsLost: r.blobsLost,
        blobsUnreadable: r.blobsUnreadable,
        blobsQuarantined: r.blobsQuarantined,
        recordsStored: r.recordsStored,
        recordsRejected: r.recordsRejected,
        gaps: r.gaps,
      }),
    a,
  );
}
