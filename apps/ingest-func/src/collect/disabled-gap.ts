// The gap recorded when an admin disabled a content type's subscription (AF20023): content of a
// stopped interval is lost for good, from where collection stopped until someone re-enables it.
// Its id depends only on where collection stopped, so every cycle of one disabled episode
// records the same gap once (stores keep the first recording).
import { gapId, type ContentType, type Gap } from '@auditflow/ingestion';

export interface DisabledGapInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
  /** The watermark; null before the first collection. */
  readonly watermark: string | null;
  /** Where a first run would have started (now - lookback). */
  readonly firstRunStart: string;
  /** Where this cycle would have stopped listing (now - safety lag). */
  readonly end: string;
  readonly now: Date;
  readonly detail: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function subscriptionDisabledGap(input: DisabledGapInput): Gap {
  // Before any collection the start moves with every cycle: key the id on the day instead.
  const start = input.watermark ?? input.firstRunStart;
  const key = input.watermark ?? new Date(Math.floor(Date.parse(input.firstRunStart) / DAY_MS) * DAY_MS).toISOString();
  const end = Date.parse(input.end) > Date.parse(start) ? input.end : start;
  return {
    id: gapId({
      tenantId: input.tenantId,
      contentType: input.contentType,
      window: { start: key, end: key },
      reason: 'subscription-disabled',
    }),
    tenantId: input.tenantId,
    contentType: input.contentType,
    window: { start, end },
    reason: 'subscription-disabled',
    detail: `subscription disabled by an admin: content from ${start} on is not collected until it is re-enabled (${input.detail})`,
    recordedAt: input.now.toISOString(),
  };
}
