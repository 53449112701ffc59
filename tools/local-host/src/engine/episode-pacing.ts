// When an instance's next episode may run. Completions that trickle in (slow activities, bounded
// concurrency) would each cost a replay of the whole history. While more of the instance's
// activities are still queued or running, its next episode waits four times as long as its last
// one took (at most 250 ms), so replaying takes at most about a fifth of the time and each episode
// takes in more completions. The completion of the last outstanding activity is never delayed.
const MAX_DEFER_MS = 250;
const DEFER_FACTOR = 4;

export class EpisodePacing {
  /** When each instance's last episode ended and how long it took (performance.now() ms). */
  private readonly last = new Map<string, { endedAt: number; ms: number }>();
  private readonly deferred = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly outstanding: (instanceId: string) => number,
    private readonly wake: (instanceId: string) => void,
  ) {}

  /** True when the episode of `id` should wait; it is woken later by itself. */
  defer(id: string): boolean {
    const last = this.last.get(id);
    if (!last || this.outstanding(id) === 0) return false;
    const wait = last.endedAt + Math.min(last.ms * DEFER_FACTOR, MAX_DEFER_MS) - performance.now();
    if (wait < 1) return false;
    if (!this.deferred.has(id)) {
      const timer = setTimeout(() => {
        this.deferred.delete(id);
        this.wake(id);
      }, wait);
      this.deferred.set(id, timer);
    }
    return true;
  }

  episodeEnded(id: string, ms: number, stillRunning: boolean): void {
    if (stillRunning) this.last.set(id, { endedAt: performance.now(), ms });
    else this.last.delete(id);
  }

  stop(): void {
    for (const t of this.deferred.values()) clearTimeout(t);
    this.deferred.clear();
  }
}
