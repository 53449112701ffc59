// Which fetch failures mean a blob is gone for good (record a gap, go on) rather than a failure
// to retry. Only the client's 'content-lost' category qualifies; everything else is rethrown.
import { gapId, type ContentType, type Gap, type GapReason } from '@auditflow/ingestion';
import type { BlobRef } from './activity-deps';
import { apiErrorOf } from '../activity-api-port';

export function lostContentReason(error: unknown): GapReason | undefined {
  const apiError = apiErrorOf(error);
  if (!apiError || apiError.category !== 'content-lost') return undefined;
  if (apiError.code === 'AF20051') return 'content-expired';
  if (apiError.code === 'AF20050' || apiError.statusCode === 404) return 'content-missing';
  // AF20052 (the id is refused), a body that is not a JSON array of records, a blob over
  // AUDITFLOW_MAX_BLOB_BYTES: the blob exists but can never be stored.
  return 'content-invalid';
}

/** The gap of one lost blob: deterministic per blob and reason, so a retry records it once. */
export function lostBlobGap(
  tenantId: string,
  contentType: ContentType,
  blob: BlobRef,
  reason: Gap['reason'],
  detail: string,
  now: Date,
): Gap {
  // The blob's records have unknown event times; the window says when the blob became available.
  const window = { start: blob.contentCreated, end: new Date(Date.parse(blob.contentCreated) + 1).toISOString() };
  return {
    id: gapId({ tenantId, contentType, window, reason, contentId: blob.contentId }),
    tenantId,
    contentType,
    window,
    reason,
    detail: `blob ${blob.contentId}: ${detail}`,
    contentId: blob.contentId,
    recordedAt: now.toISOString(),
  };
}
