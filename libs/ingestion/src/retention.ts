// Retention, written down once: how long an event document lives, and how long a ledger entry
// can still matter. libs/config's retentionSeconds (the setting, infra's container TTL) and both
// storage adapters (the SQLite purge, the Cosmos ledger purge) use these.
import { requirePositive } from './argument-checks';
import { API_RETENTION_MS } from './model';

export const SECONDS_PER_DAY = 86_400;

/** An event document's ttl (seconds, at least 1) for a retention of `retentionDays` days (> 0). */
export function ttlSecondsFor(retentionDays: number): number {
  return Math.max(1, Math.round(requirePositive(retentionDays, 'retentionDays') * SECONDS_PER_DAY));
}

/**
 * Ledger entries whose content expired before this instant can be purged: the API keeps content
 * for API_RETENTION_MS, so after that long past its expiry an entry can no longer be listed again.
 */
export function ledgerPurgeCutoffMs(now: Date): number {
  return now.getTime() - API_RETENTION_MS;
}
