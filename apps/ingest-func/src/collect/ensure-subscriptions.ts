// ensureSubscriptions: list first, start only what is missing, never restart a subscription an
// admin disabled (AF20023): report it. A start refused as too frequent (403 or 429, "retry again
// after Xm Ys") is retried when the API said: the report carries `retryAfterInMs`, the collect
// orchestration waits for a short one with a durable timer and defers a long one to the first
// cycle after it. Without a hint, starts keep the API's documented 15-minute guard.
import type { ContentType } from '@auditflow/ingestion';
import { apiErrorOf } from '../shared/management-api-port';
import type { ActivityDeps } from '../shared/activity-deps';
import { failActivity } from '../shared/activity-failure';

export type SubscriptionState =
  | 'enabled' // listed as enabled
  | 'started' // was missing, started now
  | 'disabled' // disabled by an admin: reported, not restarted
  | 'start-deferred' // missing, but a start was attempted less than the guard ago (or the API throttled it)
  | 'start-failed'; // the start failed for a reason no retry fixes (permissions, tenant): see detail

export interface SubscriptionReport {
  readonly contentType: ContentType;
  readonly state: SubscriptionState;
  readonly detail?: string;
  /** start-deferred: the next start may be attempted this long after the activity ran. */
  readonly retryAfterInMs?: number;
}

export interface EnsureSubscriptionsInput {
  readonly tenantId: string;
  readonly contentTypes: readonly ContentType[];
}

export interface EnsureSubscriptionsResult {
  readonly subscriptions: SubscriptionReport[];
}

/**
 * Remembers, per process, when the next start of a content type may be attempted (the checkpoint
 * store has no place for it): after an attempt without a hint, the 15-minute guard; after a
 * refusal with a hint, exactly the hint, never longer than the API asked.
 */
export interface StartAttemptMemory {
  nextAttemptInMs(key: string): number | undefined;
  holdUntil(key: string, atInMs: number): void;
}

export function createStartAttemptMemory(): StartAttemptMemory {
  const next = new Map<string, number>();
  return {
    nextAttemptInMs: (key) => next.get(key),
    holdUntil: (key, atInMs) => void next.set(key, atInMs),
  };
}

export const SUBSCRIPTION_START_GUARD_IN_MS = 15 * 60 * 1000;

export function isCollectable(state: SubscriptionState): boolean {
  return state === 'enabled' || state === 'started';
}

export async function ensureSubscriptions(
  deps: Pick<ActivityDeps, 'api' | 'now' | 'log'> & { readonly startAttempts: StartAttemptMemory },
  input: EnsureSubscriptionsInput,
): Promise<EnsureSubscriptionsResult> {
  const listed = await deps.api.listSubscriptions().catch((error: unknown) => failActivity(error, 'listing subscriptions'));
  const subscriptions: SubscriptionReport[] = [];
  for (const contentType of input.contentTypes) {
    const found = listed.find((s) => s.contentType.toLowerCase() === contentType.toLowerCase());
    const status = found?.status.toLowerCase();
    if (status === 'enabled') {
      subscriptions.push({ contentType, state: 'enabled' });
      continue;
    }
    if (status === 'disabled') {
      deps.log.warn('subscription disabled, not restarting it', { tenantId: input.tenantId, contentType });
      subscriptions.push({ contentType, state: 'disabled', detail: 'listed as disabled; an admin must re-enable it' });
      continue;
    }
    subscriptions.push(await startGuarded(deps, input.tenantId, contentType));
  }
  return { subscriptions };
}

async function startGuarded(
  deps: Pick<ActivityDeps, 'api' | 'now' | 'log'> & { readonly startAttempts: StartAttemptMemory },
  tenantId: string,
  contentType: ContentType,
): Promise<SubscriptionReport> {
  const key = `${tenantId}|${contentType}`;
  const nowInMs = deps.now().getTime();
  const next = deps.startAttempts.nextAttemptInMs(key);
  if (next !== undefined && nowInMs < next) {
    const retryAfterInMs = next - nowInMs;
    return { contentType, state: 'start-deferred', detail: `start refused as too frequent, or attempted less than 15 min ago: next attempt at ${new Date(next).toISOString()}`, retryAfterInMs };
  }
  deps.startAttempts.holdUntil(key, nowInMs + SUBSCRIPTION_START_GUARD_IN_MS);
  try {
    await deps.api.startSubscription(contentType);
    deps.log.info('subscription started', { tenantId, contentType });
    return { contentType, state: 'started' };
  } catch (error) {
    const apiError = apiErrorOf(error);
    switch (apiError?.category) {
      case 'success': // AF20024 already enabled, if the client surfaces it as an error
        return { contentType, state: 'enabled' };
      case 'disabled':
        deps.log.warn('subscription disabled by an admin (AF20023), not restarting it', { tenantId, contentType });
        return { contentType, state: 'disabled', detail: apiError.message };
      case 'throttled': {
        if (apiError.retryAfterInMs === undefined) return { contentType, state: 'start-deferred', detail: apiError.message };
        // The API said when: hold exactly that long (not the 15-minute guard).
        const retryAt = nowInMs + apiError.retryAfterInMs;
        deps.startAttempts.holdUntil(key, retryAt);
        deps.log.warn('subscription start refused as too frequent: retrying when the API said', { tenantId, contentType, retryAt: new Date(retryAt).toISOString() });
        return {
          contentType,
          state: 'start-deferred',
          detail: `start refused as too frequent; retry at ${new Date(retryAt).toISOString()}: ${apiError.message}`,
          retryAfterInMs: apiError.retryAfterInMs,
        };
      }
      case 'fatal':
        deps.log.error('subscription start failed', { tenantId, contentType, code: apiError.code, message: apiError.message });
        return { contentType, state: 'start-failed', detail: `${apiError.code ?? ''} ${apiError.message}`.trim() };
      default:
        return failActivity(error, `starting the ${contentType} subscription`);
    }
  }
}
