// The content ledger decides which listed blobs still need fetching: a blob stored, recorded lost
// or quarantined (a content-unreadable gap) is done. A rerun (force) fetches everything again,
// quarantined blobs included; ids keep the store free of duplicates.
import type { ContentBlob, LedgerEntry } from './model';

/** Blobs of a listing page still to fetch: not in the ledger as stored/lost/quarantined, unless force. */
export function blobsToFetch(
  blobs: readonly ContentBlob[],
  ledger: ReadonlyMap<string, LedgerEntry>,
  force: boolean,
): ContentBlob[] {
  if (!Array.isArray(blobs)) throw new TypeError('blobs must be an array of content blobs');
  if (typeof ledger !== 'object' || ledger === null || typeof ledger.get !== 'function') throw new TypeError('ledger must be a Map of contentId to ledger entry');
  if (typeof force !== 'boolean') throw new TypeError(`force must be a boolean, got ${String(force)}`);
  const seen = new Set<string>();
  const out: ContentBlob[] = [];
  for (const blob of blobs) {
    // The API can list one blob twice (on one page or across pages): fetch it once.
    if (seen.has(blob.contentId)) continue;
    seen.add(blob.contentId);
    const state = ledger.get(blob.contentId)?.state;
    if (!force && isSettled(state)) continue;
    out.push(blob);
  }
  return out;
}

/** A blob in one of these states is not fetched again by a collection (only by a rerun). */
export function isSettled(state: LedgerEntry['state'] | undefined): boolean {
  return state === 'stored' || state === 'lost' || state === 'quarantined';
}
