// The request budget of one tenant (PublisherIdentifier) in this process, shared by every client,
// content type and call: the API throttles per publisher, so the budget must be per publisher too.
//
// Why capacity + refill add up to the limit: a bucket that holds B tokens and refills at R per
// minute lets B + R requests through in any 60-second span. To stay under a sliding limit of L
// per minute, R = L - B. B is small (1% of L) so bursts stay short.

import { abortableSleep } from './abortable-sleep';

export interface TokenBucketClock {
  now(): number;
}

export class TokenBucket {
  private readonly clock: TokenBucketClock;
  private tokens = 0;
  private lastRefill: number;
  private pausedUntil = 0;
  private capacity = 1;
  private refillPerMs = 0;
  private limit = 0;

  constructor(ratePerMinute: number, clock: TokenBucketClock = { now: () => Date.now() }) {
    this.clock = clock;
    this.lastRefill = clock.now();
    this.setRate(ratePerMinute);
    this.tokens = this.capacity;
  }

  get ratePerMinute(): number {
    return this.limit;
  }

  /** Tokens available now (negative while callers wait their turn). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Lowers the budget (a second client of the same tenant asking for less wins; more is ignored). */
  limitTo(ratePerMinute: number): void {
    if (ratePerMinute < this.limit) this.setRate(ratePerMinute);
  }

  /**
   * Takes one token now and returns how long the caller must wait before using it (0 = go).
   * Tokens may go negative: waiters queue in order of arrival.
   */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    const queueWait = this.tokens >= 0 ? 0 : -this.tokens / this.refillPerMs;
    return this.pauseRemaining() + queueWait;
  }

  /** Waits for a token; a pause that began while waiting sends the caller back in the queue. */
  async take(abortSignal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.reserve();
      try {
        await abortableSleep(wait, abortSignal);
      } catch (error) {
        this.refund();
        throw error;
      }
      if (this.pauseRemaining() === 0) return;
      this.refund();
    }
  }

  /** Gives back a reserved token that was not used (the caller aborted while waiting). */
  refund(): void {
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }

  /** Everyone waits until then: the API said this publisher is throttled. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /** Milliseconds left in a pause. */
  pauseRemaining(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  private setRate(ratePerMinute: number): void {
    if (!Number.isFinite(ratePerMinute) || ratePerMinute < 1) {
      throw new TypeError(`rateLimitPerMinute must be a number >= 1, got ${ratePerMinute}.`);
    }
    this.refill();
    this.limit = ratePerMinute;
    this.capacity = Math.max(1, Math.floor(ratePerMinute / 100));
    const refillPerMinute = ratePerMinute > this.capacity ? ratePerMinute - this.capacity : ratePerMinute;
    this.refillPerMs = refillPerMinute / 60_000;
    if (this.tokens > this.capacity) this.tokens = this.capacity;
  }

  // Nothing accrues during a pause: the waiting time must not turn into a burst afterwards.
  private refill(): void {
    const now = this.clock.now();
    const accrueFrom = Math.max(this.lastRefill, Math.min(now, this.pausedUntil));
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, now - accrueFrom) * this.refillPerMs);
    this.lastRefill = now;
  }
}

const registry = new Map<string, TokenBucket>();

/** The process-wide bucket of one publisher identifier (case-insensitive), created on first use. */
export function sharedTokenBucket(publisherIdentifier: string, ratePerMinute: number): TokenBucket {
  const key = publisherIdentifier.trim().toLowerCase();
  const existing = registry.get(key);
  if (existing) {
    existing.limitTo(ratePerMinute);
    return existing;
  }
  const bucket = new TokenBucket(ratePerMinute);
  registry.set(key, bucket);
  return bucket;
}
