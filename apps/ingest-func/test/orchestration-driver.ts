// Drives an orchestrator generator without a host: a fake `context.df` hands out task tokens, the
// test answers each yielded token (or throws for it), and every scheduled call is recorded in
// order. Task.all([]) throws like the real SDK, so an unguarded empty fan-out fails the test.
// Activity calls and replies are typed by the app's activity table, like the orchestrators' calls.
// Sub-orchestrations named in `inline` run inline to their end (orchestration-tree.ts), their
// activities recorded and answered like the driven one's; other sub-orchestrations are answered.
import type { OrchestrationContext, Task } from 'durable-functions';
import type { FailureValue } from '../src/shared/activity-failure';
import type { ActivityInput, ActivityName, ActivityResult } from '../src/shared/activity-table';
import type { FunctionName } from '../src/shared/function-names';
import { driveTree } from './orchestration-tree';

/** One scheduled activity call, its input typed by the name's row. */
export type ActivityCall = { readonly [N in ActivityName]: { readonly kind: 'activity'; readonly name: N; readonly input: ActivityInput<N> } }[ActivityName];

export type Scheduled =
  | ActivityCall
  | { readonly kind: 'sub'; readonly name: Exclude<FunctionName, ActivityName>; readonly input: unknown; readonly instanceId: string | undefined }
  | { readonly kind: 'timer'; readonly name: 'timer'; readonly input: string };

/** What a registered activity can hand back: its row's result, or a failure value. */
export type ActivityReply<N extends ActivityName> = ActivityResult<N> | FailureValue;

/** Replies per activity name, each typed by its row (the input too). */
export type ActivityResponders = { readonly [N in ActivityName]?: (input: ActivityInput<N>) => ActivityReply<N> };

type Token = Scheduled | { readonly kind: 'all'; readonly tasks: Token[] };

export interface DriveResult<T> {
  readonly output: T;
  readonly scheduled: Scheduled[];
  readonly continuedAsNew: unknown;
  readonly customStatus: unknown;
}

/** Answers one scheduled call: return its result or throw its failure. */
export type Responder = (call: Scheduled) => unknown;

export function drive<T>(
  orchestrator: (context: OrchestrationContext) => Generator<Task, T, unknown>,
  options: {
    input: unknown;
    now: Date;
    instanceId?: string;
    respond: Responder;
    inline?: Readonly<Record<string, (context: OrchestrationContext) => Generator<Task, unknown, unknown>>>;
  },
): DriveResult<T> {
  const scheduled: Scheduled[] = [];
  let continuedAsNew: unknown;
  let customStatus: unknown;
  const token = (t: Token) => t as unknown as Task;
  const df = {
    instanceId: options.instanceId ?? 'test-instance',
    isReplaying: false,
    currentUtcDateTime: options.now,
    getInput: () => options.input,
    callActivity: (name: string, input?: unknown) => token({ kind: 'activity', name, input } as Scheduled),
    callActivityWithRetry: (name: string, _retry: unknown, input?: unknown) => token({ kind: 'activity', name, input } as Scheduled),
    callSubOrchestrator: (name: string, input?: unknown, instanceId?: string) => token({ kind: 'sub', name, input, instanceId } as Scheduled),
    callSubOrchestratorWithRetry: (name: string, _retry: unknown, input?: unknown, instanceId?: string) =>
      token({ kind: 'sub', name, input, instanceId } as Scheduled),
    createTimer: (fireAt: Date) => token({ kind: 'timer', name: 'timer', input: fireAt.toISOString() }),
    Task: {
      all: (tasks: Task[]) => {
        if (tasks.length === 0) throw new Error('Task.all([]) throws in durable-functions 3.x');
        return token({ kind: 'all', tasks: tasks as unknown as Token[] });
      },
    },
    continueAsNew: (input: unknown) => void (continuedAsNew = input),
    setCustomStatus: (status: unknown) => void (customStatus = status),
  };
  const noop = () => undefined;
  const context = { df, log: noop, info: noop, warn: noop, error: noop, debug: noop, trace: noop } as unknown as OrchestrationContext;

  const answer = (t: Token): unknown => {
    if (t.kind === 'all') return t.tasks.map(answer);
    if (t.kind === 'sub' && options.inline?.[t.name]) {
      return driveTree({
        orchestrators: options.inline,
        name: t.name,
        input: t.input,
        instanceId: t.instanceId ?? `${df.instanceId}:?`,
        now: options.now,
        respond: (call) => {
          const activity = { kind: 'activity', name: call.name, input: call.input } as Scheduled;
          scheduled.push(activity);
          return options.respond(activity);
        },
      }).output;
    }
    scheduled.push(t);
    return options.respond(t);
  };
  const generator = orchestrator(context);
  let step = generator.next();
  while (!step.done) {
    const token = step.value as unknown as Token;
    step = resumeWith(generator, settle(() => answer(token)));
  }
  return { output: step.value, scheduled, continuedAsNew, customStatus };
}

/**
 * A responder from typed replies: an activity with a reply here gets it, everything else (other
 * activities, sub-orchestrations, timers) goes to `otherwise` (by default: the test fails).
 */
export function respondTo(replies: ActivityResponders, otherwise: Responder = unexpected): Responder {
  return (call) => {
    if (call.kind !== 'activity') return otherwise(call);
    const reply = replies[call.name] as ((input: unknown) => unknown) | undefined;
    return reply ? reply(call.input) : otherwise(call);
  };
}

function unexpected(call: Scheduled): never {
  throw new Error(`unexpected call ${call.name}`);
}

/** How a yielded task ended: its value, or the error the orchestrator sees thrown at the yield. */
export type TaskOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export function settle(answer: () => unknown): TaskOutcome {
  try {
    return { ok: true, value: answer() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Resumes an orchestrator generator at its yield with the task's outcome. */
export function resumeWith<T>(generator: Generator<Task, T, unknown>, outcome: TaskOutcome): IteratorResult<Task, T> {
  return outcome.ok ? generator.next(outcome.value) : generator.throw(outcome.error);
}

export function names(scheduled: readonly Scheduled[]): string[] {
  return scheduled.map((s) => s.name);
}
