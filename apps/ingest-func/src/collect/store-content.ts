// The storeContent activity: fetch a batch of blobs, normalize, write every document of the batch
// in ONE upsertEvents call, then mark the blobs stored (with record counts). The order makes a
// crash safe: documents first, ledger second, so a crash in between leaves the blobs 'listed' and
// the retry stores them again (document ids are the record ids: nothing twice). A lost blob gets a
// gap and ledger 'lost'; a blob that does not read is counted and, after enough failed reads,
// quarantined with a 'content-unreadable' gap (blob-failure.ts says which failures count).
// Idempotent, so Durable may run it again after a failure.
import {
  blobGap,
  countReadFailure,
  isQuarantineDue,
  isSettled,
  normalizeBlob,
  type ContentType,
  type CycleCounts,
  type EventDocument,
  type LedgerEntry,
} from '@auditflow/ingestion';
import type { ActivityDeps, BlobRef } from '../shared/activity-deps';
import { ActivityFailure, failActivity } from '../shared/activity-failure';
import { classifyBlobFailure } from './blob-failure';

export interface StoreContentInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly blobs: readonly BlobRef[];
  /** Rerun: fetch again even blobs the ledger has stored (or quarantined). */
  readonly force: boolean;
}

/** Counts in THE counter shape (libs/ingestion cycle-counts.ts), plus the records fetched. */
export interface StoreContentResult
  extends Pick<CycleCounts, 'blobsStored' | 'blobsSettledEarlier' | 'blobsLost' | 'blobsUnreadable' | 'blobsQuarantined' | 'recordsStored' | 'recordsRejected' | 'gaps'> {
  readonly recordsFetched: number;
}

type Counts = { -readonly [K in keyof StoreContentResult]: number };

export async function storeContent(deps: ActivityDeps, input: StoreContentInput): Promise<StoreContentResult> {
  const { tenantId, contentType } = input;
  // Read once: the ledger holds each blob's times and read failures (a BlobRef carries its id and
  // URI only) and its state.
  const ledger = await deps.checkpoints.getLedgerEntries(tenantId, contentType, input.blobs.map((b) => b.contentId));
  refuseUnlisted(input, ledger);
  const result: Counts = { blobsStored: 0, blobsSettledEarlier: 0, blobsLost: 0, blobsUnreadable: 0, blobsQuarantined: 0, recordsFetched: 0, recordsStored: 0, recordsRejected: 0, gaps: 0 };
  const documents: EventDocument[] = [];
  const stored: LedgerEntry[] = [];
  const settled: LedgerEntry[] = []; // lost, counted failures, quarantined
  let failure: { error: unknown; blob: BlobRef } | undefined;

  for (const blob of input.blobs) {
    const known = ledger.get(blob.contentId) as LedgerEntry; // refuseUnlisted: every blob has its entry
    // The listing decided what to fetch (blobsToFetch) and handed out only unsettled blobs, unless
    // forced: one settled now was settled by an earlier attempt of this batch, not to be redone.
    if (!input.force && isSettled(known.state)) {
      result.blobsSettledEarlier += 1;
      continue;
    }
    const base = ledgerBase(known);
    let records;
    try {
      records = await deps.api.fetchContent(blob.contentUri);
    } catch (error) {
      const what = classifyBlobFailure(error);
      if (what.kind === 'fail') {
        failure = { error, blob };
        break; // keep what this batch stored so far (written below); the retry skips it
      }
      if (known.state === 'stored') {
        // A forced re-fetch of a blob stored before: its records are in the store already.
        result.blobsSettledEarlier += 1;
        continue;
      }
      const now = deps.now();
      if (what.kind === 'lost') {
        const gap = blobGap(base, what.reason, what.message, now);
        await deps.checkpoints.recordGap(gap);
        settled.push({ ...withoutFailures(base), state: 'lost', updatedAt: now.toISOString() });
        result.blobsLost += 1;
        result.gaps += 1;
        deps.log.warn('content lost', { tenantId, contentType, contentId: blob.contentId, reason: what.reason, detail: gap.detail });
        continue;
      }
      const readFailures = countReadFailure(known.readFailures, what.message, now);
      if (known.state !== 'quarantined' && isQuarantineDue(readFailures, deps.unreadable)) {
        const detail =
          `${readFailures.attempts} failed reads from ${readFailures.firstFailedAt} to ${readFailures.lastFailedAt}; last error: ${readFailures.lastError}; ` +
          'quarantined: later windows are collected, a rerun of its window tries it again';
        const gap = blobGap(base, 'content-unreadable', detail, now);
        await deps.checkpoints.recordGap(gap);
        settled.push({ ...base, state: 'quarantined', readFailures, updatedAt: now.toISOString() });
        result.blobsQuarantined += 1;
        result.gaps += 1;
        deps.log.warn('blob quarantined: it never reads', { tenantId, contentType, contentId: blob.contentId, detail: gap.detail });
        continue;
      }
      settled.push({ ...base, state: known.state === 'quarantined' ? 'quarantined' : 'listed', readFailures, updatedAt: now.toISOString() });
      result.blobsUnreadable += 1;
      deps.log.warn('blob did not read: counted, the next cycle tries again', {
        tenantId,
        contentType,
        contentId: blob.contentId,
        attempts: readFailures.attempts,
        firstFailedAt: readFailures.firstFailedAt,
        error: readFailures.lastError,
      });
      continue;
    }
    const normalized = normalizeBlob(records, { tenantId, contentType, contentId: blob.contentId, retentionDays: deps.retentionDays });
    for (const r of normalized.rejected) {
      deps.log.warn('record rejected', { tenantId, contentType, contentId: r.contentId, index: r.index, reason: r.reason });
    }
    documents.push(...normalized.documents);
    result.recordsFetched += records.length;
    result.recordsRejected += normalized.rejected.length;
    result.blobsStored += 1;
    stored.push({
      ...withoutFailures(base),
      state: 'stored',
      recordCount: records.length,
      rejectedCount: normalized.rejected.length,
      updatedAt: deps.now().toISOString(),
    });
  }

  if (documents.length > 0) result.recordsStored = (await deps.events.upsertEvents(documents)).written;
  const entries = [...stored, ...settled];
  if (entries.length > 0) await deps.checkpoints.putLedgerEntries(entries);
  if (failure) failActivity(failure.error, `fetching ${contentType} blob ${failure.blob.contentId}`);
  return result;
}

function ledgerBase(known: LedgerEntry): Omit<LedgerEntry, 'state' | 'updatedAt'> {
  const { state: _state, updatedAt: _updatedAt, recordCount: _records, rejectedCount: _rejected, ...base } = known;
  return base;
}

/**
 * Only blobs listContentPage handed out are fetched: each must have its ledger entry, under the
 * URI it was listed with. Anything else did not come from a listing (a made-up input through the
 * Durable management API): refused before any fetch, every time, so non-retryably.
 */
function refuseUnlisted(input: StoreContentInput, ledger: ReadonlyMap<string, LedgerEntry>): void {
  const problems = input.blobs.flatMap((blob) => {
    const known = ledger.get(blob.contentId);
    if (!known) return [`blob ${blob.contentId} was never listed for ${input.contentType}`];
    return known.contentUri === blob.contentUri ? [] : [`blob ${blob.contentId}: ${blob.contentUri} is not the URI it was listed with`];
  });
  if (problems.length === 0) return;
  throw new ActivityFailure(`non-retryable: storeContent refused its input: ${problems.join('; ')}. Blobs to store come from listContentPage`, {
    code: 'NotListed',
    statusCode: 400,
    category: 'fatal',
    retryable: false,
  });
}

function withoutFailures<T extends { readFailures?: unknown }>(entry: T): Omit<T, 'readFailures'> {
  const { readFailures: _dropped, ...rest } = entry;
  return rest;
}
