// Drives an orchestrator generator without a host: a fake `context.df` hands out task tokens, the
// test answers each yielded token (or throws for it), and every scheduled call is recorded in
// order. Task.all([]) throws like the real SDK, so an unguarded empty fan-out fails the test.
// Sub-orchestrations named in `inline` run inline to their end (orchestration-tree.ts), their
// activities recorded and answered like the driven one's; other sub-orchestrations are answered.
import type { OrchestrationContext, Task } from 'durable-functions';
import { driveTree } from './orchestration-tree';

export type Scheduled =
  | { readonly kind: 'activity'; readonly name: string; readonly input: unknown }
  | { readonly kind: 'sub'; readonly name: string; readonly input: unknown; readonly instanceId: string | undefined }
  | { readonly kind: 'timer'; readonly name: 'timer'; readonly input: string };

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
    callActivity: (name: string, input?: unknown) => token({ kind: 'activity', name, input }),
    callActivityWithRetry: (name: string, _retry: unknown, input?: unknown) => token({ kind: 'activity', name, input }),
    callSubOrchestrator: (name: string, input?: unknown, instanceId?: string) => token({ kind: 'sub', name, input, instanceId }),
    callSubOrchestratorWithRetry: (name: string, _retry: unknown, input?: unknown, instanceId?: string) =>
      token({ kind: 'sub', name, input, instanceId }),
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
          const activity: Scheduled = { kind: 'activity', name: call.name, input: call.input };
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
    let value: unknown;
    let failure: unknown;
    let failed = false;
    try {
      value = answer(step.value as unknown as Token);
    } catch (error) {
      failed = true;
      failure = error;
    }
    step = failed ? generator.throw(failure) : generator.next(value);
  }
  return { output: step.value, scheduled, continuedAsNew, customStatus };
}

export function names(scheduled: readonly Scheduled[]): string[] {
  return scheduled.map((s) => s.name);
}
