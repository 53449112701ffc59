// Moves a content type's watermark to the earliest point below which every listed blob of the
// window is stored or recorded lost (nextWatermark), never backwards, with an etag-guarded
// read-modify-write: a ConcurrencyError fails the attempt and Durable's retry re-reads.
import { nextWatermark, type CollectionWindow, type ContentType, type CycleSummary } from '@auditflow/ingestion';
import type { ActivityDeps } from './activity-deps';

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
}

export async function advanceWatermark(
  deps: Pick<ActivityDeps, 'checkpoints' | 'now' | 'log'>,
  input: AdvanceWatermarkInput,
): Promise<AdvanceWatermarkResult> {
  const { tenantId, contentType, window } = input;
  const current = await deps.checkpoints.getWatermark(tenantId, contentType);
  const entries = await deps.checkpoints.listLedger(tenantId, contentType, {
    createdFrom: window.start,
    createdTo: window.end,
  });
  const candidate = nextWatermark(current?.value, window, entries);
  const windowComplete = Date.parse(candidate) >= Date.parse(window.end);
  if (current && Date.parse(candidate) <= Date.parse(current.value)) {
    return { watermark: current.value, advanced: false, windowComplete };
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
  return { watermark: written.value, advanced: true, windowComplete };
}

export interface RecordCycleInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly summary: CycleSummary;
}

/** Attaches the cycle's summary to the watermark document (status reads it). */
export async function recordCycle(
  deps: Pick<ActivityDeps, 'checkpoints' | 'now'>,
  input: RecordCycleInput,
): Promise<{ recorded: boolean }> {
  const current = await deps.checkpoints.getWatermark(input.tenantId, input.contentType);
  // No watermark yet means nothing was ever collectable: there is no document to annotate.
  if (!current) return { recorded: false };
  const { etag: _etag, ...rest } = current;
  await deps.checkpoints.putWatermark(
    { ...rest, lastCycle: input.summary, updatedAt: deps.now().toISOString() },
    current.etag ?? null,
  );
  return { recorded: true };
}
