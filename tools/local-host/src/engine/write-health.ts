// Keeps the engine alive through disk-full and I/O faults of its store. The first fault pauses
// the engine with ONE error log (which file, which write, what to do); writes are retried with
// exponential backoff (a probe write, then what waited in memory) and the engine resumes by
// itself once one succeeds. A replaced store file is fatal instead (store-faults.ts).
import { isLocalHostError, LocalHostError } from '../local-host-error';
import { storeFaultCode } from './store-faults';

type Log = (level: string, message: string, fields?: Record<string, unknown>) => void;

export interface RetryPolicy {
  firstDelayInMs: number;
  maxDelayInMs: number;
  /**
   * A fault within this long after a resume belongs to the same outage (a nearly full disk lets
   * small writes through and fails the next big one): no second error line, the backoff goes on.
   */
  settleInMs?: number;
}

export const DEFAULT_STORE_RETRY: RetryPolicy = { firstDelayInMs: 500, maxDelayInMs: 30_000, settleInMs: 60_000 };

export interface WriteHealthOptions {
  file: string;
  log: Log;
  retry?: RetryPolicy;
  /** A write that must succeed before the engine resumes; throws while the store still fails. */
  probe: () => void;
  onPause: () => void;
  onResume: () => void;
  onFatal: (error: LocalHostError) => void;
}

export class WriteHealth {
  private fault: { code: string; operation: string; since: number; message: string } | undefined;
  /** When the current outage's last resume happened (undefined: no outage open). */
  private resumedAt: number | undefined;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private fatal: LocalHostError | undefined;

  constructor(private readonly o: WriteHealthOptions) {}

  get paused(): boolean {
    return this.fault !== undefined || this.fatal !== undefined;
  }

  /** The answer to a client while paused: 503 with Retry-After (or the fatal error). */
  unavailable(): LocalHostError {
    if (this.fatal) return this.fatal;
    const f = this.fault!;
    return new LocalHostError(
      'DurableStoreUnavailable',
      `The durable store ${this.o.file} cannot be written (${f.code}: ${f.message}) since ${new Date(f.since).toISOString()}; ` +
        'the host takes no new work until it can, and resumes by itself. Free disk space on its volume (or fix the I/O error), then try again.',
      503,
      Math.ceil(this.delay() / 1000),
    );
  }

  /** Runs a write; a store fault pauses the engine and becomes a 503, a replaced file is fatal. */
  run<T>(operation: string, write: () => T): T {
    if (this.paused) throw this.unavailable();
    try {
      return write();
    } catch (error) {
      if (this.handle(error, operation)) throw this.unavailable();
      throw error;
    }
  }

  /** True when `error` was a store fault or a replaced file (and the engine reacted to it). */
  handle(error: unknown, operation: string): boolean {
    if (isLocalHostError(error) && error.code === 'DurableStoreReplaced') {
      if (!this.fatal) {
        this.fatal = error;
        this.o.onFatal(error);
      }
      return true;
    }
    const code = storeFaultCode(error);
    if (!code) return false;
    if (!this.fault) {
      this.fault = { code, operation, since: Date.now(), message: (error as Error).message };
      if (this.sameOutage()) {
        this.o.log('debug', 'durable store fails again shortly after resuming: paused again', { code, operation });
        this.o.onPause();
        this.schedule();
        return true;
      }
      this.attempt = 0;
      this.o.log('error', 'durable store cannot be written: the engine is paused', {
        file: this.o.file,
        operation,
        code,
        error: (error as Error).message,
        action: `Free disk space on the volume holding ${this.o.file} (or fix its I/O error). The host retries with backoff and resumes by itself once a write succeeds; nothing is lost (finished work waits in memory, and anything not yet written is run again at the next start).`,
      });
      this.o.onPause();
    }
    this.schedule();
    return true;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private delay(): number {
    const r = this.o.retry ?? DEFAULT_STORE_RETRY;
    return Math.min(r.firstDelayInMs * 2 ** this.attempt, r.maxDelayInMs);
  }

  private schedule(): void {
    if (this.timer || this.stopped || this.fatal) return;
    this.timer = setTimeout(() => this.retry(), this.delay());
  }

  private retry(): void {
    this.timer = undefined;
    if (this.stopped || !this.fault) return;
    this.attempt++;
    try {
      this.o.probe();
    } catch (error) {
      if (!this.handle(error, 'retry')) {
        this.o.log('error', 'durable store retry failed with an unexpected error; retrying', { file: this.o.file, error: (error as Error).stack ?? String(error) });
        this.schedule();
        return;
      }
      this.o.log('debug', 'durable store still cannot be written', { code: storeFaultCode(error), nextRetryInMs: this.delay() });
      return;
    }
    const pausedForMs = Date.now() - this.fault.since;
    const again = this.sameOutage();
    this.fault = undefined;
    this.resumedAt = Date.now();
    this.o.log(again ? 'debug' : 'info', 'durable store writable again: the engine resumes', { file: this.o.file, pausedForMs });
    this.o.onResume();
  }

  private sameOutage(): boolean {
    const settle = (this.o.retry ?? DEFAULT_STORE_RETRY).settleInMs ?? DEFAULT_STORE_RETRY.settleInMs!;
    return this.resumedAt !== undefined && Date.now() - this.resumedAt < settle;
  }
}
