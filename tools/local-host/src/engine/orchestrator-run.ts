// One orchestrator episode through the app's own handler: builds the wire-protocol input, runs
// the handler via the invoker and turns its result into a decision the engine commits.
import type { RegisteredFunction } from '../app/app-loader';
import { decodeTypedData, invokeFunction } from '../app/invoker';
import { EventType, isScheduleEvent, type HistoryEvent } from './history';
import { numberedTasks, type SdkTask } from './sdk-tasks';

export type NewTask =
  | { kind: 'activity'; id: number; name: string; input: string | undefined }
  | { kind: 'subOrchestration'; id: number; name: string; instanceId: string | undefined; input: string | undefined }
  | { kind: 'timer'; id: number; fireAt: string };

export type EpisodeResult =
  | { kind: 'completed'; output: unknown; customStatus: unknown }
  | { kind: 'failed'; error: string; details?: string; customStatus: unknown }
  | { kind: 'continueAsNew'; input: string | undefined; customStatus: unknown }
  | { kind: 'running'; customStatus: unknown; newTasks: NewTask[] };

export interface EpisodeInput {
  fn: RegisteredFunction;
  instanceId: string;
  parentInstanceId: string | null;
  input: string | null;
  /** Full history including this episode's OrchestratorStarted and new events. */
  history: HistoryEvent[];
  log: (level: string, message: string, fields?: Record<string, unknown>) => void;
}

interface OrchestratorState {
  isDone?: boolean;
  actions?: unknown[][];
  output?: unknown;
  error?: string;
  customStatus?: unknown;
}

const OUT_OF_PROC = '$OutOfProcData$:';

export async function runEpisode(e: EpisodeInput): Promise<EpisodeResult> {
  let context: unknown;
  const trigger = {
    history: e.history,
    input: e.input === null ? undefined : JSON.parse(e.input),
    instanceId: e.instanceId,
    isReplaying: e.history.some((h) => h.IsPlayed),
    parentInstanceId: e.parentInstanceId ?? undefined,
    upperSchemaVersion: 1,
    upperSchemaVersionNew: 2,
    longRunningTimerIntervalDuration: '3.00:00:00',
    maximumShortTimerDuration: '6.00:00:00',
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
  let state: OrchestratorState;
  try {
    const result = await invokeFunction(e.fn, {
      trigger: { json: JSON.stringify(trigger) },
      log: e.log,
      onContext: (c) => (context = c),
    });
    state = (decodeTypedData(result.returnValue) ?? {}) as OrchestratorState;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = message.indexOf(OUT_OF_PROC);
    if (at >= 0) {
      const failed = JSON.parse(message.slice(at + OUT_OF_PROC.length)) as OrchestratorState;
      return { kind: 'failed', error: failed.error ?? message.slice(0, at).trim(), customStatus: failed.customStatus };
    }
    return { kind: 'failed', error: message, details: error instanceof Error ? error.stack : undefined, customStatus: undefined };
  }
  const actions = (state.actions ?? []).flat() as { actionType?: number; input?: unknown }[];
  const continueAsNew = actions.find((a) => a.actionType === 4);
  if (continueAsNew) {
    return { kind: 'continueAsNew', input: activityInput(continueAsNew.input), customStatus: state.customStatus };
  }
  if (state.isDone) return { kind: 'completed', output: state.output, customStatus: state.customStatus };

  const tasks = numberedTasks(context);
  if (!tasks) {
    return { kind: 'failed', error: 'The local host could not read the orchestrator task numbering (unsupported durable-functions version?).', customStatus: state.customStatus };
  }
  const scheduled = new Map<number, HistoryEvent>();
  for (const h of e.history) {
    if (isScheduleEvent(h)) scheduled.set(h.EventId, h);
  }
  // Retry timers fire relative to this episode's persisted start time (as currentUtcDateTime).
  const episodeStart = [...e.history].reverse().find((h) => h.EventType === EventType.OrchestratorStarted);
  const now = episodeStart ? Date.parse(episodeStart.Timestamp) : Date.now();
  const newTasks: NewTask[] = [];
  for (const [id, task] of [...tasks.entries()].sort((a, b) => a[0] - b[0])) {
    const planned = classify(id, task, now);
    if ('unsupported' in planned) {
      return { kind: 'failed', error: `The local host does not support ${planned.unsupported} (task ${id}).`, customStatus: state.customStatus };
    }
    const previous = scheduled.get(id);
    if (previous) {
      const mismatch = determinismMismatch(previous, planned);
      if (mismatch) {
        return {
          kind: 'failed',
          error: `Non-deterministic orchestrator "${e.fn.name}": ${mismatch} at sequence id ${id}. Orchestrator code must make the same calls in the same order on every replay.`,
          customStatus: state.customStatus,
        };
      }
      continue;
    }
    newTasks.push(planned);
  }
  return { kind: 'running', customStatus: state.customStatus, newTasks };
}

interface RetryOptionsLike {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
}

interface ActionLike {
  actionType?: number;
  functionName?: string;
  input?: unknown;
  instanceId?: string;
  fireAt?: Date | string;
  retryOptions?: RetryOptionsLike;
}

function classify(id: number, task: SdkTask, now: number): NewTask | { unsupported: string } {
  let action = task.actionObj as ActionLike | string | undefined;
  if (action === 'noOp' && task.parent) {
    // A retry: the RetryableTask's children alternate attempt, timer, attempt, timer...
    const index = task.parent.children?.indexOf(task) ?? -1;
    const parentAction = task.parent.actionObj as ActionLike;
    if (index % 2 === 1) {
      const failures = (index + 1) / 2;
      return { kind: 'timer', id, fireAt: new Date(now + retryDelay(parentAction.retryOptions, failures)).toISOString() };
    }
    action = parentAction;
  }
  if (!action || typeof action !== 'object') return { unsupported: `a task without an action (${String(action)})` };
  switch (action.actionType) {
    case 0:
    case 1:
      return { kind: 'activity', id, name: String(action.functionName), input: activityInput(action.input) };
    case 2:
    case 3:
      return {
        kind: 'subOrchestration',
        id,
        name: String(action.functionName),
        instanceId: action.instanceId || undefined,
        input: action.input === undefined ? undefined : JSON.stringify(action.input),
      };
    case 5:
      return { kind: 'timer', id, fireAt: new Date(action.fireAt ?? now).toISOString() };
    case 7:
    case 9:
      return { unsupported: 'durable entities' };
    case 8:
      return { unsupported: 'callHttp' };
    default:
      return { unsupported: `action type ${String(action.actionType)}` };
  }
}

/** Delay before the next attempt after `failures` failed attempts; 0 when no attempt is left. */
export function retryDelay(options: RetryOptionsLike | undefined, failures: number): number {
  if (!options || failures >= options.maxNumberOfAttempts) return 0;
  const delay = options.firstRetryIntervalInMilliseconds * Math.pow(options.backoffCoefficient ?? 1, failures - 1);
  const max = options.maxRetryIntervalInMilliseconds;
  return max && max > 0 ? Math.min(delay, max) : delay;
}

/** The SDK JSON-encodes string inputs (Utils.processInput): a string is already JSON text. */
function activityInput(input: unknown): string | undefined {
  if (input === undefined) return undefined;
  return typeof input === 'string' ? input : JSON.stringify(input);
}

function determinismMismatch(previous: HistoryEvent, planned: NewTask): string | undefined {
  const kindOf = { activity: EventType.TaskScheduled, subOrchestration: EventType.SubOrchestrationInstanceCreated, timer: EventType.TimerCreated };
  if (previous.EventType !== kindOf[planned.kind]) {
    return `history has event type ${previous.EventType} but the replay scheduled a ${planned.kind}`;
  }
  if (planned.kind !== 'timer' && previous.Name !== planned.name) {
    return `history scheduled "${previous.Name}" but the replay scheduled "${planned.name}"`;
  }
  return undefined;
}
