// One page of a window's content listing: records newly listed blobs in the ledger (so a crash
// after listing cannot lose a blob: the watermark stops at it) and returns only the blobs still
// to fetch (ids and uris, never records) plus counts and the next page. The orchestrator has no
// I/O, so the ledger decision (blobsToFetch) is made here.
// API errors: 'resubscribe' starts the subscription and lists again once; 'window' lists the
// window again from its first page once (refused again: non-retryable); 'disabled' is returned
// (the orchestrator records a gap and skips the content type); anything else fails the activity.
import {
  blobsToFetch,
  listingFailureAction,
  type CollectionWindow,
  type ContentBlob,
  type ContentType,
  type CycleCounts,
  type LedgerEntry,
} from '@auditflow/ingestion';
import { apiErrorOf, type ContentPage, type ContentPageRequest } from '../shared/management-api-port';
import type { ActivityDeps, BlobRef } from '../shared/activity-deps';
import { ActivityFailure, failActivity } from '../shared/activity-failure';

export interface ListContentPageInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly window: CollectionWindow;
  /** Absent for the window's first page. */
  readonly nextPageUri?: string;
  /** Rerun: fetch blobs again even when the ledger has them stored. */
  readonly force: boolean;
}

/** Counts in THE counter shape (blobsListed: distinct blobs on the page; blobsSkipped: settled in the ledger, not handed out). */
export interface ListContentPageResult extends Pick<CycleCounts, 'blobsListed' | 'blobsSkipped'> {
  /** The blobs to fetch: ids and URIs only (the ledger holds their times). */
  readonly toFetch: BlobRef[];
  readonly nextPageUri?: string;
  /** The next-page link was refused (AF20031): this is the window's first page again. */
  readonly relisted?: boolean;
  /** Set when the subscription is disabled by an admin (AF20023): nothing was listed. */
  readonly disabled?: string;
}

export async function listContentPage(
  deps: Pick<ActivityDeps, 'api' | 'checkpoints' | 'now' | 'log'>,
  input: ListContentPageInput,
): Promise<ListContentPageResult> {
  const fetched = await fetchPage(deps, input);
  if ('disabled' in fetched) return { toFetch: [], blobsListed: 0, blobsSkipped: 0, disabled: fetched.disabled };
  const { page, relisted } = fetched;

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

  const toFetch = blobsToFetch(blobs, ledger, input.force).map(toBlobRef);
  return {
    toFetch,
    blobsListed: blobs.length,
    blobsSkipped: blobs.length - toFetch.length,
    ...(page.nextPageUri ? { nextPageUri: page.nextPageUri } : {}),
    ...(relisted ? { relisted: true } : {}),
  };
}

type Fetched = { page: ContentPage; relisted: boolean } | { disabled: string };

async function fetchPage(
  deps: Pick<ActivityDeps, 'api' | 'log'>,
  input: ListContentPageInput,
): Promise<Fetched> {
  const { tenantId, contentType, window } = input;
  const firstPage: ContentPageRequest = { startTime: window.start, endTime: window.end };
  let request: ContentPageRequest = input.nextPageUri ? { nextPageUri: input.nextPageUri } : firstPage;
  let resubscribed = false;
  let startFirst = false;
  let relisted = false;
  for (;;) {
    try {
      if (startFirst) {
        startFirst = false;
        await startSubscription(deps, contentType);
      }
      return { page: await deps.api.listContentPage(contentType, request), relisted };
    } catch (error) {
      const apiError = apiErrorOf(error);
      switch (listingFailureAction(apiError?.category, { resubscribed, relisted })) {
        case 'report-disabled':
          deps.log.warn('subscription disabled by an admin while listing', { tenantId, contentType, window });
          return { disabled: apiError?.message ?? 'subscription disabled' };
        case 'start-subscription-and-list-again':
          resubscribed = true;
          startFirst = true;
          deps.log.warn('no subscription while listing: starting it, then listing again', { tenantId, contentType });
          continue;
        case 'list-window-again':
          relisted = true;
          deps.log.warn('listing window or next page refused: listing the window again from its first page', { tenantId, contentType, window, code: apiError?.code });
          request = firstPage;
          continue;
        case 'fail-window-refused':
          // Every attempt with this window is refused the same way, so Durable must not retry
          // it; the next cycle plans its windows again.
          throw new ActivityFailure(
            `non-retryable: listing ${contentType} ${window.start}..${window.end} was refused again from its first page: ${apiError?.message ?? ''}; the next collection cycle plans new windows`,
            { code: apiError?.code ?? 'WindowRefused', statusCode: apiError?.statusCode ?? 400, category: 'window', retryable: false, cause: error },
          );
        case 'fail':
          return failActivity(error, `listing ${contentType} ${window.start}..${window.end}`);
      }
    }
  }
}

async function startSubscription(deps: Pick<ActivityDeps, 'api'>, contentType: ContentType): Promise<void> {
  try {
    await deps.api.startSubscription(contentType);
  } catch (error) {
    // AF20024 (already enabled) is a success in whatever form the client reports it.
    if (apiErrorOf(error)?.category !== 'success') throw error;
  }
}

function uniqueById(blobs: readonly ContentBlob[]): ContentBlob[] {
  const seen = new Map<string, ContentBlob>();
  for (const blob of blobs) if (!seen.has(blob.contentId)) seen.set(blob.contentId, blob);
  return [...seen.values()];
}

function toBlobRef(blob: ContentBlob): BlobRef {
  return { contentId: blob.contentId, contentUri: blob.contentUri };
}
