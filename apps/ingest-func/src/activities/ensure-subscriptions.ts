// ensureSubscriptions: list first, start only what is missing, never more often than the API's
// 15-minute start guard, and never restart a subscription an admin disabled (AF20023): report it.
import type { ContentType } from '@auditflow/ingestion';
import { apiErrorOf } from '../activity-api-port';
import type { ActivityDeps } from './activity-deps';
import { failActivity } from './activity-failure';

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
}

export interface EnsureSubscriptionsInput {
  readonly tenantId: string;
  readonly contentTypes: readonly ContentType[];
}

export interface EnsureSubscriptionsResult {
  readonly subscriptions: SubscriptionReport[];
}

/** Remembers start attempts. The checkpoint store has no place for them, so this is per process:
 * each worker process attempts at most once per guard, and the API's own 403 "too many frequent
 * start requests" is treated as a deferral, not a failure. */
export interface StartAttemptMemory {
  lastAttemptInMs(key: string): number | undefined;
  remember(key: string, atInMs: number): void;
}

export function createStartAttemptMemory(): StartAttemptMemory {
  const attempts = new Map<string, number>();
  return {
    lastAttemptInMs: (key) => attempts.get(key),
    remember: (key, atInMs) => void attempts.set(key, atInMs),
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
  const last = deps.startAttempts.lastAttemptInMs(key);
  if (last !== undefined && nowInMs - last < SUBSCRIPTION_START_GUARD_IN_MS) {
    const waitInS = Math.ceil((SUBSCRIPTION_START_GUARD_IN_MS - (nowInMs - last)) / 1000);
    return { contentType, state: 'start-deferred', detail: `last start attempt less than 15 min ago; next in ${waitInS} s` };
  }
  deps.startAttempts.remember(key, nowInMs);
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
      case 'throttled':
        return { contentType, state: 'start-deferred', detail: apiError.message };
      case 'fatal':
        deps.log.error('subscription start failed', { tenantId, contentType, code: apiError.code, message: apiError.message });
        return { contentType, state: 'start-failed', detail: `${apiError.code ?? ''} ${apiError.message}`.trim() };
      default:
        return failActivity(error, `starting the ${contentType} subscription`);
    }
  }
}
