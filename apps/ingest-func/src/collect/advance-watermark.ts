// Moves a content type's watermark to the earliest point below which every listed blob of the
// window is stored or recorded lost (nextWatermark), never backwards, with an etag-guarded
// read-modify-write: a ConcurrencyError fails the attempt and Durable's retry re-reads.
// Called only after the window was listed completely (every page), never on reruns.
// A blob still 'listed' whose content has expired can never be fetched: it becomes lost (ledger +
// gap) here, or it would hold the watermark for ever. That includes 'listed' blobs created before
// the window (a late blob in the relist overlap, a rerun's unstored blob, a hole the 7-day clamp
// dropped from the windows): no later window covers them, so without this they would expire
// unrecorded.
import { blobGap, nextWatermark, type CollectionWindow, type ContentType, type LedgerEntry } from '@auditflow/ingestion';
import type { ActivityDeps } from '../shared/activity-deps';

export interface AdvanceWatermarkInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly window: CollectionWindow;
}

export interface AdvanceWatermarkResult {
  readonly watermark: string | null;
  readonly advanced: boolean;
  /** True when the whole window is hole-free (the watermark reached its end). */
  readonly windowComplete: boolean;
  /** Listed blobs found expired and recorded lost (with a gap each). */
  readonly expiredLost: number;
}

export async function advanceWatermark(
  deps: Pick<ActivityDeps, 'checkpoints' | 'now' | 'log'>,
  input: AdvanceWatermarkInput,
): Promise<AdvanceWatermarkResult> {
  const { tenantId, contentType, window } = input;
  const current = await deps.checkpoints.getWatermark(tenantId, contentType);
  const listed = await deps.checkpoints.listLedger(tenantId, contentType, {
    createdFrom: window.start,
    createdTo: window.end,
  });
  const { entries, expiredLost: lostInWindow } = await markExpiredLost(deps, tenantId, contentType, listed);
  const below = await deps.checkpoints.listLedger(tenantId, contentType, { state: 'listed', createdTo: window.start });
  const expiredLost = lostInWindow + (await markExpiredLost(deps, tenantId, contentType, below)).expiredLost;
  const candidate = nextWatermark(current?.value, window, entries);
  const windowComplete = Date.parse(candidate) >= Date.parse(window.end);
  if (current && Date.parse(candidate) <= Date.parse(current.value)) {
    return { watermark: current.value, advanced: false, windowComplete, expiredLost };
  }
  const written = await deps.checkpoints.putWatermark(
    {
      tenantId,
      contentType,
      value: candidate,
      updatedAt: deps.now().toISOString(),
      ...(current?.lastCycle ? { lastCycle: current.lastCycle } : {}),
    },
    current?.etag ?? null,
  );
  deps.log.info('watermark advanced', { tenantId, contentType, from: current?.value ?? null, to: written.value });
  return { watermark: written.value, advanced: true, windowComplete, expiredLost };
}

async function markExpiredLost(
  deps: Pick<ActivityDeps, 'checkpoints' | 'now' | 'log'>,
  tenantId: string,
  contentType: ContentType,
  entries: LedgerEntry[],
): Promise<{ entries: LedgerEntry[]; expiredLost: number }> {
  const now = deps.now();
  const expired = entries.filter((e) => e.state === 'listed' && Date.parse(e.contentExpiration) <= now.getTime());
  if (expired.length === 0) return { entries, expiredLost: 0 };
  const lost = new Map<string, LedgerEntry>();
  for (const entry of expired) {
    const gap = blobGap(entry, 'content-expired', `listed but never fetched before it expired at ${entry.contentExpiration}`, now);
    await deps.checkpoints.recordGap(gap);
    lost.set(entry.contentId, { ...entry, state: 'lost', updatedAt: now.toISOString() });
    deps.log.warn('listed blob expired before it was fetched', { tenantId, contentType, contentId: entry.contentId });
  }
  await deps.checkpoints.putLedgerEntries([...lost.values()]);
  return { entries: entries.map((e) => lost.get(e.contentId) ?? e), expiredLost: lost.size };
}
