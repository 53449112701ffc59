// The engine's writes that belong together inside one episode transaction: new instances, the
// events a newly scheduled task adds, terminal states and the parent's notification.
import { randomUUID } from 'node:crypto';
import { LocalHostError } from '../local-host-error';
import { EventType, historyEvent, type HistoryEvent } from './history';
import type { NewTask } from './orchestrator-run';
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
    throw new LocalHostError('InstanceExists', `Instance '${c.id}' is ${existing.status}: wait for it to finish or terminate it first.`, 409);
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
export function scheduleTask(store: DurableStore, inst: InstanceRow, t: NewTask, now: string): { event: HistoryEvent; work?: WorkRow; wake?: string } {
  const base = { EventId: t.id, Timestamp: now };
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
export function notifyParent(store: DurableStore, inst: InstanceRow, event: HistoryEvent): void {
  if (inst.parent_id && inst.parent_execution_id) store.appendInbox(inst.parent_id, inst.parent_execution_id, event);
}
