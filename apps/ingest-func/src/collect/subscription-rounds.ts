// Subscription starts refused as too frequent come back with the API's hint (retryAfterInMs). A
// short hint is waited for inside the cycle with a DURABLE timer (never a sleep in an activity:
// the worker would sit idle and the wait would not survive a restart), then only the deferred
// content types are ensured again; a long hint is left to the first cycle after it (the start
// memory holds the content type exactly that long). Bounded: a tenant-wide start guard answering
// every other start with a few seconds' hint needs one round per content type.
import type { ContentType } from '@auditflow/ingestion';
import type { OrchestrationContext, Task } from 'durable-functions';
import { callActivityWithRetry } from '../shared/call-activity';
import type { SubscriptionReport } from './ensure-subscriptions';

/** A hint up to this long is waited for within the cycle (the default schedule's interval). */
export const MAX_START_WAIT_IN_CYCLE_MS = 5 * 60_000;
/** At most this many ensure rounds per cycle (one per content type and then some). */
export const MAX_START_ROUNDS = 10;

export function* ensureSubscriptionsWithWaits(
  context: OrchestrationContext,
  tenantId: string,
  contentTypes: readonly ContentType[],
): Generator<Task, SubscriptionReport[], unknown> {
  const reports = new Map<ContentType, SubscriptionReport>();
  let pending: readonly ContentType[] = contentTypes;
  for (let round = 1; round <= MAX_START_ROUNDS && pending.length > 0; round += 1) {
    const ensured = yield* callActivityWithRetry(context, 'ensureSubscriptions', { tenantId, contentTypes: pending });
    for (const report of ensured.subscriptions) reports.set(report.contentType, report);
    const waits = ensured.subscriptions
      .filter((r) => r.state === 'start-deferred' && r.retryAfterInMs !== undefined && r.retryAfterInMs <= MAX_START_WAIT_IN_CYCLE_MS)
      .map((r) => r.retryAfterInMs as number);
    if (waits.length === 0 || round === MAX_START_ROUNDS) break;
    // Wait for the earliest hint; content types due later stay deferred in the memory and come back with what is left.
    yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + Math.min(...waits)));
    pending = ensured.subscriptions.filter((r) => r.state === 'start-deferred' && r.retryAfterInMs !== undefined && r.retryAfterInMs <= MAX_START_WAIT_IN_CYCLE_MS).map((r) => r.contentType);
  }
  // In the configured order, whatever round decided each.
  return contentTypes.map((ct) => reports.get(ct)).filter((r): r is SubscriptionReport => r !== undefined);
}

/** Why a content type that is not collectable is not collected, for outputs, status and logs. */
export function notSubscribedDetail(report: SubscriptionReport, now: Date): string {
  const later =
    report.state === 'start-deferred' && report.retryAfterInMs !== undefined
      ? `; the first cycle after ${new Date(now.getTime() + report.retryAfterInMs).toISOString()} starts it`
      : '';
  return `${report.state}${report.detail ? `: ${report.detail}` : ''}${later}`;
}
