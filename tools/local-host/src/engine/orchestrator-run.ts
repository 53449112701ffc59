// One orchestrator episode through the app's own handler: builds the wire-protocol input, runs
// the handler via the invoker and turns its result into a decision the engine commits. What the
// SDK keeps to itself (task numbering, failure state, action types) is read through
// ../sdk/durable-functions-internals.ts only.
import type { RegisteredFunction } from '../app/app-loader';
import { decodeTypedData, invokeFunction } from '../app/invoker';
import { continueAsNewAction, jsonInput, numberedTasks, parseOrchestrationFailure, planTask, type RetryOptionsLike } from '../sdk/durable-functions-internals';
import { determinismMismatch, unopenedScheduledTask } from './determinism';
import { EventType, isScheduleEvent, type HistoryEvent } from './history';
import type { NewTask } from './new-task';

export type { NewTask } from './new-task';

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
    const failed = parseOrchestrationFailure(message);
    if (failed) return { kind: 'failed', ...failed };
    return { kind: 'failed', error: message, details: error instanceof Error ? error.stack : undefined, customStatus: undefined };
  }
  const tasks = numberedTasks(context);
  if (!tasks) {
    return { kind: 'failed', error: 'The local host could not read the orchestrator task numbering (unsupported durable-functions version?).', customStatus: state.customStatus };
  }
  const nonDeterministic = (what: string, id: number): EpisodeResult => ({
    kind: 'failed',
    error: `Non-deterministic orchestrator "${e.fn.name}": ${what} at sequence id ${id}. Orchestrator code must make the same calls in the same order, with the same retry options, on every replay.`,
    customStatus: state.customStatus,
  });
  const scheduled = new Map<number, HistoryEvent>();
  for (const h of e.history) {
    if (isScheduleEvent(h)) scheduled.set(h.EventId, h);
  }
  // Retry timers fire relative to this episode's persisted start time (as currentUtcDateTime).
  const episodeStart = [...e.history].reverse().find((h) => h.EventType === EventType.OrchestratorStarted);
  const now = episodeStart ? Date.parse(episodeStart.Timestamp) : Date.now();
  const newTasks: NewTask[] = [];
  for (const [id, task] of [...tasks.entries()].sort((a, b) => a[0] - b[0])) {
    const planned = planTask(id, task, now, retryDelay);
    if ('unsupported' in planned) {
      return { kind: 'failed', error: `The local host does not support ${planned.unsupported} (task ${id}).`, customStatus: state.customStatus };
    }
    const previous = scheduled.get(id);
    if (!previous) {
      newTasks.push(planned);
      continue;
    }
    const mismatch = determinismMismatch(previous, planned);
    if (mismatch) return nonDeterministic(mismatch, id);
  }
  // every task history scheduled must be opened again by the replay, under the same sequence id
  const unopened = unopenedScheduledTask(scheduled, tasks);
  if (unopened) return nonDeterministic(unopened.what, unopened.id);

  const continueAsNew = continueAsNewAction(state.actions);
  if (continueAsNew) return { kind: 'continueAsNew', input: jsonInput(continueAsNew.input), customStatus: state.customStatus };
  if (state.isDone) return { kind: 'completed', output: state.output, customStatus: state.customStatus };
  return { kind: 'running', customStatus: state.customStatus, newTasks };
}

/** Delay before the next attempt after `failures` failed attempts; 0 when no attempt is left. */
export function retryDelay(options: RetryOptionsLike | undefined, failures: number): number {
  if (!options || failures >= options.maxNumberOfAttempts) return 0;
  const delay = options.firstRetryIntervalInMilliseconds * Math.pow(options.backoffCoefficient ?? 1, failures - 1);
  const max = options.maxRetryIntervalInMilliseconds;
  return max && max > 0 ? Math.min(delay, max) : delay;
}
