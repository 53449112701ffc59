// The Durable HTTP API's view of an instance (same field names as the extension's status body).
import { EVENT_TYPE_NAMES, EventType, parseJsonText, type HistoryEvent } from './history';
import type { DurableStore, InstanceRow } from './store';

export interface StatusOptions {
  showInput?: boolean;
  showHistory?: boolean;
  showHistoryOutput?: boolean;
}

export interface InstanceStatusBody {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  customStatus: unknown;
  output: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  historyEvents?: Record<string, unknown>[];
}

export function instanceView(store: DurableStore, row: InstanceRow, options: StatusOptions = {}): InstanceStatusBody {
  const body: InstanceStatusBody = {
    name: row.name,
    instanceId: row.id,
    runtimeStatus: row.status,
    input: options.showInput === false ? null : parseJsonText(row.input),
    customStatus: parseJsonText(row.custom_status),
    output: parseJsonText(row.output),
    createdTime: isoSeconds(row.created_at),
    lastUpdatedTime: isoSeconds(row.updated_at),
  };
  if (options.showHistory) {
    body.historyEvents = historyView(store.loadHistory(row.id, row.execution_id), options.showHistoryOutput === true);
  }
  return body;
}

/** The extension prints times without milliseconds. */
function isoSeconds(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

function historyView(events: HistoryEvent[], showOutput: boolean): Record<string, unknown>[] {
  const scheduled = new Map<number, HistoryEvent>();
  const out: Record<string, unknown>[] = [];
  for (const e of events) {
    if (e.EventType === EventType.OrchestratorStarted || e.EventType === EventType.OrchestratorCompleted) continue;
    if (e.EventType === EventType.TaskScheduled || e.EventType === EventType.SubOrchestrationInstanceCreated) {
      scheduled.set(e.EventId, e);
      continue;
    }
    const item: Record<string, unknown> = { EventType: EVENT_TYPE_NAMES[e.EventType] ?? String(e.EventType), Timestamp: e.Timestamp };
    const taskId = e.TaskScheduledId;
    if (taskId !== undefined) {
      const s = scheduled.get(taskId);
      item.FunctionName = s?.Name;
      item.ScheduledTime = s?.Timestamp;
      item.TaskScheduledId = taskId;
      if (s?.InstanceId) item.InstanceId = s.InstanceId;
    }
    if (e.EventType === EventType.ExecutionStarted) item.FunctionName = e.Name;
    if (e.EventType === EventType.EventRaised) item.Name = e.Name;
    if (e.TimerId !== undefined) item.TimerId = e.TimerId;
    if (e.EventType === EventType.TimerCreated) item.TimerId = e.EventId;
    if (e.FireAt) item.FireAt = e.FireAt;
    if (e.Reason !== undefined) item.Reason = e.Reason;
    if (e.Details) item.Details = e.Details;
    if (showOutput) {
      if (e.Result !== undefined) item.Result = parseJsonText(e.Result);
      if (e.Input !== undefined) item.Input = parseJsonText(e.Input);
    }
    out.push(item);
  }
  return out;
}
