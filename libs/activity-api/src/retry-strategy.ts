// When and how long to wait before the next attempt. Only 'transient' and 'throttled' failures
// are retried here (the one retry layer for them); everything else goes to the caller at once.
import type { ManagementApiError } from './management-api-error';

export interface RetryPolicy {
  /** Retries of transient failures (5xx, AF5000x, 408, resets, timeouts, broken bodies). */
  readonly maxRetries: number;
  /** Retries of throttled requests (AF429 / "429"). */
  readonly maxThrottleRetries: number;
  /** First backoff delay; doubles per attempt. */
  readonly baseDelayInMs: number;
  /** Cap of one backoff delay. */
  readonly maxDelayInMs: number;
  /** A throttling wait longer than this is not slept through: the error goes to the caller. */
  readonly maxThrottleWaitInMs: number;
}

/** What callers may pass: any part of the policy; Azure SDK names are accepted as aliases. */
export type RetryOptions = Partial<RetryPolicy> & {
  /** Alias of baseDelayInMs (core-rest-pipeline's name). */
  readonly retryDelayInMs?: number;
  /** Alias of maxDelayInMs (core-rest-pipeline's name). */
  readonly maxRetryDelayInMs?: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 4,
  maxThrottleRetries: 10,
  baseDelayInMs: 500,
  maxDelayInMs: 30_000,
  maxThrottleWaitInMs: 60_000,
});

/** Merges options over the defaults; throws a TypeError naming a bad value. */
export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    maxThrottleRetries: options.maxThrottleRetries ?? DEFAULT_RETRY_POLICY.maxThrottleRetries,
    baseDelayInMs: options.baseDelayInMs ?? options.retryDelayInMs ?? DEFAULT_RETRY_POLICY.baseDelayInMs,
    maxDelayInMs: options.maxDelayInMs ?? options.maxRetryDelayInMs ?? DEFAULT_RETRY_POLICY.maxDelayInMs,
    maxThrottleWaitInMs: options.maxThrottleWaitInMs ?? DEFAULT_RETRY_POLICY.maxThrottleWaitInMs,
  };
  for (const [name, value] of Object.entries(policy)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`retry.${name} must be a number >= 0, got ${String(value)}.`);
    }
  }
  return Object.freeze(policy);
}

export type RetryDecision = { readonly retry: false } | { readonly retry: true; readonly delayInMs: number };

export interface RetryState {
  transientRetries: number;
  throttleRetries: number;
}

/**
 * Capped exponential backoff with full jitter: a random delay in [0, min(cap, base * 2^n)], so
 * clients that failed together do not come back together (AWS "full jitter").
 */
export function backoffDelay(policy: RetryPolicy, retryIndex: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayInMs, policy.baseDelayInMs * 2 ** retryIndex);
  return Math.round(random() * ceiling);
}

/**
 * Decides on one failure. `idempotent` is false for a subscription start: a reset, timeout or
 * gateway timeout after sending it leaves the outcome unknown, and a second start could hit the
 * 15-minute guard; `answered` says the server gave a definite error status.
 */
export function decideRetry(
  error: ManagementApiError,
  state: RetryState,
  policy: RetryPolicy,
  options: { idempotent: boolean; answered: boolean; random?: () => number },
): RetryDecision {
  if (error.category === 'throttled') {
    if (state.throttleRetries >= policy.maxThrottleRetries) return { retry: false };
    // Without Retry-After, wait the full (unjittered) step: a throttled pool needs real rest.
    const wait = error.retryAfterInMs ?? Math.min(policy.maxDelayInMs, policy.baseDelayInMs * 2 ** state.throttleRetries);
    if (wait > policy.maxThrottleWaitInMs) return { retry: false };
    state.throttleRetries += 1;
    return { retry: true, delayInMs: wait };
  }
  if (error.category !== 'transient') return { retry: false };
  if (!options.idempotent && !options.answered) return { retry: false };
  if (state.transientRetries >= policy.maxRetries) return { retry: false };
  const jittered = backoffDelay(policy, state.transientRetries, options.random);
  const delayInMs = error.retryAfterInMs === undefined ? jittered : Math.max(jittered, error.retryAfterInMs);
  if (delayInMs > policy.maxThrottleWaitInMs) return { retry: false };
  state.transientRetries += 1;
  return { retry: true, delayInMs };
}
