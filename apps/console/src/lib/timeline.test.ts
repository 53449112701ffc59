import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline';

describe('buildTimeline', () => {
  it('turns activities, a failed try and its retry, and a sub-orchestration into rows', () => {
    const t = buildTimeline([
      { EventType: 'ExecutionStarted', Timestamp: '2026-11-30T10:00:00Z', FunctionName: 'collectOrchestrator' },
      { EventType: 'TaskCompleted', Timestamp: '2026-11-30T10:00:02Z', FunctionName: 'ensureSubscriptions', ScheduledTime: '2026-11-30T10:00:01Z' },
      { EventType: 'TaskFailed', Timestamp: '2026-11-30T10:00:05Z', FunctionName: 'storeContent', ScheduledTime: '2026-11-30T10:00:03Z', Reason: 'Activity failed', Details: 'store busy' },
      { EventType: 'TimerFired', Timestamp: '2026-11-30T10:00:06Z' },
      { EventType: 'TaskCompleted', Timestamp: '2026-11-30T10:00:08Z', FunctionName: 'storeContent', ScheduledTime: '2026-11-30T10:00:06Z' },
      { EventType: 'SubOrchestrationInstanceFailed', Timestamp: '2026-11-30T10:00:20Z', FunctionName: 'collectContentTypeOrchestrator', ScheduledTime: '2026-11-30T10:00:02Z', InstanceId: 'collect-t:Audit.Exchange', Reason: 'boom' },
      { EventType: 'ExecutionCompleted', Timestamp: '2026-11-30T10:00:21Z', OrchestrationStatus: 'Failed', Details: 'collection failed for Audit.Exchange' },
    ]);
    expect(t.rows.map((r) => [r.kind, r.name, r.outcome, r.attempt])).toEqual([
      ['execution', 'collectOrchestrator started', 'started', 1],
      ['activity', 'ensureSubscriptions', 'completed', 1],
      ['activity', 'storeContent', 'failed', 1],
      ['timer', 'durable timer', 'fired', 1],
      ['activity', 'storeContent', 'completed', 2],
      ['sub-orchestration', 'collectContentTypeOrchestrator', 'failed', 1],
      ['execution', 'orchestration failed', 'failed', 1],
    ]);
    expect(t.rows[2]!.message).toBe('Activity failed: store busy');
    expect(t.rows[5]!.instanceId).toBe('collect-t:Audit.Exchange');
    expect(t.rows[1]!.end - t.rows[1]!.start).toBe(1000);
    expect([t.failures, t.retries]).toEqual([3, 1]);
    expect(t.end - t.start).toBe(21_000);
  });

  it('gives an empty timeline for no history', () => {
    expect(buildTimeline([])).toMatchObject({ rows: [], failures: 0, retries: 0 });
  });
});
