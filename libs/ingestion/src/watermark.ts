// The watermark rule (architecture.md, "Data flow" 3e): every blob with contentCreated below the
// watermark is stored or recorded lost. A blob still only 'listed' is a hole; the watermark stops
// at the earliest hole, so a failed fetch is retried next cycle instead of skipped for ever.
//
// The caller advances windows in order and stops at the first window whose new watermark is below
// its end: a later window knows nothing of the holes of an earlier one.
import { requireTimestamp } from './argument-checks';
import { parseUtcMs } from './creation-time';
import type { CollectionWindow, LedgerEntry } from './model';

/**
 * The new watermark after a window was listed completely: the earliest contentCreated of a blob of
 * the window still 'listed' (not stored, not lost); window.end when there is none. Never below
 * `current` (returns current then).
 */
export function nextWatermark(
  current: string | undefined,
  window: CollectionWindow,
  entries: readonly LedgerEntry[],
): string {
  if (typeof window !== 'object' || window === null) throw new TypeError('window must be a {start, end} object');
  const start = requireTimestamp(window.start, 'window.start');
  const end = requireTimestamp(window.end, 'window.end');
  if (end < start) throw new TypeError(`window.end (${window.end}) must not be before window.start (${window.start})`);
  const currentMs = current === undefined ? undefined : requireTimestamp(current, 'current');
  if (!Array.isArray(entries)) throw new TypeError('entries must be an array of ledger entries');

  let candidate = end;
  entries.forEach((entry, i) => {
    if (entry.state !== 'listed') return;
    const created = parseUtcMs(entry.contentCreated);
    // A hole we cannot place could be anywhere: refuse rather than guess past it.
    if (created === null) requireTimestamp(entry.contentCreated, `entries[${i}].contentCreated`);
    else if (created >= start && created < end && created < candidate) candidate = created;
  });
  if (current !== undefined && currentMs !== undefined && candidate <= currentMs) return current;
  return new Date(candidate).toISOString();
}
