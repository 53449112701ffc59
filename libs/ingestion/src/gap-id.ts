// Gap ids are derived from what the gap is about, so recording the same gap twice (an activity
// retried, an orchestration replayed) writes one document, never two.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { normalizeCreationTime } from './creation-time';
import type { CollectionWindow, ContentType, GapReason } from './model';

export interface GapIdentity {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly window: CollectionWindow;
  readonly reason: GapReason;
  readonly contentId?: string;
}

/** 'gap-' + sha256 of the gap's identity; window bounds compare as instants (Z vs .000Z alike). */
export function gapId(g: GapIdentity): string {
  const identity = {
    tenantId: g.tenantId,
    contentType: g.contentType,
    reason: g.reason,
    start: normalizeCreationTime(g.window.start) ?? g.window.start,
    end: normalizeCreationTime(g.window.end) ?? g.window.end,
    contentId: g.contentId ?? null,
  };
  return `gap-${createHash('sha256').update(canonicalJson(identity)).digest('hex')}`;
}
