import { describe, expect, it } from 'vitest';
import { EventType, historyEvent, type HistoryEvent } from './history';
import { takeInbox } from './inbox-events';
import type { InboxRow } from './store';

const rows = (...items: [string | null, HistoryEvent][]): InboxRow[] =>
  items.map(([executionId, e], i) => ({ id: i + 1, instance_id: 'i', execution_id: executionId, event: JSON.stringify(e) }));
const started = historyEvent(EventType.ExecutionStarted, { Name: 'o' });
const scheduled = historyEvent(EventType.TaskScheduled, { EventId: 0, Name: 'a' });
const done = (id: number): HistoryEvent => historyEvent(EventType.TaskCompleted, { TaskScheduledId: id, Result: '1' });

describe('takeInbox', () => {
  it('drops stale-execution rows, duplicate and unknown completions; keeps events raised to any execution', () => {
    const raised = historyEvent(EventType.EventRaised, { Name: 'go' });
    const take = takeInbox([started, scheduled], rows(['old', done(0)], ['e1', done(0)], ['e1', done(0)], ['e1', done(7)], [null, raised]), 'e1');
    expect(take.terminated).toBeUndefined();
    expect(take.fresh.map((e) => e.EventType)).toEqual([EventType.TaskCompleted, EventType.EventRaised]);
    expect(takeInbox([started, scheduled, done(0)], rows(['e1', done(0)]), 'e1').fresh).toEqual([]);
  });

  it('puts a queued ExecutionStarted first, replays nothing before it, and lets terminate win', () => {
    const raised = historyEvent(EventType.EventRaised, { Name: 'early' });
    expect(takeInbox([], rows([null, raised], ['e1', started]), 'e1').fresh.map((e) => e.EventType)).toEqual([EventType.ExecutionStarted, EventType.EventRaised]);
    expect(takeInbox([], rows([null, raised]), 'e1').fresh).toEqual([]);
    const terminate = historyEvent(EventType.ExecutionTerminated, { Input: '"r"' });
    expect(takeInbox([started, scheduled], rows(['e1', done(0)], [null, terminate]), 'e1')).toEqual({ fresh: [], terminated: terminate });
  });
});
