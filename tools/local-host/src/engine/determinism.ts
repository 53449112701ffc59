// The determinism check the JS SDK does not do: a replay must open, under each sequence id
// history recorded, a task of the same kind, name and retry position (attempt/timer number and
// maximum attempts), and must open again every task history scheduled. A mismatch fails the
// instance loudly instead of letting it carry on with results that belong to other calls.
import { EventType, type HistoryEvent } from './history';
import type { NewTask, RetryPosition } from './new-task';

const KIND_EVENT = { activity: EventType.TaskScheduled, subOrchestration: EventType.SubOrchestrationInstanceCreated, timer: EventType.TimerCreated } as const;
const EVENT_KIND: Record<number, string> = { [EventType.TaskScheduled]: 'activity', [EventType.SubOrchestrationInstanceCreated]: 'sub-orchestration', [EventType.TimerCreated]: 'timer' };

/** The fields the engine writes on every schedule event: RetryAttempts 0 = no retry policy. */
export function retryFields(retry: RetryPosition | undefined): Pick<HistoryEvent, 'RetryIndex' | 'RetryAttempts'> {
  return retry ? { RetryIndex: retry.index, RetryAttempts: retry.attempts } : { RetryAttempts: 0 };
}

/** The retry position recorded on a schedule event: undefined for none, 'unknown' for an event an older host wrote. */
function recordedRetry(e: HistoryEvent): RetryPosition | undefined | 'unknown' {
  if (e.RetryAttempts === undefined) return 'unknown';
  return e.RetryIndex === undefined ? undefined : { index: e.RetryIndex, attempts: e.RetryAttempts };
}

function describeRetry(r: RetryPosition | undefined): string {
  if (!r) return 'no retry policy';
  const what = r.index % 2 === 1 ? `retry timer ${(r.index + 1) / 2}` : `attempt ${r.index / 2 + 1}`;
  return `${what} of at most ${r.attempts} attempts`;
}

export function determinismMismatch(previous: HistoryEvent, planned: NewTask): string | undefined {
  if (previous.EventType !== KIND_EVENT[planned.kind]) {
    return `history has a ${EVENT_KIND[previous.EventType] ?? `event of type ${previous.EventType}`} but the replay scheduled a ${planned.kind}`;
  }
  if (planned.kind !== 'timer' && previous.Name !== planned.name) {
    return `history scheduled "${previous.Name}" but the replay scheduled "${planned.name}"`;
  }
  const before = recordedRetry(previous);
  const now = planned.retry;
  if (before === 'unknown') return undefined; // written before the engine recorded retry positions
  if (before?.index !== now?.index || before?.attempts !== now?.attempts) {
    return `history scheduled ${describeRetry(before)} but the replay scheduled ${describeRetry(now)}`;
  }
  return undefined;
}

/** The first task history scheduled that the replay did not open again, if any. */
export function unopenedScheduledTask(scheduled: ReadonlyMap<number, HistoryEvent>, opened: ReadonlyMap<number, unknown>): { id: number; what: string } | undefined {
  for (const [id, e] of [...scheduled.entries()].sort((a, b) => a[0] - b[0])) {
    if (opened.has(id)) continue;
    const what = e.Name ? `"${e.Name}"` : `a ${EVENT_KIND[e.EventType] ?? 'task'}`;
    return { id, what: `history scheduled ${what} at sequence id ${id} but the replay did not` };
  }
  return undefined;
}
