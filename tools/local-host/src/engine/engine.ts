// The durable engine: instances, the replay loop and crash recovery on SQLite.
// One episode at a time (orchestrator code is cheap and the SDK's Orchestrator object is shared
// per function); activities and timers run concurrently and feed the append-only inbox. An
// episode consumes EVERYTHING waiting in the inbox, so completions arriving together replay once.
// Every write goes through WriteHealth: a full disk pauses the engine, a replaced file stops it.
import { randomUUID } from 'node:crypto';
import type { LoadedApp, RegisteredFunction } from '../app/app-loader';
import type { RpcTypedData } from '../app/functions-core';
import { LocalHostError } from '../local-host-error';
import { EpisodePacing } from './episode-pacing';
import { createInstance } from './instance-writes';
import { EventType, historyEvent, type HistoryEvent } from './history';
import { runInstanceEpisode } from './instance-episode';
import { DurableStore, TERMINAL_STATUSES, type InstanceRow, type WorkRow } from './store';
import { WorkRunner } from './work-runner';
import { WriteHealth, type RetryPolicy } from './write-health';

type Log = (level: string, message: string, fields?: Record<string, unknown>) => void;

export interface EngineOptions {
  store: DurableStore;
  app: LoadedApp;
  log: Log;
  maxConcurrentActivities: number;
  /** Input bindings (durableClient) for activities. */
  extraInputs?: (fn: RegisteredFunction) => Record<string, RpcTypedData>;
  /** Backoff of writes retried after a disk or I/O fault. */
  storeRetry?: RetryPolicy;
  /** The store file was deleted or replaced: the engine stopped; the host must stop loudly. */
  onFatal?: (error: LocalHostError) => void;
  /** An orchestration reached a terminal state (committed). */
  onFinished?: (instance: InstanceRow) => void;
}

/** A finished activity or fired timer, waiting to be appended with others in one transaction. */
interface Buffered {
  work: WorkRow;
  event: HistoryEvent;
}

export class DurableEngine {
  readonly store: DurableStore;
  private readonly app: LoadedApp;
  private readonly log: Log;
  private readonly runner: WorkRunner;
  private readonly health: WriteHealth;
  private readonly pacing: EpisodePacing;
  private readonly dirty = new Set<string>();
  private buffer: Buffered[] = [];
  private flushScheduled = false;
  private loop: Promise<void> | undefined;
  private draining = false;
  private stopped = false;

  constructor(private readonly options: EngineOptions) {
    this.store = options.store;
    this.app = options.app;
    this.log = options.log;
    this.runner = new WorkRunner(options.app, options.maxConcurrentActivities, (work, event) => this.enqueue({ work, event }), options.log, options.extraInputs);
    this.pacing = new EpisodePacing((id) => this.runner.outstanding(id), (id) => this.markDirty(id));
    this.health = new WriteHealth({
      file: this.store.path,
      log: options.log,
      ...(options.storeRetry ? { retry: options.storeRetry } : {}),
      probe: () => {
        this.store.probeWrite();
        this.writeBuffered();
      },
      onPause: () => this.runner.setPaused(true),
      onResume: () => this.resume(),
      onFatal: (error) => this.fatal(error),
    });
  }

  /** True while the store cannot be written (or was replaced): no new work is taken. */
  get paused(): boolean {
    return this.health.paused;
  }

  /** Recovery: re-runs unfinished activities (at-least-once), re-arms timers, resumes instances. */
  start(): void {
    const open = this.store.openWork();
    const pending = this.store.instancesWithPendingInbox();
    if (open.length || pending.length) {
      this.log('info', 'durable engine recovering', { openWork: open.length, instancesWithPendingEvents: pending.length });
    }
    for (const w of open) this.runner.dispatch(w);
    for (const id of pending) this.markDirty(id);
  }

  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    this.pacing.stop();
    await this.runner.stop(graceMs);
    await this.loop;
    this.health.stop();
    try {
      if (this.store.db.open && this.buffer.length) this.writeBuffered();
    } catch (error) {
      // not written: those activities are not marked done, so the next start runs them again
      this.log('warn', 'completions not written at stop: their activities run again at the next start', { count: this.buffer.length, error: (error as Error).message });
    }
  }

  // ---- client operations (each write is in the database before the caller answers 202) ------

  startNew(name: string, instanceId: string | undefined, input: string | undefined): string {
    const fn = this.app.functions.get(name);
    if (!fn || fn.triggerType !== 'orchestrationTrigger') {
      throw new LocalHostError('OrchestratorNotFound', `No orchestrator function named "${name}" is registered in the app.`, 400);
    }
    const id = instanceId || randomUUID().replace(/-/g, '');
    this.write('start an orchestration', () => createInstance(this.store, { id, name, input: input ?? null, parent: null }));
    this.log('info', 'orchestration scheduled', { instanceId: id, name });
    this.markDirty(id);
    return id;
  }

  raiseEvent(instanceId: string, name: string, data: string | undefined): 'ok' | 'not-found' | 'gone' {
    return this.deliver(instanceId, historyEvent(EventType.EventRaised, { Name: name, Input: data }));
  }

  terminate(instanceId: string, reason: string): 'ok' | 'not-found' | 'gone' {
    return this.deliver(instanceId, historyEvent(EventType.ExecutionTerminated, { Input: JSON.stringify(reason) }));
  }

  private deliver(instanceId: string, event: HistoryEvent): 'ok' | 'not-found' | 'gone' {
    const inst = this.store.getInstance(instanceId);
    if (!inst) return 'not-found';
    if (TERMINAL_STATUSES.includes(inst.status)) return 'gone';
    this.write('deliver a client event', () => this.store.appendInbox(instanceId, null, event));
    this.markDirty(instanceId);
    return 'ok';
  }

  /**
   * Purges a finished instance. One that is still Pending/Running is refused with 412 and the
   * extension's wording (azure-functions-durable-extension HttpApiHandler, "Add a runtime status
   * check to purge requests", PR #3311): its parent or a client still waits on it.
   */
  purge(instanceId: string): number {
    const inst = this.store.getInstance(instanceId);
    if (inst && !TERMINAL_STATUSES.includes(inst.status)) {
      throw new LocalHostError(
        'InstanceNotFinished',
        `Only orchestrations in a terminal state can be purged, but the orchestration with instance ID ${instanceId} has status ${inst.status} (${TERMINAL_STATUSES.join(', ')} can be). Terminate it first (POST instances/${instanceId}/terminate), then purge.`,
        412,
      );
    }
    return this.write('purge an instance', () => this.store.purge(instanceId));
  }

  // ---- writes, pause and resume --------------------------------------------------------------

  private write<T>(operation: string, fn: () => T): T {
    return this.health.run(operation, () => this.store.transaction(fn));
  }

  private resume(): void {
    this.runner.setPaused(false);
    for (const id of this.store.instancesWithPendingInbox()) this.markDirty(id);
    this.kick();
  }

  private fatal(error: LocalHostError): void {
    this.log('error', 'durable store replaced or deleted: the engine stops', { file: this.store.path, error: error.message });
    this.stopped = true;
    this.pacing.stop();
    void this.runner.stop(0);
    this.options.onFatal?.(error);
  }

  // ---- inbox and episodes ------------------------------------------------------------------

  private enqueue(item: Buffered): void {
    this.buffer.push(item);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Appends buffered completions in ONE transaction, then wakes their instances; kept in memory while the store fails. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.health.paused || !this.store.db.open) return;
    try {
      this.writeBuffered();
    } catch (error) {
      if (!this.health.handle(error, 'record completed activities and timers')) throw error;
    }
  }

  private writeBuffered(): void {
    const items = this.buffer;
    if (items.length === 0) return;
    this.store.transaction(() => {
      for (const it of items) {
        this.store.appendInbox(it.work.instance_id, it.work.execution_id, it.event);
        this.store.markWorkDone(it.work.id);
      }
    });
    this.buffer = this.buffer.slice(items.length);
    for (const it of items) this.markDirty(it.work.instance_id);
  }

  private markDirty(id: string): void {
    if (this.stopped) return;
    this.dirty.add(id);
    this.kick();
  }

  private kick(): void {
    if (!this.draining && !this.stopped && !this.health.paused && this.dirty.size > 0) {
      this.draining = true;
      this.loop = this.drain();
    }
  }

  private async drain(): Promise<void> {
    try {
      await new Promise((r) => setImmediate(r));
      await this.drainDirty();
    } finally {
      // cleared synchronously with the loop's end, so a markDirty() right after starts a new drain
      this.draining = false;
      this.kick();
    }
  }

  private async drainDirty(): Promise<void> {
    while (!this.stopped && !this.health.paused && this.dirty.size > 0) {
      const id = this.dirty.values().next().value as string;
      this.dirty.delete(id);
      if (this.pacing.defer(id)) continue;
      try {
        await this.processInstance(id);
      } catch (error) {
        if (this.health.handle(error, 'run an orchestrator episode')) {
          this.dirty.add(id); // replayed once the store can be written again
          return;
        }
        this.log('error', 'orchestration episode failed in the host', { instanceId: id, error: (error as Error).stack ?? String(error) });
      }
      // let buffered completions land before the next episode, so they batch
      if (this.buffer.length) this.flush();
    }
  }

  private async processInstance(id: string): Promise<void> {
    const outcome = await runInstanceEpisode({ store: this.store, app: this.app, log: this.log, pacing: this.pacing, stopped: () => this.stopped }, id);
    if (!outcome) return;
    if (outcome.finished) this.finished(outcome.finished);
    for (const w of outcome.dispatch) this.runner.dispatch(w);
    for (const wake of outcome.wake) this.markDirty(wake);
  }

  private finished(inst: InstanceRow): void {
    if (inst.parent_id) this.markDirty(inst.parent_id);
    this.options.onFinished?.(inst);
  }
}
