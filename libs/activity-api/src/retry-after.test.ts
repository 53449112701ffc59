import { describe, expect, it } from 'vitest';
import { isSubscriptionStartGuard, retryAfterFromHeaders, retryAfterFromMessage } from './retry-after';

const NOW = Date.parse('2026-11-25T10:00:00Z');

describe('retryAfterFromHeaders', () => {
  it.each([
    [{ 'retry-after': '30' }, 30_000],
    [{ 'Retry-After': '0' }, 0],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'retry-after': 'Wed, 25 Nov 2026 10:01:00 GMT' }, 60_000],
    [{ 'retry-after': 'Wed, 25 Nov 2026 09:59:00 GMT' }, 0], // a date in the past: go now
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'x-ms-retry-after-ms': '1200', 'retry-after': '9' }, 1200],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j -> %s ms', (headers, expected) => {
    expect(retryAfterFromHeaders(new Headers(headers), NOW)).toBe(expected);
  });
});

describe('retryAfterFromMessage', () => {
  it.each([
    ['Too many frequent subscription start requests. Please retry again after 8m 46s.', 526_000],
    ['Please retry again after 15m.', 900_000],
    ['retry after 45s', 45_000],
    ['Retry after 1h 2m 3s', 3_723_000],
    ['Please RETRY AGAIN AFTER 0m 5s', 5_000],
    ['Too many requests.', undefined],
    ['retry after a while', undefined],
    [undefined, undefined],
  ])('%s -> %s ms', (message, expected) => {
    expect(retryAfterFromMessage(message)).toBe(expected);
  });
});

describe('isSubscriptionStartGuard', () => {
  it('recognises the 15-minute start guard text only', () => {
    expect(isSubscriptionStartGuard('Too many frequent subscription start requests. Please retry again after 8m 46s.')).toBe(true);
    expect(isSubscriptionStartGuard('Too many requests')).toBe(false);
    expect(isSubscriptionStartGuard(undefined)).toBe(false);
  });
});
