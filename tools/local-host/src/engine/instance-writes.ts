// The engine's writes that belong together in one transaction: new instances, the events and work
// a newly scheduled task adds, an episode's whole outcome, terminal states and the parent's notice.
import { randomUUID } from 'node:crypto';
import { LocalHostError } from '../local-host-error';
import { EventType, historyEvent, toJsonText, type HistoryEvent } from './history';
import type { EpisodeResult } from './orchestrator-run';
import type { NewTask } from './new-task';
import { retryFields } from './determinism';
import { TERMINAL_STATUSES, type DurableStore, type InstanceRow, type WorkRow } from './store';

export interface ParentRef {
  id: string;
  executionId: string;
  taskId: number;
}

/** Inserts (or replaces a finished) instance with a queued ExecutionStarted; call inside a transaction. */
export function createInstance(store: DurableStore, c: { id: string; name: string; input: string | null; parent: ParentRef | null }): void {
  const existing = store.getInstance(c.id);
  if (existing && !TERMINAL_STATUSES.includes(existing.status)) {
    // the extension's wording (DTFx OrchestrationAlreadyExistsException, default OverridableExistingInstanceStates)
    throw new LocalHostError('OrchestrationAlreadyExists', `An orchestration with id '${c.id}' already exists. It's in the ${existing.status} state. Wait for it to finish or terminate it before starting it again.`, 409);
  }
  const executionId = randomUUID();
  const now = new Date().toISOString();
  store.clearHistory(c.id);
  store.insertInstance({
    id: c.id,
    name: c.name,
    execution_id: executionId,
    status: 'Pending',
    input: c.input,
    created_at: now,
    parent_id: c.parent?.id ?? null,
    parent_execution_id: c.parent?.executionId ?? null,
    parent_task_id: c.parent?.taskId ?? null,
    inbox_cursor: store.maxInboxId(c.id),
  });
  store.appendInbox(c.id, executionId, historyEvent(EventType.ExecutionStarted, { Name: c.name, Input: c.input ?? undefined, Timestamp: now, ParentInstanceId: c.parent?.id }));
}

/** Records a task the orchestrator just opened: its history event, plus work to dispatch or an instance to wake. */
function scheduleTask(store: DurableStore, inst: InstanceRow, t: NewTask, now: string): { event: HistoryEvent; work?: WorkRow; wake?: string } {
  const base = { EventId: t.id, Timestamp: now, ...retryFields(t.retry) };
  if (t.kind === 'activity' || t.kind === 'timer') {
    const row = {
      instance_id: inst.id,
      execution_id: inst.execution_id,
      kind: t.kind,
      task_id: t.id,
      name: t.kind === 'activity' ? t.name : 'timer',
      input: t.kind === 'activity' ? (t.input ?? null) : null,
      fire_at: t.kind === 'timer' ? t.fireAt : null,
    } as const;
    const work = { ...row, id: store.insertWork(row) };
    const event = t.kind === 'activity'
      ? historyEvent(EventType.TaskScheduled, { ...base, Name: t.name, Input: t.input })
      : historyEvent(EventType.TimerCreated, { ...base, FireAt: t.fireAt });
    return { event, work };
  }
  const childId = t.instanceId ?? `${inst.id}:${t.id}`;
  const event = historyEvent(EventType.SubOrchestrationInstanceCreated, { ...base, Name: t.name, Input: t.input, InstanceId: childId });
  const existing = store.getInstance(childId);
  if (existing && !TERMINAL_STATUSES.includes(existing.status)) {
    store.appendInbox(inst.id, inst.execution_id, historyEvent(EventType.SubOrchestrationInstanceFailed, { TaskScheduledId: t.id, Reason: `An instance with id '${childId}' is already running.`, Details: '' }));
    return { event, wake: inst.id };
  }
  createInstance(store, { id: childId, name: t.name, input: t.input ?? null, parent: { id: inst.id, executionId: inst.execution_id, taskId: t.id } });
  return { event, wake: childId };
}

export function appendHistory(store: DurableStore, inst: InstanceRow, events: HistoryEvent[]): void {
  store.appendHistory(inst.id, inst.execution_id, store.nextHistorySeq(inst.id), events);
}

export function finishInstance(
  store: DurableStore,
  inst: InstanceRow,
  f: { status: 'Completed' | 'Failed' | 'Terminated'; output: string; customStatus?: string | null; cursor: number; now: string },
): void {
  const customStatus = f.customStatus === undefined ? inst.custom_status : f.customStatus;
  store.updateInstance({ ...inst, status: f.status, output: f.output, custom_status: customStatus, updated_at: f.now, inbox_cursor: f.cursor });
}

/** A sub-orchestration's result goes to its parent's inbox (same transaction as its own end). */
export function notifyParent(store: DurableStore, inst: InstanceRow, type: number, fields: Partial<HistoryEvent>): void {
  if (!inst.parent_id || !inst.parent_execution_id) return;
  store.appendInbox(inst.parent_id, inst.parent_execution_id, historyEvent(type, { TaskScheduledId: inst.parent_task_id ?? -1, ...fields }));
}

/**
 * Writes an episode's outcome in ONE transaction: its history, the instance row (inbox cursor
 * included), new work rows and child instances, or the parent's notice. The caller dispatches the
 * returned work and wakes the returned instances only after it committed.
 */
export function commitEpisode(
  store: DurableStore,
  inst: InstanceRow,
  e: { result: EpisodeResult; newEvents: HistoryEvent[]; cursor: number; now: string },
): { dispatch: WorkRow[]; wake: string[] } {
  const { result, newEvents, cursor, now } = e;
  const customStatus = toJsonText(result.customStatus) ?? null;
  const dispatch: WorkRow[] = [];
  const wake: string[] = [];
  store.transaction(() => {
    switch (result.kind) {
      case 'running': {
        const scheduledEvents = result.newTasks.map((t) => {
          const s = scheduleTask(store, inst, t, now);
          if (s.work) dispatch.push(s.work);
          if (s.wake) wake.push(s.wake);
          return s.event;
        });
        appendHistory(store, inst, [...newEvents, ...scheduledEvents, historyEvent(EventType.OrchestratorCompleted, { Timestamp: now })]);
        store.updateInstance({ ...inst, status: 'Running', custom_status: customStatus, updated_at: now, inbox_cursor: cursor });
        break;
      }
      case 'completed': {
        const output = toJsonText(result.output) ?? 'null';
        appendHistory(store, inst, [...newEvents, historyEvent(EventType.ExecutionCompleted, { Result: output, Timestamp: now })]);
        finishInstance(store, inst, { status: 'Completed', output, customStatus, cursor, now });
        notifyParent(store, inst, EventType.SubOrchestrationInstanceCompleted, { Result: output });
        break;
      }
      case 'failed': {
        const message = `Orchestrator function '${inst.name}' failed: ${result.error}`;
        appendHistory(store, inst, [...newEvents, historyEvent(EventType.ExecutionFailed, { Reason: message, Details: result.details, Timestamp: now })]);
        finishInstance(store, inst, { status: 'Failed', output: JSON.stringify(message), customStatus, cursor, now });
        notifyParent(store, inst, EventType.SubOrchestrationInstanceFailed, { Reason: message, Details: result.details ?? '' });
        break;
      }
      case 'continueAsNew': {
        // a new execution: the old history goes, the new input starts it through the inbox
        const executionId = randomUUID();
        store.clearHistory(inst.id);
        store.updateInstance({ ...inst, status: 'Running', execution_id: executionId, input: result.input ?? null, output: null, custom_status: customStatus, updated_at: now, inbox_cursor: cursor });
        store.appendInbox(inst.id, executionId, historyEvent(EventType.ExecutionStarted, { Name: inst.name, Input: result.input, Timestamp: now }));
        wake.push(inst.id);
        break;
      }
    }
  });
  return { dispatch, wake };
}
