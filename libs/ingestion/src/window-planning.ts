// Plans the listing windows of one collection cycle for one content type (architecture.md,
// "Data flow" 3b). Pure: the caller passes the orchestration's clock (currentUtcDateTime).
//
//   earliest = now - 7 d + margin   (older content cannot be listed any more)
//   start    = watermark - relist overlap, or now - lookback on a first run; clamped to earliest
//   end      = now - safety lag     (content keeps appearing late; leave it for the next cycle)
//
// What was never collected and is now older than `earliest` is recorded as ONE gap
// [watermark, earliest). A first run's clamp is not a gap: the lookback is a choice.
import { requireContentType, requireDate, requireNonEmptyString, requireNonNegative, requireTimestamp } from './argument-checks';
import { gapId } from './gap-id';
import { API_RETENTION_MS, MAX_WINDOW_MS, type CollectionWindow, type ContentType, type Gap } from './model';

/** Keep this far inside the API's 7 days, so a planned window is still listable when it is listed. */
export const RETENTION_MARGIN_MS = 10 * 60_000;

export interface PlanInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
  /** The orchestration's clock: context.df.currentUtcDateTime. */
  readonly now: Date;
  /** undefined = first run. */
  readonly watermark?: string;
  readonly firstRunLookbackHours: number;
  readonly relistOverlapMinutes: number;
  readonly safetyLagMinutes: number;
}

export interface WindowPlan {
  /** Ascending, contiguous, each <= 24 h, none starting before now - 7 d + margin. */
  readonly windows: CollectionWindow[];
  /** 'beyond-api-retention': [watermark, earliest listable) when the watermark is older. */
  readonly gaps: Gap[];
}

export function planWindows(input: PlanInput): WindowPlan {
  if (typeof input !== 'object' || input === null) throw new TypeError('planWindows needs an input object');
  const tenantId = requireNonEmptyString(input.tenantId, 'tenantId');
  const contentType = requireContentType(input.contentType, 'contentType');
  const now = requireDate(input.now, 'now');
  const lookbackMs = requireNonNegative(input.firstRunLookbackHours, 'firstRunLookbackHours') * 3_600_000;
  const overlapMs = requireNonNegative(input.relistOverlapMinutes, 'relistOverlapMinutes') * 60_000;
  const lagMs = requireNonNegative(input.safetyLagMinutes, 'safetyLagMinutes') * 60_000;
  if (lagMs >= API_RETENTION_MS - RETENTION_MARGIN_MS) {
    throw new TypeError(
      `safetyLagMinutes must be well under the API's 7 days (a few minutes to hours), got ${input.safetyLagMinutes}`,
    );
  }
  const watermark = input.watermark === undefined ? undefined : requireTimestamp(input.watermark, 'watermark');

  const earliest = now - API_RETENTION_MS + RETENTION_MARGIN_MS;
  const end = now - lagMs;
  const gaps: Gap[] = [];
  let start: number;
  if (watermark === undefined) {
    start = Math.max(now - lookbackMs, earliest);
  } else {
    // A watermark past the end means the clocks disagree: list nothing rather than a bad window.
    if (watermark > end) return { windows: [], gaps: [] };
    start = Math.max(watermark - overlapMs, earliest);
    if (watermark < earliest && end > start) {
      const window = { start: iso(watermark), end: iso(earliest) };
      gaps.push({
        id: gapId({ tenantId, contentType, window, reason: 'beyond-api-retention' }),
        tenantId,
        contentType,
        window,
        reason: 'beyond-api-retention',
        detail:
          `content created between ${window.start} and ${window.end} was never collected and the API ` +
          `no longer keeps it (it keeps ${API_RETENTION_MS / 86_400_000} days)`,
        recordedAt: iso(now),
      });
    }
  }
  if (end <= start) return { windows: [], gaps: [] };

  const windows: CollectionWindow[] = [];
  for (let from = start; from < end; from += MAX_WINDOW_MS) {
    windows.push({ start: iso(from), end: iso(Math.min(from + MAX_WINDOW_MS, end)) });
  }
  return { windows, gaps };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
