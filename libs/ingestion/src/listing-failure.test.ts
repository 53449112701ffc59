import { describe, expect, it } from 'vitest';
import { listingFailureAction } from './listing-failure';

describe('listingFailureAction (what a failed content listing does next)', () => {
  it.each([
    ['resubscribe', { resubscribed: false, relisted: false }, 'start-subscription-and-list-again'],
    ['resubscribe', { resubscribed: true, relisted: false }, 'fail'],
    ['window', { resubscribed: false, relisted: false }, 'list-window-again'],
    ['window', { resubscribed: true, relisted: false }, 'list-window-again'],
    ['window', { resubscribed: false, relisted: true }, 'fail-window-refused'],
    ['disabled', { resubscribed: false, relisted: false }, 'report-disabled'],
    ['disabled', { resubscribed: true, relisted: true }, 'report-disabled'],
    ['fatal', { resubscribed: false, relisted: false }, 'fail'],
    ['transient', { resubscribed: false, relisted: false }, 'fail'],
    ['throttled', { resubscribed: false, relisted: false }, 'fail'],
    ['content-lost', { resubscribed: false, relisted: false }, 'fail'],
    [undefined, { resubscribed: false, relisted: false }, 'fail'],
  ] as const)('%s after %o -> %s', (category, done, want) => {
    expect(listingFailureAction(category, done)).toBe(want);
  });
});
