// The collection timer: starts the tenant's singleton collect orchestration unless one is still
// running. Its input carries the collection settings as plain data (orchestrators never read the
// environment).
import type { AuditflowConfig } from '@auditflow/config';
import type { InvocationContext, Timer } from '@azure/functions';
import * as df from 'durable-functions';
import { collectSettingsFrom } from './collect-settings';
import { collectInstanceId, FUNCTION_NAMES } from '../shared/function-names';
import type { CollectInput } from './orchestration-input';
import { getConfig, getRuntime } from '../shared/app-runtime';
import { getInstanceStatus, isActive } from '../shared/instance-status';
import { structuredLog } from '../shared/structured-log';
import { startOrJoin } from '../shared/start-once';
import { stuckCollection } from './stuck-collection';
import type { Logger } from '../shared/activity-deps';

export function registerCollectTimer(schedule: string): void {
  df.app.client.timer(FUNCTION_NAMES.collectTimer, {
    schedule,
    handler: (_timer: Timer, client: df.DurableClient, context: InvocationContext) =>
      startCollection(client, structuredLog(context), getConfig(), new Date(), async () => (await getRuntime()).store.checkpointWal?.()),
  });
}

/** Starts `collect-{tenantId}` when it is not running; returns the instance id, or undefined when skipped. */
export async function startCollection(
  client: Pick<df.DurableClient, 'getStatus' | 'startNew'>,
  log: Pick<Logger, 'info' | 'warn'>,
  config: AuditflowConfig,
  now: Date = new Date(),
  /** Store maintenance between cycles (C5: the SQLite WAL checkpoint), run only when no cycle runs. */
  maintain?: () => Promise<unknown>,
): Promise<string | undefined> {
  const instanceId = collectInstanceId(config.tenantId);
  const existing = await getInstanceStatus(client, instanceId);
  if (isActive(existing)) {
    const stuck = stuckCollection(existing, config.tenantId, now, config.stuckAfterMinutes);
    if (stuck) {
      log.warn('collection stuck: running far longer than a cycle should, no new cycle starts until it ends', { instanceId, runtimeStatus: existing?.runtimeStatus, ...stuck });
      return undefined;
    }
    log.info('collection still running, not starting another', { instanceId, runtimeStatus: existing?.runtimeStatus });
    return undefined;
  }
  if (maintain) {
    // Off the hot path: the WAL is moved into the database between cycles, not inside event writes.
    try {
      const result = await maintain();
      if (result) log.info('store maintenance done', { instanceId, ...(result as object) });
    } catch (error) {
      log.warn('store maintenance failed, starting the cycle anyway', { instanceId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const input: CollectInput = { settings: collectSettingsFrom(config) };
  if ((await startOrJoin(client, FUNCTION_NAMES.collectOrchestrator, instanceId, input)) === 'joined') {
    log.info('collection started by another timer at the same time, not starting another', { instanceId });
    return undefined;
  }
  log.info('collection started', { instanceId });
  return instanceId;
}
