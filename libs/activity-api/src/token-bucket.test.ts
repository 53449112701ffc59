import { describe, expect, it } from 'vitest';
import { sharedTokenBucket, TokenBucket } from './token-bucket';

class ManualClock {
  constructor(public t = 0) {}
  now(): number {
    return this.t;
  }
}

/** Most send times within any closed 60 s span [t, t + 60 000]. */
function maxInAnyMinute(sendTimes: number[]): number {
  const sorted = [...sendTimes].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! > 60_000) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

/** A seeded PRNG so a failing run can be repeated. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('TokenBucket (injected clock)', () => {
  it.each([2000, 600, 60, 7, 1])('never lets more than %i through in any 60 s window, bursts and idle spells included', (limit) => {
    const clock = new ManualClock();
    const bucket = new TokenBucket(limit, clock);
    const random = mulberry32(limit);
    const sends: number[] = [];
    while (clock.t < 10 * 60_000) {
      const phase = Math.floor(clock.t / 45_000) % 3; // greedy, idle, trickle
      const callers = phase === 0 ? 50 : phase === 2 ? (random() < 0.3 ? 1 : 0) : 0;
      for (let i = 0; i < callers; i += 1) sends.push(clock.t + bucket.reserve());
      clock.t += Math.ceil(random() * 400);
    }
    expect(maxInAnyMinute(sends)).toBeLessThanOrEqual(limit);
  });

  it('uses nearly all of the budget when saturated (>= 97 % of the limit per minute)', () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket(2000, clock);
    let sent = 0;
    // One caller that takes a token whenever one is free, for ten minutes.
    while (clock.t < 10 * 60_000) {
      const wait = bucket.reserve();
      clock.t += wait;
      sent += 1;
    }
    expect(sent / 10).toBeGreaterThanOrEqual(1940);
    expect(sent / 10).toBeLessThanOrEqual(2000);
  });

  it('keeps the burst small (about one second of the budget)', () => {
    const bucket = new TokenBucket(2000, new ManualClock());
    expect(bucket.burst).toBe(33);
    expect(bucket.available()).toBe(33);
  });

  it('pauses everyone and restarts empty, without a burst after the pause', () => {
    const clock = new ManualClock(1_000);
    const bucket = new TokenBucket(600, clock);
    expect(bucket.reserve()).toBe(0);
    bucket.pauseFor(30_000);
    expect(bucket.pauseRemaining()).toBe(30_000);
    expect(bucket.reserve()).toBeGreaterThanOrEqual(30_000);
    bucket.refund();
    clock.t += 30_000; // the pause is over; nothing accrued during it
    expect(bucket.pauseRemaining()).toBe(0);
    expect(bucket.available()).toBeLessThanOrEqual(0);
    clock.t += 1_000; // 600/min -> ~10 tokens per second, minus the margin
    expect(bucket.available()).toBeGreaterThan(0);
    expect(bucket.available()).toBeLessThanOrEqual(10);
  });

  it('queues waiters in order (each waits one refill interval longer)', () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket(60, clock); // burst 1, ~59 per minute after it
    expect(bucket.reserve()).toBe(0);
    const second = bucket.reserve();
    const third = bucket.reserve();
    expect(second).toBeGreaterThan(900);
    expect(third - second).toBeGreaterThan(900);
  });

  it('rejects a nonsense rate with a TypeError naming the option', () => {
    expect(() => new TokenBucket(0)).toThrow(/rateLimitPerMinute/);
    expect(() => new TokenBucket(Number.NaN)).toThrow(TypeError);
  });

  it('take() waits for a token and gives it back when aborted while waiting', async () => {
    const bucket = new TokenBucket(60); // burst 1: the second take waits about a second
    await bucket.take();
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(waiting).rejects.toThrow('stop');
    expect(bucket.available()).toBeGreaterThan(-1); // the aborted reservation was refunded
  });
});

describe('sharedTokenBucket', () => {
  it('is one bucket per (API root, publisher identifier) in the process; the lowest rate wins', () => {
    const a = sharedTokenBucket('http://127.0.0.1:1', 'ABC-tenant', 2000);
    const b = sharedTokenBucket('http://127.0.0.1:1', 'abc-tenant', 3000);
    const c = sharedTokenBucket('http://127.0.0.1:2', 'abc-tenant', 2000);
    const d = sharedTokenBucket('http://127.0.0.1:1', 'other', 2000);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(d).not.toBe(a);
    expect(a.ratePerMinute).toBe(2000);
    sharedTokenBucket('http://127.0.0.1:1', 'abc-tenant', 500);
    expect(a.ratePerMinute).toBe(500);
  });
});
