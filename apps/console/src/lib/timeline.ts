// One orchestration's history (the Durable status body's historyEvents) as timeline rows:
// activities and sub-orchestrations as bars from scheduled to finished, failures with their
// messages, retries numbered, timers and raised events as points. Pure, so it is unit-tested.

export interface HistoryItem {
  readonly EventType?: string;
  readonly Timestamp?: string;
  readonly FunctionName?: string;
  readonly Name?: string;
  readonly ScheduledTime?: string;
  readonly InstanceId?: string;
  readonly Reason?: string;
  readonly Details?: string;
  readonly FireAt?: string;
  readonly OrchestrationStatus?: string;
}

export type RowKind = 'activity' | 'sub-orchestration' | 'timer' | 'event' | 'execution';
export type RowOutcome = 'completed' | 'failed' | 'terminated' | 'started' | 'fired';

export interface TimelineRow {
  readonly kind: RowKind;
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly outcome: RowOutcome;
  /** 1 for a first try; 2+ when the same function failed just before (a retry). */
  readonly attempt: number;
  readonly message?: string;
  readonly instanceId?: string;
}

export interface Timeline {
  readonly rows: TimelineRow[];
  readonly start: number;
  readonly end: number;
  readonly failures: number;
  readonly retries: number;
}

const time = (iso: string | undefined, fallback: number): number => {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? fallback : t;
};

export function buildTimeline(history: readonly HistoryItem[]): Timeline {
  const rows: TimelineRow[] = [];
  const failuresInARow = new Map<string, number>();
  let last = 0;
  for (const e of history) {
    const at = time(e.Timestamp, last);
    last = at;
    const type = e.EventType ?? '';
    const message = [e.Reason, e.Details].filter(Boolean).join(': ') || undefined;
    const task = (kind: RowKind, failed: boolean) => {
      const name = e.FunctionName ?? '(unknown)';
      const before = failuresInARow.get(name) ?? 0;
      failuresInARow.set(name, failed ? before + 1 : 0);
      rows.push({
        kind,
        name,
        start: time(e.ScheduledTime, at),
        end: at,
        outcome: failed ? 'failed' : 'completed',
        attempt: before + 1,
        ...(failed && message ? { message } : {}),
        ...(e.InstanceId ? { instanceId: e.InstanceId } : {}),
      });
    };
    switch (type) {
      case 'TaskCompleted':
        task('activity', false);
        break;
      case 'TaskFailed':
        task('activity', true);
        break;
      case 'SubOrchestrationInstanceCompleted':
        task('sub-orchestration', false);
        break;
      case 'SubOrchestrationInstanceFailed':
        task('sub-orchestration', true);
        break;
      case 'TimerFired':
        rows.push({ kind: 'timer', name: 'durable timer', start: at, end: at, outcome: 'fired', attempt: 1 });
        break;
      case 'EventRaised':
        rows.push({ kind: 'event', name: e.Name ?? 'event', start: at, end: at, outcome: 'fired', attempt: 1 });
        break;
      case 'ExecutionStarted':
        rows.push({ kind: 'execution', name: `${e.FunctionName ?? 'orchestration'} started`, start: at, end: at, outcome: 'started', attempt: 1 });
        break;
      case 'ExecutionCompleted': {
        const failed = e.OrchestrationStatus === 'Failed' || Boolean(e.Reason || e.Details);
        rows.push({ kind: 'execution', name: failed ? 'orchestration failed' : 'orchestration completed', start: at, end: at, outcome: failed ? 'failed' : 'completed', attempt: 1, ...(message ? { message } : {}) });
        break;
      }
      case 'ExecutionTerminated':
        rows.push({ kind: 'execution', name: 'terminated', start: at, end: at, outcome: 'terminated', attempt: 1, ...(message ? { message } : {}) });
        break;
      default:
        break;
    }
  }
  const start = rows.length > 0 ? Math.min(...rows.map((r) => r.start)) : 0;
  const end = rows.length > 0 ? Math.max(...rows.map((r) => r.end)) : 0;
  return {
    rows,
    start,
    end,
    failures: rows.filter((r) => r.outcome === 'failed').length,
    retries: rows.filter((r) => r.attempt > 1).length,
  };
}
