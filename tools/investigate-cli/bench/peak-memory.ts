// Peak memory of one measured piece of work. Each piece runs in its own process (measure.ts), so
// the kernel's high-water mark (resourceUsage().maxRSS) is that piece's peak RSS and no earlier
// work's. The JS heap has no high-water mark: it is sampled every 10 ms and at every page the
// store hands over (sample()), where a reader that kept its events would show them.
export interface MemoryPeak {
  /** Kernel high-water mark of the process, bytes. */
  readonly rss: number;
  /** Highest heapUsed sampled, bytes. */
  readonly heap: number;
  /** RSS and heapUsed when the store was open and before the work started, bytes. */
  readonly rssAtStart: number;
  readonly heapAtStart: number;
}

export class PeakMemory {
  private heap = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly atStart = process.memoryUsage();

  start(): void {
    this.heap = process.memoryUsage().heapUsed;
    this.timer = setInterval(() => this.sample(), 10);
  }

  sample(): void {
    const used = process.memoryUsage().heapUsed;
    if (used > this.heap) this.heap = used;
  }

  stop(): MemoryPeak {
    clearInterval(this.timer);
    this.sample();
    return { rss: process.resourceUsage().maxRSS * 1024, heap: this.heap, rssAtStart: this.atStart.rss, heapAtStart: this.atStart.heapUsed };
  }
}
