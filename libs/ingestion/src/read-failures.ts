// A blob that never reads (not JSON, gzip without its header, a redirect loop, a body that
// trickles past every timeout) must not hold the watermark until it expires: its failed reads are
// counted in the ledger, and once there were enough of them over long enough it is quarantined
// (a 'content-unreadable' gap). Both bounds matter: the count keeps one bad minute from
// quarantining a blob, the time keeps a fast schedule from reaching the count in a few minutes.
import { requireNonNegative } from './argument-checks';
import type { ReadFailures } from './model';

export interface UnreadablePolicy {
  /** Failed reads before a blob may be quarantined (AUDITFLOW_UNREADABLE_MAX_ATTEMPTS). */
  readonly maxAttempts: number;
  /** Hours from the first to the last failed read before it may be (AUDITFLOW_UNREADABLE_MIN_HOURS). */
  readonly minHours: number;
}

/** Error texts kept in the ledger are cut to this many characters. */
export const MAX_READ_ERROR_CHARS = 1000;

/** The read failures after one more failed attempt at `now`. */
export function countReadFailure(previous: ReadFailures | undefined, error: string, now: Date): ReadFailures {
  const at = now.toISOString();
  return {
    attempts: (previous?.attempts ?? 0) + 1,
    firstFailedAt: previous?.firstFailedAt ?? at,
    lastFailedAt: at,
    lastError: error.length > MAX_READ_ERROR_CHARS ? `${error.slice(0, MAX_READ_ERROR_CHARS - 1)}…` : error,
  };
}

/** True when the blob failed at least maxAttempts times over at least minHours. */
export function isQuarantineDue(failures: ReadFailures, policy: UnreadablePolicy): boolean {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 2) {
    throw new TypeError(`policy.maxAttempts must be an integer >= 2 (one failure is no pattern), got ${String(policy.maxAttempts)}`);
  }
  requireNonNegative(policy.minHours, 'policy.minHours');
  const spanMs = Date.parse(failures.lastFailedAt) - Date.parse(failures.firstFailedAt);
  return failures.attempts >= policy.maxAttempts && spanMs >= policy.minHours * 3_600_000;
}
