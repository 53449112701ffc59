// Drives a tree of orchestrations without a host, to measure what each execution's history holds:
// sub-orchestrations run inline (by name, from `orchestrators`), continueAsNew starts a new
// execution of the same instance, activities are answered by `respond`. Every execution is
// recorded with the history events a host writes for it when each yield gets its own episode (the
// most episodes possible, so the count is an upper bound): ExecutionStarted, then per yield
// OrchestratorStarted + one scheduled event per task + OrchestratorCompleted + one completion per
// task, then the closing event (ExecutionCompleted / ContinueAsNew / ExecutionFailed).
import { fakeOrchestrationContext, type Orchestrator, type ScheduledCall, type Token } from './fake-orchestration-context';

export type TreeCall = ScheduledCall;

export interface Execution {
  readonly instanceId: string;
  readonly name: string;
  /** 1 for an instance's first execution, +1 per continueAsNew. */
  readonly execution: number;
  readonly historyEvents: number;
  readonly tasks: number;
}

export interface TreeRun {
  readonly output: unknown;
  /** Every activity and sub-orchestration call, in order. */
  readonly calls: TreeCall[];
  readonly executions: Execution[];
}

const MAX_EXECUTIONS = 10_000;

export function driveTree(options: {
  readonly orchestrators: Readonly<Record<string, Orchestrator>>;
  readonly name: string;
  readonly input: unknown;
  readonly instanceId: string;
  readonly now: Date;
  readonly respond: (call: TreeCall) => unknown;
}): TreeRun {
  const calls: TreeCall[] = [];
  const executions: Execution[] = [];

  const runInstance = (name: string, input: unknown, instanceId: string, parentInstanceId?: string): unknown => {
    let current = input;
    for (let execution = 1; execution <= MAX_EXECUTIONS; execution += 1) {
      const { output, next, historyEvents, tasks } = runExecution(name, current, instanceId, parentInstanceId);
      executions.push({ instanceId, name, execution, historyEvents, tasks });
      if (next === undefined) return output;
      current = next.input;
    }
    throw new Error(`${instanceId} continued as new more than ${MAX_EXECUTIONS} times`);
  };

  const runExecution = (name: string, input: unknown, instanceId: string, parentInstanceId?: string) => {
    const orchestrator = options.orchestrators[name];
    if (!orchestrator) throw new Error(`no orchestrator named ${name}`);
    const fake = fakeOrchestrationContext({ instanceId, ...(parentInstanceId ? { parentInstanceId } : {}), input, now: () => options.now });
    const context = fake.context;
    let historyEvents = 1; // ExecutionStarted
    let tasks = 0;
    const answer = (t: Token): unknown => {
      if (t.kind === 'all') return t.tasks.map(answer);
      tasks += 1;
      if (t.kind === 'timer') return undefined;
      calls.push(t);
      return t.kind === 'sub' ? runInstance(t.name, t.input, t.instanceId, t.parentInstanceId) : options.respond(t);
    };
    const generator = orchestrator(context);
    let step = generator.next();
    while (!step.done) {
      const before = tasks;
      let value: unknown;
      let failure: unknown;
      let failed = false;
      try {
        value = answer(step.value as unknown as Token);
      } catch (error) {
        failed = true;
        failure = error;
      }
      historyEvents += 2 + 2 * (tasks - before);
      step = failed ? generator.throw(failure) : generator.next(value);
    }
    historyEvents += 1; // ExecutionCompleted or the continueAsNew
    return { output: step.value, next: fake.continuedAsNew(), historyEvents, tasks };
  };

  const output = runInstance(options.name, options.input, options.instanceId);
  return { output, calls, executions };
}
