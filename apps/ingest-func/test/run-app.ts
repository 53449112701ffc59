// Runs the app's real orchestrators with its real registered activities (scope checks, failure
// values and all) against a real store, without a host: an async driver in the style of
// orchestration-driver.ts. Sub-orchestrations run inline, continueAsNew loops, durable timers
// move the (faked) clock to their fire time. One orchestration at a time, like one cycle.
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { vi } from 'vitest';
import { registerActivities } from '../src/shared/register-activities';
import type { AppRuntime } from '../src/shared/app-runtime';
import { ALL_ACTIVITIES } from './all-activities';
import { ALL_ORCHESTRATORS } from './all-orchestrators';
import { fakeOrchestrationContext, type Orchestrator, type Token } from './fake-orchestration-context';
import { resumeWith, type TaskOutcome } from './orchestration-driver';
import { silentLog } from './temp-store';

type Handler = (input: unknown, context: InvocationContext) => Promise<unknown>;

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
    const fake = fakeOrchestrationContext({ instanceId, input, now: () => new Date() });
    const context = fake.context;
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
    const next = fake.continuedAsNew();
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
