// THE one place that reads durable-functions internals. The JS SDK gives an out-of-proc host no
// way to learn which sequence id it gave which task, so the host reads it here, and only here:
//  1. lib/src/orchestrations/TaskOrchestrationExecutor.js, by deep path;
//  2. TaskOrchestrationExecutor.prototype.trackOpenTask, wrapped to record every task it numbers;
//  3. context.df.taskOrchestratorExecutor, the executor of a run;
//  4. NoOpTask's action marker "noOp" (the tasks a RetryableTask adds for its timers and attempts);
//  5. RetryableTask's child order (attempt, timer, attempt, timer...) and its retryOptions;
//  6. the "$OutOfProcData$:" label a failed orchestration's error message carries its state after;
//  7. the numeric action types (ActionType.js).
// It refuses any durable-functions outside the range it was written for, and
// durable-functions-internals.test.ts has a canary per internal that fails the day one moves.
import { createRequire } from 'node:module';
import path from 'node:path';
import { LocalHostError } from '../local-host-error';
import type { NewTask, RetryPosition } from '../engine/new-task';

export const SUPPORTED_RANGE = { atLeast: [3, 5, 0], below: [3, 6, 0], text: '>=3.5.0 <3.6.0' } as const;
export const EXECUTOR_MODULE = 'lib/src/orchestrations/TaskOrchestrationExecutor.js';
export const NOOP_ACTION = 'noOp';
export const OUT_OF_PROC_LABEL = '$OutOfProcData$:';
/** ActionType.js of durable-functions 3.5 (the ones the engine acts on). */
export const ACTION_TYPE = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
} as const;

export interface SdkTask {
  id: number | string | false;
  actionObj?: unknown;
  parent?: SdkTask & { children?: SdkTask[]; actionObj?: unknown; retryOptions?: RetryOptionsLike };
}

interface ExecutorLike {
  trackOpenTask(task: SdkTask): void;
  __localHostTasks?: Map<number, SdkTask>;
}

export interface RetryOptionsLike {
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

const bound = new Set<string>();

/** Throws UnsupportedDurableFunctions unless `version` is in SUPPORTED_RANGE. */
export function assertSupportedVersion(version: string, where: string): void {
  const parts = /^(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number);
  const cmp = (a: readonly number[], b: readonly number[]): number => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
  if (parts && cmp(parts, SUPPORTED_RANGE.atLeast) >= 0 && cmp(parts, SUPPORTED_RANGE.below) < 0) return;
  throw new LocalHostError(
    'UnsupportedDurableFunctions',
    `The app uses durable-functions ${version} (${where}), but the local host reads SDK internals written for durable-functions ${SUPPORTED_RANGE.text}. ` +
      'Pin durable-functions to a version in that range, or update tools/local-host/src/sdk/durable-functions-internals.ts and its canary tests for the new version.',
    500,
  );
}

/**
 * Binds the host to the durable-functions copy the app at `mainPath` resolves: checks its
 * version, then wraps its trackOpenTask (once per copy). Throws a LocalHostError when it cannot.
 */
export function bindDurableFunctions(mainPath: string): void {
  const appRequire = createRequire(mainPath);
  let pkgJson: string;
  try {
    pkgJson = appRequire.resolve('durable-functions/package.json');
  } catch {
    throw new LocalHostError('UnsupportedDurableFunctions', `The app at ${mainPath} does not resolve durable-functions: install it (${SUPPORTED_RANGE.text}).`, 500);
  }
  const { version } = appRequire(pkgJson) as { version: string };
  assertSupportedVersion(version, pkgJson);
  const file = path.join(path.dirname(pkgJson), EXECUTOR_MODULE);
  if (bound.has(file)) return;
  const proto = (appRequire(file) as { TaskOrchestrationExecutor?: { prototype: ExecutorLike } }).TaskOrchestrationExecutor?.prototype;
  if (!proto || typeof proto.trackOpenTask !== 'function') {
    throw new LocalHostError('UnsupportedDurableFunctions', `durable-functions ${version} has no TaskOrchestrationExecutor.trackOpenTask in ${file}: the local host cannot number tasks.`, 500);
  }
  const original = proto.trackOpenTask;
  proto.trackOpenTask = function (this: ExecutorLike, task: SdkTask) {
    const before = task.id;
    original.call(this, task);
    if (before === false && typeof task.id === 'number') (this.__localHostTasks ??= new Map()).set(task.id, task);
  };
  bound.add(file);
}

/** The tasks numbered during the run whose InvocationContext is given (undefined when unbound). */
export function numberedTasks(context: unknown): Map<number, SdkTask> | undefined {
  const executor = (context as { df?: { taskOrchestratorExecutor?: ExecutorLike } } | undefined)?.df?.taskOrchestratorExecutor;
  if (!executor) return undefined;
  return executor.__localHostTasks ?? new Map();
}

/** A failed orchestration's real error and custom status, from the message the SDK threw. */
export function parseOrchestrationFailure(message: string): { error: string; customStatus: unknown } | undefined {
  const at = message.indexOf(OUT_OF_PROC_LABEL);
  if (at < 0) return undefined;
  const state = JSON.parse(message.slice(at + OUT_OF_PROC_LABEL.length)) as { error?: string; customStatus?: unknown };
  return { error: state.error ?? message.slice(0, at).trim(), customStatus: state.customStatus };
}

/** The continueAsNew action among a run's (cumulative, possibly nested) actions. */
export function continueAsNewAction(actions: unknown[][] | undefined): { input: unknown } | undefined {
  const found = (actions ?? []).flat().find((a) => (a as ActionLike).actionType === ACTION_TYPE.ContinueAsNew) as ActionLike | undefined;
  return found ? { input: found.input } : undefined;
}

/**
 * What task `id` is. A NoOp task is a RetryableTask's rescheduling: odd children are its retry
 * timers (delay from `retryDelay`), even ones its next attempts (the parent's action again).
 */
export function planTask(id: number, task: SdkTask, now: number, retryDelay: (o: RetryOptionsLike | undefined, failures: number) => number): NewTask | { unsupported: string } {
  let action = task.actionObj as ActionLike | string | undefined;
  const parent = task.parent;
  const retry: RetryPosition | undefined = parent?.retryOptions && parent.children
    ? { index: parent.children.indexOf(task), attempts: parent.retryOptions.maxNumberOfAttempts }
    : undefined;
  if (action === NOOP_ACTION && parent && retry) {
    if (retry.index % 2 === 1) {
      return { kind: 'timer', id, fireAt: new Date(now + retryDelay(parent.retryOptions, (retry.index + 1) / 2)).toISOString(), retry };
    }
    action = parent.actionObj as ActionLike;
  }
  if (!action || typeof action !== 'object') return { unsupported: `a task without an action (${String(action)})` };
  const withRetry = retry ? { retry } : {};
  switch (action.actionType) {
    case ACTION_TYPE.CallActivity:
    case ACTION_TYPE.CallActivityWithRetry:
      return { kind: 'activity', id, name: String(action.functionName), input: jsonInput(action.input), ...withRetry };
    case ACTION_TYPE.CallSubOrchestrator:
    case ACTION_TYPE.CallSubOrchestratorWithRetry:
      return {
        kind: 'subOrchestration',
        id,
        name: String(action.functionName),
        instanceId: action.instanceId || undefined,
        input: action.input === undefined ? undefined : JSON.stringify(action.input),
        ...withRetry,
      };
    case ACTION_TYPE.CreateTimer:
      return { kind: 'timer', id, fireAt: new Date(action.fireAt ?? now).toISOString() };
    case ACTION_TYPE.CallEntity:
    case ACTION_TYPE.SignalEntity:
      return { unsupported: 'durable entities' };
    case ACTION_TYPE.CallHttp:
      return { unsupported: 'callHttp' };
    default:
      return { unsupported: `action type ${String(action.actionType)}` };
  }
}

/** The SDK JSON-encodes activity inputs that are strings (Utils.processInput): a string is already JSON text. */
export function jsonInput(input: unknown): string | undefined {
  if (input === undefined) return undefined;
  return typeof input === 'string' ? input : JSON.stringify(input);
}
