// The gap of one blob that cannot be collected (lost, or quarantined as unreadable). Its records
// have unknown event times, so the window says when the blob became available: a 1 ms window at
// its contentCreated. The id depends on the blob and the reason only, so a retry records it once.
import { gapId } from './gap-id';
import type { ContentType, Gap, GapReason } from './model';

export interface BlobIdentity {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly contentId: string;
  readonly contentCreated: string;
}

export function blobGap(blob: BlobIdentity, reason: GapReason, detail: string, now: Date): Gap {
  const { tenantId, contentType, contentId } = blob;
  const window = { start: blob.contentCreated, end: new Date(Date.parse(blob.contentCreated) + 1).toISOString() };
  return {
    id: gapId({ tenantId, contentType, window, reason, contentId }),
    tenantId,
    contentType,
    window,
    reason,
    detail: `blob ${contentId}: ${detail}`,
    contentId,
    recordedAt: now.toISOString(),
  };
}
