// The recordCycle activity: attaches a finished cycle's summary to the content type's watermark
// document, etag-guarded like advanceWatermark (GET /api/status reads it).
import type { ContentType, CycleSummary } from '@auditflow/ingestion';
import type { ActivityDeps } from '../shared/activity-deps';

export interface RecordCycleInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly summary: CycleSummary;
}

export interface RecordCycleResult {
  /** False when there is no watermark document yet to attach it to. */
  readonly recorded: boolean;
}

/** Attaches the cycle's summary to the watermark document (status reads it). */
export async function recordCycle(
  deps: Pick<ActivityDeps, 'checkpoints' | 'now'>,
  input: RecordCycleInput,
): Promise<RecordCycleResult> {
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
