import { describe, expect, it } from 'vitest';
import { ManagementApiError } from './management-api-error';
import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, resolveRetryPolicy, type RetryState } from './retry-strategy';

const policy = resolveRetryPolicy({ baseDelayInMs: 100, maxDelayInMs: 1_000, maxRetries: 2, maxThrottleRetries: 2, maxThrottleWaitInMs: 5_000 });
const fresh = (): RetryState => ({ transientRetries: 0, throttleRetries: 0 });
const error = (code: string, statusCode?: number, retryAfterInMs?: number) => new ManagementApiError({ code, statusCode, retryAfterInMs });

describe('backoffDelay (capped exponential, full jitter)', () => {
  it('spans [0, min(cap, base * 2^n)]', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(policy, n, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(400);
  });
});

describe('decideRetry', () => {
  it('retries transient failures up to maxRetries', () => {
    const state = fresh();
    const opts = { idempotent: true, answered: true, random: () => 1 };
    expect(decideRetry(error('AF50000', 500), state, policy, opts)).toEqual({ retry: true, delayInMs: 100 });
    expect(decideRetry(error('HTTP503', 503), state, policy, opts)).toEqual({ retry: true, delayInMs: 200 });
    expect(decideRetry(error('HTTP503', 503), state, policy, opts)).toEqual({ retry: false });
  });

  it('waits Retry-After on throttling, and hands waits over maxThrottleWaitInMs to the caller', () => {
    const opts = { idempotent: true, answered: true };
    expect(decideRetry(error('AF429', 403, 3_000), fresh(), policy, opts)).toEqual({ retry: true, delayInMs: 3_000 });
    expect(decideRetry(error('AF429', 429, 6_000), fresh(), policy, opts)).toEqual({ retry: false });
    expect(decideRetry(error('AF429', 429), fresh(), policy, opts)).toEqual({ retry: true, delayInMs: 100 });
  });

  it('never retries the other categories', () => {
    for (const code of ['AF20022', 'AF20023', 'AF20024', 'AF20030', 'AF20051', 'AF10001']) {
      expect(decideRetry(error(code, 400), fresh(), policy, { idempotent: true, answered: true })).toEqual({ retry: false });
    }
  });

  it('does not retry a non-idempotent request after an ambiguous failure', () => {
    expect(decideRetry(error('ConnectionError'), fresh(), policy, { idempotent: false, answered: false })).toEqual({ retry: false });
    expect(decideRetry(error('HTTP503', 503), fresh(), policy, { idempotent: false, answered: true, random: () => 1 })).toEqual({ retry: true, delayInMs: 100 });
  });

  it('resolves options over defaults, accepting the Azure SDK names, and names a bad value', () => {
    expect(resolveRetryPolicy()).toEqual(DEFAULT_RETRY_POLICY);
    expect(resolveRetryPolicy({ retryDelayInMs: 7, maxRetryDelayInMs: 9 })).toMatchObject({ baseDelayInMs: 7, maxDelayInMs: 9 });
    expect(() => resolveRetryPolicy({ maxDelayInMs: Number.NaN })).toThrow(/retry.maxDelayInMs/);
  });
});
