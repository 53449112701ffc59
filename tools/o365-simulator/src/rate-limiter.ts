// The API's throttle: at most `limit` accepted requests per PublisherIdentifier in any sliding
// 60 s (real time: throttling is about how fast a client really calls, not about the tenant's clock).
const WINDOW_MS = 60_000;

class Window {
  private readonly times: number[] = [];
  private head = 0;

  prune(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - WINDOW_MS) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }

  get size(): number {
    return this.times.length - this.head;
  }

  oldest(): number {
    return this.times[this.head] ?? 0;
  }

  push(now: number): void {
    this.times.push(now);
  }
}

export class SlidingWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Accepts (and counts) the request, or answers how many ms until one slot frees. */
  tryAcquire(publisher: string): { ok: true } | { ok: false; retryAfterMs: number } {
    if (!Number.isFinite(this.limit)) return { ok: true };
    const now = this.now();
    let window = this.windows.get(publisher.toLowerCase());
    if (!window) {
      window = new Window();
      this.windows.set(publisher.toLowerCase(), window);
    }
    window.prune(now);
    if (window.size >= this.limit) return { ok: false, retryAfterMs: Math.max(1, window.oldest() + WINDOW_MS - now) };
    window.push(now);
    return { ok: true };
  }
}
