// Which of an instance's unconsumed inbox rows its next episode takes in: rows of an earlier
// execution are dropped, duplicate (at-least-once) and unknown completions too, a queued
// ExecutionStarted goes first, and a terminate request wins over everything else.
import { EventType, completedTaskId, isScheduleEvent, type HistoryEvent } from './history';
import type { InboxRow } from './store';

export interface InboxTake {
  /** Events to append after this episode's OrchestratorStarted (empty: nothing to replay). */
  fresh: HistoryEvent[];
  terminated?: HistoryEvent;
}

export function takeInbox(history: readonly HistoryEvent[], rows: readonly InboxRow[], executionId: string): InboxTake {
  const scheduled = new Set(history.filter(isScheduleEvent).map((e) => e.EventId));
  const completed = new Set(history.map(completedTaskId).filter((x) => x !== undefined));
  const started = history.some((e) => e.EventType === EventType.ExecutionStarted);
  const fresh: HistoryEvent[] = [];
  let startedNow = false;
  for (const row of rows) {
    if (row.execution_id && row.execution_id !== executionId) continue; // stale execution
    const ev = JSON.parse(row.event) as HistoryEvent;
    if (ev.EventType === EventType.ExecutionTerminated) return { fresh: [], terminated: ev };
    if (ev.EventType === EventType.ExecutionStarted) {
      if (!started && !startedNow) fresh.unshift(ev);
      startedNow = true;
      continue;
    }
    const taskId = completedTaskId(ev);
    if (taskId !== undefined) {
      if (!scheduled.has(taskId) || completed.has(taskId)) continue;
      completed.add(taskId);
    }
    fresh.push(ev);
  }
  return { fresh: started || startedNow ? fresh : [] };
}
