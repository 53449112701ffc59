// THE counter shape of a collection: what one content type's run counted, summed across pages,
// batches and continueAsNew executions, reported in orchestration outputs and persisted in the
// cycle summary (model.ts CycleSummary). Activities return subsets of it (Partial<CycleCounts>),
// so nothing is copied field by field.
// Every blob of a window is counted once: blobsListed = blobsSkipped + what was handed out, and a
// handed-out blob ends stored, settled earlier, lost, unreadable or quarantined (or the batch failed).

export interface CycleCounts {
  readonly windows: number;
  /** Distinct blobs the listings returned. */
  readonly blobsListed: number;
  /** LISTING: blobs the ledger already had settled (stored, lost or quarantined): not handed out to fetch. Never stored by this run. */
  readonly blobsSkipped: number;
  /** STORING: blobs fetched and written by this run. */
  readonly blobsStored: number;
  /** STORING: handed-out blobs the ledger showed settled when their batch ran (an earlier attempt of the batch settled them; in a rerun, a stored blob whose re-read failed): not written by this call. */
  readonly blobsSettledEarlier: number;
  /** Gone or never storable: a gap each. */
  readonly blobsLost: number;
  /** Failed reads counted against a blob (it holds the watermark until stored or quarantined). */
  readonly blobsUnreadable: number;
  /** Quarantined this run (a content-unreadable gap each, counted in gaps too). */
  readonly blobsQuarantined: number;
  readonly recordsStored: number;
  readonly recordsRejected: number;
  readonly gaps: number;
}

const KEYS: { readonly [K in keyof CycleCounts]: true } = {
  windows: true,
  blobsListed: true,
  blobsSkipped: true,
  blobsStored: true,
  blobsSettledEarlier: true,
  blobsLost: true,
  blobsUnreadable: true,
  blobsQuarantined: true,
  recordsStored: true,
  recordsRejected: true,
  gaps: true,
};

export const CYCLE_COUNT_KEYS = Object.keys(KEYS) as readonly (keyof CycleCounts)[];

export const ZERO_COUNTS: CycleCounts = countsFrom(() => 0);

/** a + b, counter by counter; b may hold only some counters (an activity's result) and other fields, which are ignored. */
export function addCounts(a: CycleCounts, b: Partial<CycleCounts>): CycleCounts {
  return countsFrom((key) => a[key] + (b[key] ?? 0));
}

function countsFrom(value: (key: keyof CycleCounts) => number): CycleCounts {
  return Object.fromEntries(CYCLE_COUNT_KEYS.map((key) => [key, value(key)])) as unknown as CycleCounts;
}
