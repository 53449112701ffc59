// The instance-history purge (C13): finished Durable instances are deleted from the task hub on a
// schedule, so history does not grow forever with the Azure Storage backend, which has no
// retention policy. With the Durable Task Scheduler the task hub's retention policy (infra) does
// the same with the same numbers (INSTANCE_RETENTION_DAYS); this timer then finds little or
// nothing and stays as a safety net: see infra/README, "Purging finished instances".
//
// Only terminal statuses are named, so a Running, Pending or Suspended instance (whose parent or
// a client still waits on it) is never purged, however old. The lower bound is the epoch, not
// "an hour ago": a tick missed while the app was stopped is caught up by the next one.
// A failure is logged and rethrown: the host reports the failed invocation; the next tick retries.
import { INSTANCE_RETENTION_DAYS } from '@auditflow/config';
import type { InvocationContext, Timer } from '@azure/functions';
import * as df from 'durable-functions';
import type { Logger } from '../shared/activity-deps';
import { FUNCTION_NAMES } from '../shared/function-names';
import { structuredLog } from '../shared/structured-log';

/**
 * Hourly at minute 47 (NCRONTAB, seconds first, UTC): off the collect timer's 5-minute marks and
 * the store purge's minute 17. Hourly keeps each purge small (an hour of instances), well inside
 * the plan's function timeout. A constant, not a setting: libs/config has no setting for it.
 */
export const INSTANCE_PURGE_SCHEDULE = '0 47 * * * *';

const DAY_MS = 86_400_000;
const EPOCH = new Date(0);
const S = df.OrchestrationRuntimeStatus;

/** What one tick purges: each rule is one purgeInstanceHistoryBy call. */
export const INSTANCE_PURGE_RULES = [
  { name: 'finished', days: INSTANCE_RETENTION_DAYS.finished, runtimeStatus: [S.Completed, S.Terminated, S.Canceled] },
  { name: 'failed', days: INSTANCE_RETENTION_DAYS.failed, runtimeStatus: [S.Failed] },
] as const;

export function registerInstancePurgeTimer(schedule: string = INSTANCE_PURGE_SCHEDULE): void {
  df.app.client.timer(FUNCTION_NAMES.purgeInstanceHistory, {
    schedule,
    handler: (_timer: Timer, client: df.DurableClient, context: InvocationContext) => purgeFinishedInstances(client, structuredLog(context), new Date()).then(() => undefined),
  });
}

export interface InstancePurgeResult {
  /** Instances deleted per rule name. */
  readonly deleted: Readonly<Record<(typeof INSTANCE_PURGE_RULES)[number]['name'], number>>;
  readonly elapsedMs: number;
}

/** One tick: every rule in turn, then one log line; a failing rule is logged with its name and rethrown. */
export async function purgeFinishedInstances(
  client: Pick<df.DurableClient, 'purgeInstanceHistoryBy'>,
  log: Pick<Logger, 'info' | 'error'>,
  now: Date,
): Promise<InstancePurgeResult> {
  const started = performance.now();
  const deleted = { finished: 0, failed: 0 };
  for (const rule of INSTANCE_PURGE_RULES) {
    const createdTimeTo = new Date(now.getTime() - rule.days * DAY_MS);
    try {
      const result = await client.purgeInstanceHistoryBy({ createdTimeFrom: EPOCH, createdTimeTo, runtimeStatus: [...rule.runtimeStatus] });
      deleted[rule.name] = result.instancesDeleted;
    } catch (error) {
      log.error('instance history purge failed', { rule: rule.name, runtimeStatus: rule.runtimeStatus, createdTimeTo: createdTimeTo.toISOString(), deleted, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }
  const result = { deleted, elapsedMs: Math.round(performance.now() - started) };
  log.info('instance history purge done', { now: now.toISOString(), ...result });
  return result;
}
