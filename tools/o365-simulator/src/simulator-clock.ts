// The simulated tenant's clock: real time plus an offset, so time flows on its own (as the real
// service's does) while tests can jump it forward or set it.
export interface SimulatorClock {
  now(): Date;
  advance(ms: number): void;
  set(date: Date): void;
}

export class OffsetClock implements SimulatorClock {
  private offsetInMs: number;

  constructor(startTime?: Date, private readonly realNow: () => number = Date.now) {
    this.offsetInMs = startTime ? startTime.getTime() - realNow() : 0;
  }

  nowMs(): number {
    return this.realNow() + this.offsetInMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`advance() needs a finite number of ms, got ${ms}`);
    this.offsetInMs += ms;
  }

  set(date: Date): void {
    if (Number.isNaN(date.getTime())) throw new RangeError('set() needs a valid Date');
    this.offsetInMs = date.getTime() - this.realNow();
  }
}
