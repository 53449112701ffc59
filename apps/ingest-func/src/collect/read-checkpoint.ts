import type { ContentType } from '@auditflow/ingestion';
import type { ActivityDeps } from '../shared/activity-deps';

export interface ReadCheckpointInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
}

export interface ReadCheckpointResult {
  /** null on the first run of this content type. */
  readonly watermark: string | null;
}

/** Only the watermark value crosses into the orchestrator: the ledger stays in the store. */
export async function readCheckpoint(
  deps: Pick<ActivityDeps, 'checkpoints'>,
  input: ReadCheckpointInput,
): Promise<ReadCheckpointResult> {
  const watermark = await deps.checkpoints.getWatermark(input.tenantId, input.contentType);
  return { watermark: watermark?.value ?? null };
}
