// One page of a window's content listing: records newly listed blobs in the ledger and returns
// the blobs still to fetch (ids and uris, never records) plus counts and the next page.
import {
  selectBlobsToFetch,
  type CollectionWindow,
  type ContentBlob,
  type ContentType,
  type LedgerEntry,
} from '@auditflow/ingestion';
import type { ActivityDeps, BlobRef } from './activity-deps';

export interface ListContentPageInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly window: CollectionWindow;
  /** Absent for the window's first page. */
  readonly nextPageUri?: string;
  /** Rerun: fetch blobs again even when the ledger has them stored. */
  readonly force: boolean;
}

export interface ListContentPageResult {
  readonly toFetch: BlobRef[];
  /** Blobs on this page (after de-duplicating repeated ids). */
  readonly listed: number;
  /** Blobs the ledger already has stored or lost, not fetched again. */
  readonly skipped: number;
  readonly nextPageUri?: string;
}

export async function listContentPage(
  deps: Pick<ActivityDeps, 'api' | 'checkpoints' | 'now'>,
  input: ListContentPageInput,
): Promise<ListContentPageResult> {
  const page = await deps.api.listContentPage(
    input.contentType,
    input.nextPageUri ? { nextPageUri: input.nextPageUri } : { startTime: input.window.start, endTime: input.window.end },
  );
  const blobs = uniqueById(page.blobs);
  const ledger = await deps.checkpoints.getLedgerEntries(
    input.tenantId,
    input.contentType,
    blobs.map((b) => b.contentId),
  );
  // Record first sightings only: a blob already stored or lost keeps its state (a rerun must not
  // turn a stored blob back into a hole below the watermark).
  const updatedAt = deps.now().toISOString();
  const firstSeen: LedgerEntry[] = blobs
    .filter((b) => !ledger.has(b.contentId))
    .map((b) => ({
      tenantId: input.tenantId,
      contentType: input.contentType,
      contentId: b.contentId,
      contentUri: b.contentUri,
      contentCreated: b.contentCreated,
      contentExpiration: b.contentExpiration,
      state: 'listed',
      updatedAt,
    }));
  if (firstSeen.length > 0) await deps.checkpoints.putLedgerEntries(firstSeen);

  const toFetch = selectBlobsToFetch(blobs, ledger, { force: input.force }).map(toBlobRef);
  return {
    toFetch,
    listed: blobs.length,
    skipped: blobs.length - toFetch.length,
    ...(page.nextPageUri ? { nextPageUri: page.nextPageUri } : {}),
  };
}

function uniqueById(blobs: readonly ContentBlob[]): ContentBlob[] {
  const seen = new Map<string, ContentBlob>();
  for (const blob of blobs) if (!seen.has(blob.contentId)) seen.set(blob.contentId, blob);
  return [...seen.values()];
}

function toBlobRef(blob: ContentBlob): BlobRef {
  return {
    contentId: blob.contentId,
    contentUri: blob.contentUri,
    contentCreated: blob.contentCreated,
    contentExpiration: blob.contentExpiration,
  };
}
