// The request budget of one tenant (PublisherIdentifier) at one API root in this process, shared
// by every client, content type and call: the API throttles per publisher, so the budget must be
// per publisher too.
//
// Why capacity + refill add up to (just under) the limit: the API counts requests in a SLIDING
// 60-second window. A bucket that holds B tokens and refills R per minute lets B + R requests
// through in a 60-second span (a full bucket at the start, then the refill). So R = L - B - margin:
// B is about one second's worth (a short burst), and the margin (0.5 %) absorbs network jitter
// between our clock and the server's arrival times.

import { abortableSleep } from './abortable-sleep';

export interface TokenBucketClock {
  now(): number;
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 2000;

export class TokenBucket {
  private readonly clock: TokenBucketClock;
  private tokens = 0;
  private lastRefill: number;
  private pausedUntil = 0;
  private capacity = 1;
  private refillPerMs = 0;
  private limit = 0;

  constructor(ratePerMinute: number = DEFAULT_RATE_LIMIT_PER_MINUTE, clock: TokenBucketClock = { now: () => Date.now() }) {
    this.clock = clock;
    this.lastRefill = clock.now();
    this.setRate(ratePerMinute);
    this.tokens = this.capacity;
  }

  get ratePerMinute(): number {
    return this.limit;
  }

  /** The burst size (tokens a full bucket holds). */
  get burst(): number {
    return this.capacity;
  }

  /** Tokens available now (negative while callers wait their turn). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Lowers the budget (a second client of the same publisher asking for less wins; more is ignored). */
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
    return this.pauseRemaining() + Math.ceil(queueWait);
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

  /** Gives back a reserved token that was not used (the caller aborted or must queue again). */
  refund(): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }

  /**
   * Everyone waits until then: the API said this publisher is throttled. The bucket restarts
   * empty afterwards, so the end of a pause is not a burst.
   */
  pauseFor(ms: number): void {
    this.refill();
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + Math.max(0, ms));
    this.tokens = Math.min(this.tokens, 0);
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
    this.capacity = Math.max(1, Math.floor(ratePerMinute / 60));
    const margin = Math.floor(ratePerMinute * 0.005);
    const refillPerMinute = Math.max(ratePerMinute / 2, ratePerMinute - this.capacity - margin);
    this.refillPerMs = refillPerMinute / 60_000;
    if (this.tokens > this.capacity) this.tokens = this.capacity;
  }

  // Nothing accrues during a pause: the waiting time must not turn into a burst afterwards.
  private refill(): void {
    const now = this.clock.now();
    const accrueFrom = Math.max(this.lastRefill, Math.min(now, this.pausedUntil));
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, now - accrueFrom) * this.refillPerMs);
    this.lastRefill = Math.max(this.lastRefill, now);
  }
}

const registry = new Map<string, TokenBucket>();

/**
 * The process-wide bucket of one (API root, publisher identifier), created on first use. The
 * publisher identifier is compared case-insensitively (it is a tenant GUID).
 */
export function sharedTokenBucket(apiBaseUrl: string, publisherIdentifier: string, ratePerMinute: number): TokenBucket {
  const key = `${apiBaseUrl.toLowerCase()}|${publisherIdentifier.trim().toLowerCase()}`;
  const existing = registry.get(key);
  if (existing) {
    existing.limitTo(ratePerMinute);
    return existing;
  }
  const bucket = new TokenBucket(ratePerMinute);
  registry.set(key, bucket);
  return bucket;
}
