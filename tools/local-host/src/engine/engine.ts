// The durable engine: instances, the replay loop and crash recovery on SQLite.
// One episode at a time (orchestrator code is cheap and the SDK's Orchestrator object is shared
// per function); activities and timers run concurrently and feed the append-only inbox. An
// episode consumes EVERYTHING waiting in the inbox, so completions arriving together replay once.
import { randomUUID } from 'node:crypto';
import type { LoadedApp, RegisteredFunction } from '../app/app-loader';
import type { RpcTypedData } from '../app/functions-core';
import { LocalHostError } from '../local-host-error';
import { appendHistory, commitEpisode, createInstance, finishInstance, notifyParent } from './instance-writes';
import { EventType, historyEvent, type HistoryEvent } from './history';
import { takeInbox } from './inbox-events';
import { runEpisode, type EpisodeResult } from './orchestrator-run';
import { DurableStore, TERMINAL_STATUSES, type InstanceRow, type WorkRow } from './store';
import { WorkRunner } from './work-runner';

const MAX_DEFER_MS = 250;
const DEFER_FACTOR = 4;

type Log = (level: string, message: string, fields?: Record<string, unknown>) => void;

export interface EngineOptions {
  store: DurableStore;
  app: LoadedApp;
  log: Log;
  maxConcurrentActivities: number;
  /** Input bindings (durableClient) for activities. */
  extraInputs?: (fn: RegisteredFunction) => Record<string, RpcTypedData>;
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
  private readonly dirty = new Set<string>();
  private buffer: Buffered[] = [];
  private flushScheduled = false;
  private loop: Promise<void> | undefined;
  private draining = false;
  /** When each instance's last episode ended and how long it took (performance.now() ms). */
  private readonly lastEpisode = new Map<string, { endedAt: number; ms: number }>();
  private readonly deferred = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.app = options.app;
    this.log = options.log;
    this.runner = new WorkRunner(options.app, options.maxConcurrentActivities, (work, event) => this.enqueue({ work, event }), options.log, options.extraInputs);
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
    for (const t of this.deferred.values()) clearTimeout(t);
    this.deferred.clear();
    await this.runner.stop(graceMs);
    await this.loop;
    this.flush();
  }

  // ---- client operations -------------------------------------------------------------------

  startNew(name: string, instanceId: string | undefined, input: string | undefined): string {
    const fn = this.app.functions.get(name);
    if (!fn || fn.triggerType !== 'orchestrationTrigger') {
      throw new LocalHostError('OrchestratorNotFound', `No orchestrator function named "${name}" is registered in the app.`, 400);
    }
    const id = instanceId || randomUUID().replace(/-/g, '');
    this.store.transaction(() => createInstance(this.store, { id, name, input: input ?? null, parent: null }));
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

  /** Appends a client's event at once (the caller answers 202 right after: it must survive a crash). */
  private deliver(instanceId: string, event: HistoryEvent): 'ok' | 'not-found' | 'gone' {
    const inst = this.store.getInstance(instanceId);
    if (!inst) return 'not-found';
    if (TERMINAL_STATUSES.includes(inst.status)) return 'gone';
    this.store.appendInbox(instanceId, null, event);
    this.markDirty(instanceId);
    return 'ok';
  }

  /** Purges a finished instance; one that is still Pending/Running is refused (409), as its parent or client still waits on it. */
  purge(instanceId: string): number {
    const inst = this.store.getInstance(instanceId);
    if (inst && !TERMINAL_STATUSES.includes(inst.status)) {
      throw new LocalHostError('InstanceNotFinished', `Instance '${instanceId}' is ${inst.status}: purge removes only finished instances (${TERMINAL_STATUSES.join(', ')}). Terminate it first (POST instances/${instanceId}/terminate), then purge.`, 409);
    }
    return this.store.purge(instanceId);
  }

  // ---- inbox and episodes ------------------------------------------------------------------

  private enqueue(item: Buffered): void {
    this.buffer.push(item);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Appends buffered completions in ONE transaction, then wakes their instances. */
  private flush(): void {
    this.flushScheduled = false;
    const items = this.buffer;
    this.buffer = [];
    if (items.length === 0 || !this.store.db.open) return;
    this.store.transaction(() => {
      for (const it of items) {
        this.store.appendInbox(it.work.instance_id, it.work.execution_id, it.event);
        this.store.markWorkDone(it.work.id);
      }
    });
    for (const it of items) this.markDirty(it.work.instance_id);
  }

  private markDirty(id: string): void {
    if (this.stopped) return;
    this.dirty.add(id);
    if (!this.draining) {
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
      if (!this.stopped && this.dirty.size > 0) {
        this.draining = true;
        this.loop = this.drain();
      }
    }
  }

  private async drainDirty(): Promise<void> {
    while (!this.stopped && this.dirty.size > 0) {
      const id = this.dirty.values().next().value as string;
      this.dirty.delete(id);
      if (this.deferWhileBusy(id)) continue;
      try {
        await this.processInstance(id);
      } catch (error) {
        this.log('error', 'orchestration episode failed in the host', { instanceId: id, error: (error as Error).stack ?? String(error) });
      }
      // let buffered completions land before the next episode, so they batch
      if (this.buffer.length) this.flush();
    }
  }

  /**
   * Completions that trickle in (slow activities, bounded concurrency) would each cost a replay of
   * the whole history. While more of the instance's activities are still queued or running, its
   * next episode waits four times as long as its last one took (at most 250 ms), so replaying takes
   * at most about a fifth of the time and each episode takes in more completions. The completion
   * of the last outstanding activity is never delayed.
   */
  private deferWhileBusy(id: string): boolean {
    const last = this.lastEpisode.get(id);
    if (!last || this.runner.outstanding(id) === 0) return false;
    const wait = last.endedAt + Math.min(last.ms * DEFER_FACTOR, MAX_DEFER_MS) - performance.now();
    if (wait < 1) return false;
    if (!this.deferred.has(id)) {
      const timer = setTimeout(() => {
        this.deferred.delete(id);
        this.markDirty(id);
      }, wait);
      this.deferred.set(id, timer);
    }
    return true;
  }

  private async processInstance(id: string): Promise<void> {
    const inst = this.store.getInstance(id);
    if (!inst) return;
    const rows = this.store.inboxAfter(id, inst.inbox_cursor);
    if (rows.length === 0) return;
    const cursor = rows[rows.length - 1]!.id;
    if (TERMINAL_STATUSES.includes(inst.status)) {
      this.store.updateInstance({ ...inst, inbox_cursor: cursor });
      return;
    }
    const history = this.store.loadHistory(id, inst.execution_id);
    const { fresh, terminated } = takeInbox(history, rows, inst.execution_id);
    const now = new Date().toISOString();
    if (terminated) {
      const reason = terminated.Input ?? 'null';
      this.store.transaction(() => {
        appendHistory(this.store, inst, [{ ...terminated, Timestamp: now }]);
        finishInstance(this.store, inst, { status: 'Terminated', output: reason, cursor, now });
        notifyParent(this.store, inst, EventType.SubOrchestrationInstanceFailed, { Reason: `Sub-orchestration ${inst.id} was terminated`, Details: reason });
      });
      this.log('info', 'orchestration terminated', { instanceId: id });
      this.wakeParent(inst);
      return;
    }
    if (fresh.length === 0) {
      this.store.updateInstance({ ...inst, inbox_cursor: cursor });
      return;
    }
    const fn = this.app.functions.get(inst.name);
    const startedAt = performance.now();
    const episodeStart = historyEvent(EventType.OrchestratorStarted, { Timestamp: now });
    const newEvents = [episodeStart, ...fresh];
    const result: EpisodeResult = fn && fn.triggerType === 'orchestrationTrigger'
      ? await runEpisode({
          fn,
          instanceId: id,
          parentInstanceId: inst.parent_id,
          input: inst.input,
          history: [...history.map((h) => ({ ...h, IsPlayed: true })), ...newEvents],
          log: (level, message, fields) => this.log(level, message, { instanceId: id, ...fields }),
        })
      : { kind: 'failed', error: `Orchestrator function '${inst.name}' does not exist in the app.`, customStatus: undefined };
    const ms = performance.now() - startedAt;
    if (result.kind === 'running') this.lastEpisode.set(id, { endedAt: performance.now(), ms });
    else this.lastEpisode.delete(id);
    this.log('debug', 'episode', { instanceId: id, newEvents: fresh.length, historyEvents: history.length, result: result.kind, ms: Math.round(ms) });
    if (!this.store.db.open) return;
    const current = this.store.getInstance(id);
    if (!current || current.execution_id !== inst.execution_id) return; // purged or restarted meanwhile
    this.commit(inst, result, newEvents, cursor, now);
  }

  private commit(inst: InstanceRow, result: EpisodeResult, newEvents: HistoryEvent[], cursor: number, now: string): void {
    const { dispatch, wake } = commitEpisode(this.store, inst, { result, newEvents, cursor, now });
    if (result.kind === 'completed' || result.kind === 'failed') {
      this.log(result.kind === 'failed' ? 'warn' : 'info', `orchestration ${result.kind}`, {
        instanceId: inst.id,
        name: inst.name,
        ...(result.kind === 'failed' ? { error: result.error.split('\n')[0] } : {}),
      });
      this.wakeParent(inst);
    }
    for (const w of dispatch) this.runner.dispatch(w);
    for (const id of wake) this.markDirty(id);
  }

  private wakeParent(inst: InstanceRow): void {
    if (inst.parent_id) this.markDirty(inst.parent_id);
  }
}
