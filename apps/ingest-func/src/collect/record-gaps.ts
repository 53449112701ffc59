import type { ContentType, Gap } from '@auditflow/ingestion';
import type { ActivityDeps } from '../shared/activity-deps';

export interface RecordGapsInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
  /** Gaps of this tenant and content type only (the activity refuses others). */
  readonly gaps: readonly Gap[];
}

export interface RecordGapsResult {
  readonly recorded: number;
}

/** Idempotent: gap ids are deterministic, so a retried activity records each gap once. */
export async function recordGaps(
  deps: Pick<ActivityDeps, 'checkpoints' | 'log'>,
  input: RecordGapsInput,
): Promise<RecordGapsResult> {
  for (const gap of input.gaps) {
    await deps.checkpoints.recordGap(gap);
    deps.log.warn('gap recorded', {
      tenantId: gap.tenantId,
      contentType: gap.contentType,
      window: gap.window,
      reason: gap.reason,
      detail: gap.detail,
    });
  }
  return { recorded: input.gaps.length };
}
