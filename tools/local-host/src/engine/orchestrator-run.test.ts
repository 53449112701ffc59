import { describe, expect, it } from 'vitest';
import { retryDelay } from './orchestrator-run';

describe('retryDelay', () => {
  it('applies first interval, backoff and the maximum interval; 0 once no attempt is left', () => {
    const o = { firstRetryIntervalInMilliseconds: 100, maxNumberOfAttempts: 5, backoffCoefficient: 2, maxRetryIntervalInMilliseconds: 350 };
    expect([1, 2, 3, 4].map((f) => retryDelay(o, f))).toEqual([100, 200, 350, 350]);
    expect(retryDelay(o, 5)).toBe(0);
    expect(retryDelay({ firstRetryIntervalInMilliseconds: 50, maxNumberOfAttempts: 3 }, 2)).toBe(50);
    expect(retryDelay(undefined, 1)).toBe(0);
  });
});
