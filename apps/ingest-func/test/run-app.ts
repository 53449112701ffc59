// Runs the app's real orchestrators with its real registered activities (scope checks, failure
// values and all) against a real store, without a host: an async driver in the style of
// orchestration-driver.ts. Sub-orchestrations run inline, continueAsNew loops, durable timers
// move the (faked) clock to their fire time. One orchestration at a time, like one cycle.
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { OrchestrationContext, Task } from 'durable-functions';
import { vi } from 'vitest';
import { registerActivities } from '../src/shared/register-activities';
import type { AppRuntime } from '../src/shared/app-runtime';
import { ALL_ACTIVITIES } from './all-activities';
import { ALL_ORCHESTRATORS } from './all-orchestrators';
import { resumeWith, type TaskOutcome } from './orchestration-driver';
import { silentLog } from './temp-store';

type Orchestrator = (context: OrchestrationContext) => Generator<Task, unknown, unknown>;
type Handler = (input: unknown, context: InvocationContext) => Promise<unknown>;
type Token =
  | { kind: 'activity'; name: string; input: unknown }
  | { kind: 'sub'; name: string; input: unknown; instanceId: string }
  | { kind: 'timer'; fireAt: Date }
  | { kind: 'all'; tasks: Token[] };

const ORCHESTRATORS = ALL_ORCHESTRATORS as Readonly<Record<string, Orchestrator>>;

export interface AppRun {
  /** Every activity call, in order, with its result. */
  readonly calls: { name: string; input: unknown; result: unknown }[];
  /** Timers the orchestrations waited for. */
  readonly timers: Date[];
  /** Starts an orchestration by name and runs it to its end; a failed one rejects. */
  run(name: string, input: unknown, instanceId: string): Promise<unknown>;
}

/** `setClock` moves the faked Date (vi.setSystemTime) when a durable timer fires. */
export function appRunner(runtime: AppRuntime, setClock: (at: Date) => void): AppRun {
  const handlers = new Map<string, Handler>();
  const spy = vi.spyOn(df.app, 'activity').mockImplementation((name, options) => {
    handlers.set(name, options.handler as Handler);
    return {} as ReturnType<typeof df.app.activity>;
  });
  registerActivities(() => Promise.resolve(runtime), ALL_ACTIVITIES);
  spy.mockRestore();
  const calls: AppRun['calls'] = [];
  const timers: Date[] = [];

  const answer = async (t: Token): Promise<unknown> => {
    switch (t.kind) {
      case 'all': {
        const out: unknown[] = [];
        for (const task of t.tasks) out.push(await answer(task));
        return out;
      }
      case 'timer':
        timers.push(t.fireAt);
        if (t.fireAt.getTime() > Date.now()) setClock(t.fireAt);
        return undefined;
      case 'sub':
        return runToEnd(t.name, t.input, t.instanceId);
      case 'activity': {
        const handler = handlers.get(t.name);
        if (!handler) throw new Error(`no activity ${t.name}`);
        const result = await handler(t.input, silentLog as unknown as InvocationContext);
        calls.push({ name: t.name, input: t.input, result });
        return result;
      }
    }
  };

  const runOnce = async (name: string, input: unknown, instanceId: string): Promise<{ output: unknown; next?: unknown }> => {
    let next: { input: unknown } | undefined;
    const token = (t: Token) => t as unknown as Task;
    const dfContext = {
      instanceId,
      isReplaying: false,
      get currentUtcDateTime() {
        return new Date();
      },
      getInput: () => input,
      callActivity: (n: string, i?: unknown) => token({ kind: 'activity', name: n, input: i }),
      callActivityWithRetry: (n: string, _r: unknown, i?: unknown) => token({ kind: 'activity', name: n, input: i }),
      callSubOrchestrator: (n: string, i: unknown, id: string) => token({ kind: 'sub', name: n, input: i, instanceId: id }),
      callSubOrchestratorWithRetry: (n: string, _r: unknown, i: unknown, id: string) => token({ kind: 'sub', name: n, input: i, instanceId: id }),
      createTimer: (fireAt: Date) => token({ kind: 'timer', fireAt }),
      Task: {
        all: (tasks: Task[]) => {
          if (tasks.length === 0) throw new Error('Task.all([]) throws in durable-functions 3.x');
          return token({ kind: 'all', tasks: tasks as unknown as Token[] });
        },
      },
      continueAsNew: (i: unknown) => void (next = { input: i }),
      setCustomStatus: () => undefined,
    };
    const noop = () => undefined;
    const context = { df: dfContext, log: noop, info: noop, warn: noop, error: noop, debug: noop, trace: noop } as unknown as OrchestrationContext;
    const orchestrator = ORCHESTRATORS[name];
    if (!orchestrator) throw new Error(`no orchestrator ${name}`);
    const generator = orchestrator(context);
    let step = generator.next();
    while (!step.done) {
      const token = step.value as unknown as Token;
      const outcome = await answer(token).then(
        (value): TaskOutcome => ({ ok: true, value }),
        (error: unknown): TaskOutcome => ({ ok: false, error }),
      );
      step = resumeWith(generator, outcome);
    }
    return next ? { output: step.value, next: next.input } : { output: step.value };
  };

  const runToEnd = async (name: string, input: unknown, instanceId: string): Promise<unknown> => {
    let current = input;
    for (let execution = 0; execution < 500; execution += 1) {
      const { output, next } = await runOnce(name, current, instanceId);
      if (next === undefined) return output;
      current = next;
    }
    throw new Error(`${instanceId} kept continuing as new`);
  };

  return { calls, timers, run: runToEnd };
}
