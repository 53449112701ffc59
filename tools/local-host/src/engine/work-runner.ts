// Runs scheduled work: activities with bounded concurrency (host.json
// maxConcurrentActivityFunctions) and durable timers (re-armed from the work table on start).
// Every outcome is handed to `complete` as a history event for the owning instance's inbox.
import type { LoadedApp, RegisteredFunction } from '../app/app-loader';
import type { RpcTypedData } from '../app/functions-core';
import { decodeTypedData, invokeFunction } from '../app/invoker';
import { EventType, historyEvent, type HistoryEvent } from './history';
import type { WorkRow } from './store';
import { withTimeout } from '../with-timeout';

export type Complete = (work: WorkRow, event: HistoryEvent) => void;
type Log = (level: string, message: string, fields?: Record<string, unknown>) => void;

const MAX_TIMEOUT_MS = 2_000_000_000;

export class WorkRunner {
  private readonly queue: WorkRow[] = [];
  private running = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private stopped = false;
  /** While the store cannot be written: queued activities wait (running ones finish). */
  private paused = false;
  /** Set when stop()'s grace period is over: later results are dropped (re-run at the next start). */
  private abandoned = false;
  /** Activities queued or running per instance (the engine delays replays while more are coming). */
  private readonly outstandingByInstance = new Map<string, number>();

  constructor(
    private readonly app: LoadedApp,
    private readonly maxConcurrent: number,
    private readonly complete: Complete,
    private readonly log: Log,
    private readonly extraInputs: (fn: RegisteredFunction) => Record<string, RpcTypedData> = () => ({}),
  ) {}

  dispatch(work: WorkRow): void {
    if (this.stopped) return;
    if (work.kind === 'timer') this.arm(work);
    else {
      this.outstandingByInstance.set(work.instance_id, this.outstanding(work.instance_id) + 1);
      this.queue.push(work);
      this.pump();
    }
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.pump();
  }

  outstanding(instanceId: string): number {
    return this.outstandingByInstance.get(instanceId) ?? 0;
  }

  /** Stops timers and new activities; waits up to `graceMs` for running activities. */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    this.outstandingByInstance.clear();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await withTimeout(Promise.allSettled([...this.inFlight]), graceMs);
    this.abandoned = true;
  }

  private arm(work: WorkRow): void {
    const delay = new Date(work.fire_at ?? 0).getTime() - Date.now();
    if (delay <= 0) {
      this.timers.delete(work.id);
      this.complete(work, historyEvent(EventType.TimerFired, { TimerId: work.task_id, FireAt: work.fire_at ?? undefined }));
      return;
    }
    const handle = setTimeout(() => this.arm(work), Math.min(delay, MAX_TIMEOUT_MS));
    handle.unref?.();
    this.timers.set(work.id, handle);
  }

  private pump(): void {
    while (!this.stopped && !this.paused && this.running < this.maxConcurrent && this.queue.length > 0) {
      const work = this.queue.shift()!;
      this.running++;
      const p = this.runActivity(work).finally(() => {
        this.running--;
        const left = this.outstanding(work.instance_id) - 1;
        if (left > 0) this.outstandingByInstance.set(work.instance_id, left);
        else this.outstandingByInstance.delete(work.instance_id);
        this.inFlight.delete(p);
        this.pump();
      });
      this.inFlight.add(p);
    }
  }

  private async runActivity(work: WorkRow): Promise<void> {
    const fn = this.app.functions.get(work.name);
    if (!fn || fn.triggerType !== 'activityTrigger') {
      this.complete(work, failedEvent(work, `Activity function '${work.name}' does not exist in the app.`, ''));
      return;
    }
    try {
      const result = await invokeFunction(fn, {
        trigger: work.input === null ? undefined : { json: work.input },
        extraInputs: this.extraInputs(fn),
        log: this.log,
      });
      if (this.abandoned) return; // the next start re-runs it
      const value = decodeTypedData(result.returnValue);
      this.complete(work, historyEvent(EventType.TaskCompleted, { TaskScheduledId: work.task_id, Result: JSON.stringify(value ?? null) }));
    } catch (error) {
      if (this.abandoned) return;
      const err = error instanceof Error ? error : new Error(String(error));
      this.log('warn', 'activity failed', { function: work.name, instanceId: work.instance_id, taskId: work.task_id, error: err.message });
      this.complete(work, failedEvent(work, err.message, err.stack ?? ''));
    }
  }
}

function failedEvent(work: WorkRow, message: string, stack: string): HistoryEvent {
  const event = historyEvent(EventType.TaskFailed, {
    TaskScheduledId: work.task_id,
    Reason: `Activity function '${work.name}' failed: ${message}`,
    Details: stack,
  });
  // An app that registered an exception-properties provider sends structured failure details.
  try {
    const parsed = JSON.parse(message) as { errorType?: string; errorMessage?: string; stackTrace?: string; properties?: unknown };
    if (parsed && typeof parsed === 'object' && typeof parsed.errorMessage === 'string') {
      event.FailureDetails = {
        ErrorType: parsed.errorType ?? 'Error',
        ErrorMessage: parsed.errorMessage,
        StackTrace: parsed.stackTrace,
        IsNonRetriable: false,
        Properties: parsed.properties,
      };
    }
  } catch {
    // plain message
  }
  return event;
}
