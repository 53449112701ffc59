// The OrchestrationContext the host-less drivers (orchestration-tree.ts, run-app.ts) hand the
// app's orchestrators: every scheduling call returns a plain token describing what was asked, and
// the driver answers the tokens it is yielded. Task.all([]) throws as in durable-functions 3.x.
import type { OrchestrationContext, Task } from 'durable-functions';

export type Orchestrator = (context: OrchestrationContext) => Generator<Task, unknown, unknown>;

export type ScheduledCall =
  | { readonly kind: 'activity'; readonly name: string; readonly input: unknown; readonly instanceId: string }
  | { readonly kind: 'sub'; readonly name: string; readonly input: unknown; readonly instanceId: string; readonly parentInstanceId: string };

export type Token = ScheduledCall | { readonly kind: 'timer'; readonly fireAt: Date } | { readonly kind: 'all'; readonly tasks: Token[] };

export interface FakeExecution {
  readonly context: OrchestrationContext;
  /** The input of the continueAsNew the execution asked for, if it did. */
  continuedAsNew(): { readonly input: unknown } | undefined;
}

export function fakeOrchestrationContext(options: {
  readonly instanceId: string;
  readonly parentInstanceId?: string;
  readonly input: unknown;
  /** The orchestration clock, read at each access. */
  readonly now: () => Date;
}): FakeExecution {
  const { instanceId, parentInstanceId } = options;
  let next: { input: unknown } | undefined;
  const token = (t: Token) => t as unknown as Task;
  const sub = (name: string, input: unknown, id: string | undefined) =>
    token({ kind: 'sub', name, input, instanceId: id ?? `${instanceId}:?`, parentInstanceId: instanceId });
  const df = {
    instanceId,
    parentInstanceId,
    isReplaying: false,
    get currentUtcDateTime() {
      return options.now();
    },
    getInput: () => options.input,
    callActivity: (name: string, input?: unknown) => token({ kind: 'activity', name, input, instanceId }),
    callActivityWithRetry: (name: string, _retry: unknown, input?: unknown) => token({ kind: 'activity', name, input, instanceId }),
    callSubOrchestrator: (name: string, input?: unknown, id?: string) => sub(name, input, id),
    callSubOrchestratorWithRetry: (name: string, _retry: unknown, input?: unknown, id?: string) => sub(name, input, id),
    createTimer: (fireAt: Date) => token({ kind: 'timer', fireAt }),
    Task: {
      all: (tasks: Task[]) => {
        if (tasks.length === 0) throw new Error('Task.all([]) throws in durable-functions 3.x');
        return token({ kind: 'all', tasks: tasks as unknown as Token[] });
      },
    },
    continueAsNew: (input: unknown) => void (next = { input }),
    setCustomStatus: () => undefined,
  };
  const noop = () => undefined;
  const context = { df, log: noop, info: noop, warn: noop, error: noop, debug: noop, trace: noop } as unknown as OrchestrationContext;
  return { context, continuedAsNew: () => next };
}
