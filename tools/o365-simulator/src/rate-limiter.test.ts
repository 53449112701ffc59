import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './rate-limiter';

describe('SlidingWindowLimiter', () => {
  it('admits N per sliding 60 s per publisher and says when a slot frees', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(3, () => now);
    expect(limiter.tryAcquire('a').ok).toBe(true);
    now = 20_000;
    expect(limiter.tryAcquire('a').ok).toBe(true);
    expect(limiter.tryAcquire('a').ok).toBe(true);
    expect(limiter.tryAcquire('A')).toEqual({ ok: false, retryAfterMs: 40_000 });
    expect(limiter.tryAcquire('b').ok).toBe(true);
    // a fixed minute would reset at 60 s; the sliding window frees only the request of t=0
    now = 60_000;
    expect(limiter.tryAcquire('a').ok).toBe(true);
    expect(limiter.tryAcquire('a')).toEqual({ ok: false, retryAfterMs: 20_000 });
    now = 80_000;
    expect(limiter.tryAcquire('a').ok).toBe(true);
    expect(limiter.tryAcquire('a').ok).toBe(true);
  });

  it('does not count refused requests and is unlimited at Infinity', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(1, () => now);
    expect(limiter.tryAcquire('a').ok).toBe(true);
    for (let i = 0; i < 10; i++) expect(limiter.tryAcquire('a').ok).toBe(false);
    now = 60_000;
    expect(limiter.tryAcquire('a').ok).toBe(true);
    const open = new SlidingWindowLimiter(Infinity, () => 0);
    for (let i = 0; i < 10_000; i++) expect(open.tryAcquire('a').ok).toBe(true);
  });
});
