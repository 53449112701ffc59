// When and how long to wait before the next attempt. Only 'transient' and 'throttled' failures
// are retried here (the one retry layer for them); everything else goes to the caller at once.
import type { ActivityApiError } from './activity-api-error';

export interface RetryPolicy {
  /** Retries of transient failures (5xx, resets, timeouts, bad bodies on idempotent requests). */
  readonly maxRetries: number;
  /** Retries of throttled requests. */
  readonly maxThrottleRetries: number;
  /** First backoff delay; doubles per attempt. */
  readonly retryDelayInMs: number;
  /** Cap of one backoff delay. */
  readonly maxRetryDelayInMs: number;
  /** A throttling wait longer than this is not slept through: the error goes to the caller. */
  readonly maxThrottleWaitInMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 4,
  maxThrottleRetries: 10,
  retryDelayInMs: 500,
  maxRetryDelayInMs: 30_000,
  maxThrottleWaitInMs: 60_000,
});

export type RetryDecision = { readonly retry: false } | { readonly retry: true; readonly delayInMs: number };

export interface RetryState {
  transientRetries: number;
  throttleRetries: number;
}

/**
 * Capped exponential backoff with jitter: a random delay in [half, full] of min(cap, base * 2^n),
 * so clients that failed together do not come back together.
 */
export function backoffDelay(policy: RetryPolicy, retryIndex: number, random: () => number = Math.random): number {
  const full = Math.min(policy.maxRetryDelayInMs, policy.retryDelayInMs * 2 ** retryIndex);
  return Math.round(full / 2 + random() * (full / 2));
}

/**
 * Decides on one failure. `idempotent` is false for a subscription start: a reset or timeout
 * after sending it leaves the outcome unknown, and a second start would hit the 15-minute guard.
 */
export function decideRetry(
  error: ActivityApiError,
  state: RetryState,
  policy: RetryPolicy,
  options: { idempotent: boolean; answered: boolean; random?: () => number },
): RetryDecision {
  if (error.category === 'throttled') {
    if (state.throttleRetries >= policy.maxThrottleRetries) return { retry: false };
    const wait = error.retryAfterInMs ?? backoffDelay(policy, state.throttleRetries, options.random);
    if (wait > policy.maxThrottleWaitInMs) return { retry: false };
    state.throttleRetries += 1;
    return { retry: true, delayInMs: wait };
  }
  if (error.category !== 'transient') return { retry: false };
  // A 5xx answer means the server did not act; anything else on a non-idempotent call is ambiguous.
  if (!options.idempotent && !options.answered) return { retry: false };
  if (state.transientRetries >= policy.maxRetries) return { retry: false };
  const delayInMs = error.retryAfterInMs ?? backoffDelay(policy, state.transientRetries, options.random);
  state.transientRetries += 1;
  return { retry: true, delayInMs: Math.min(delayInMs, policy.maxThrottleWaitInMs) };
}
