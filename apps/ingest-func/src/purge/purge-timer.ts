// The retention timer: deletes what the store keeps past its time. Event documents carry `ttl`;
// Cosmos DB expires them itself (events.purgeExpired returns 0 there), SQLite only when asked.
// Ledger entries go in both stores only when asked, by the store's rule: content that expired more
// than the API's 7 days ago. A blob can be listed only while it was created within the last 7 days
// and expires about 7 days after creation, so a purged entry's blob is ~14 days old: it cannot
// come back in a listing (the relist overlap and reruns included), and for a week after expiring a
// still-`listed` entry stays for advanceWatermark to record as lost.
// A failure is logged and rethrown: the host reports the failed invocation; the next tick retries.
import { isConfigError } from '@auditflow/config';
import type { AuditStore } from '@auditflow/storage';
import { app, type InvocationContext, type Timer } from '@azure/functions';
import type { Logger } from '../shared/activity-deps';
import { FUNCTION_NAMES } from '../shared/function-names';
import { getRuntime, type AppRuntime } from '../shared/app-runtime';
import { structuredLog } from '../shared/structured-log';

/**
 * Hourly at minute 17 (NCRONTAB, seconds first, UTC): off the collect timer's 5-minute marks.
 * A constant, not a setting: libs/config has no setting for it.
 */
export const PURGE_SCHEDULE = '0 17 * * * *';

export function registerPurgeTimer(schedule: string = PURGE_SCHEDULE): void {
  app.timer(FUNCTION_NAMES.purgeExpired, {
    schedule,
    handler: (_timer: Timer, context: InvocationContext) => runPurgeTimer(getRuntime, structuredLog(context)).then(() => undefined),
  });
}

/** One tick: the per-process store, then the purge. Every failure is logged, then rethrown. */
export async function runPurgeTimer(
  runtime: () => Promise<Pick<AppRuntime, 'config' | 'store'>>,
  log: PurgeDeps['log'],
  now: () => Date = () => new Date(),
): Promise<PurgeResult> {
  let rt: Pick<AppRuntime, 'config' | 'store'>;
  try {
    rt = await runtime();
  } catch (error) {
    const problems = isConfigError(error) ? { problems: error.problems } : {};
    log.error('retention purge failed: the app could not open its store', { error: messageOf(error), ...problems });
    throw error;
  }
  return purgeExpired({ store: rt.store, tenantId: rt.config.tenantId, now, log });
}

export interface PurgeDeps {
  readonly store: Pick<AuditStore, 'kind' | 'events' | 'checkpoints'>;
  /** The app's tenant, for the log line (the store's purge covers every tenant it holds). */
  readonly tenantId: string;
  readonly now: () => Date;
  readonly log: Pick<Logger, 'info' | 'error'>;
}

export interface PurgeResult {
  readonly eventsPurged: number;
  readonly ledgerEntriesPurged: number;
  readonly elapsedMs: number;
}

/** Purges expired event documents, then expired ledger entries; one log line either way. */
export async function purgeExpired(deps: PurgeDeps): Promise<PurgeResult> {
  const now = deps.now();
  const started = performance.now();
  const elapsedMs = () => Math.round(performance.now() - started);
  const fields = { tenantId: deps.tenantId, store: deps.store.kind, now: now.toISOString() };
  let step: 'events' | 'ledger' = 'events';
  let eventsPurged: number | null = null;
  try {
    eventsPurged = await deps.store.events.purgeExpired(now);
    step = 'ledger';
    const ledgerEntriesPurged = await deps.store.checkpoints.purgeExpired(now);
    const result: PurgeResult = { eventsPurged, ledgerEntriesPurged, elapsedMs: elapsedMs() };
    deps.log.info('retention purge done', { ...fields, ...result });
    return result;
  } catch (error) {
    deps.log.error('retention purge failed', { ...fields, step, eventsPurged, elapsedMs: elapsedMs(), error: messageOf(error) });
    throw error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
