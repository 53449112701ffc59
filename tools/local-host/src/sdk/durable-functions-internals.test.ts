// Canaries: one per durable-functions internal the adapter reads. Each reads the SDK itself (the
// copy the sample app resolves, the one the app pins) and fails the day an upgrade moves or
// renames what the local host depends on, instead of orchestrations misbehaving quietly.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApp, type LoadedApp } from '../app/app-loader';
import { EventType, historyEvent, type HistoryEvent } from '../engine/history';
import { runEpisode } from '../engine/orchestrator-run';
import { sampleApp, tempDir } from '../../test/helpers';
import { ACTION_TYPE, assertSupportedVersion, bindDurableFunctions, EXECUTOR_MODULE, NOOP_ACTION, OUT_OF_PROC_LABEL, SUPPORTED_RANGE } from './durable-functions-internals';

const sdkRequire = createRequire(path.join(sampleApp, 'index.js'));
const sdkDir = path.dirname(sdkRequire.resolve('durable-functions/package.json'));
const sdk = <T>(file: string): T => sdkRequire(path.join(sdkDir, file)) as T;

let app: LoadedApp | undefined;
function sample(): LoadedApp {
  app ??= loadApp({ appDir: sampleApp, log: () => undefined });
  bindDurableFunctions(app.mainPath);
  return app;
}

const started = (input: unknown): HistoryEvent[] => [
  historyEvent(EventType.OrchestratorStarted, { Timestamp: '2026-01-01T00:00:00.000Z' }),
  historyEvent(EventType.ExecutionStarted, { Name: 'x', Input: JSON.stringify(input), Timestamp: '2026-01-01T00:00:00.000Z' }),
];
const played = (events: HistoryEvent[]): HistoryEvent[] => events.map((e) => ({ ...e, IsPlayed: true }));
const episode = (name: string, history: HistoryEvent[], input: unknown = null) =>
  runEpisode({ fn: sample().functions.get(name)!, instanceId: `canary-${name}`, parentInstanceId: null, input: JSON.stringify(input), history, log: () => undefined });

describe('the durable-functions version', () => {
  it('is the one the adapter was written for, and any other is refused with the supported range named', () => {
    const { version } = sdkRequire('durable-functions/package.json') as { version: string };
    expect(() => assertSupportedVersion(version, 'the sample app')).not.toThrow();
    expect(() => assertSupportedVersion('3.6.0', 'x')).toThrow(SUPPORTED_RANGE.text);
    expect(() => assertSupportedVersion('3.4.9', 'x')).toThrow(expect.objectContaining({ code: 'UnsupportedDurableFunctions' }));
  });

  it('is checked when the host binds to an app: an app with another durable-functions does not start', () => {
    const dir = tempDir('other-sdk');
    mkdirSync(path.join(dir, 'node_modules/durable-functions'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/durable-functions/package.json'), JSON.stringify({ name: 'durable-functions', version: '4.0.0', main: 'index.js' }));
    writeFileSync(path.join(dir, 'index.js'), '');
    expect(() => bindDurableFunctions(path.join(dir, 'index.js'))).toThrow(/durable-functions 4\.0\.0.*>=3\.5\.0 <3\.6\.0/);
  });
});

describe('canaries, one per internal', () => {
  it('1. TaskOrchestrationExecutor is at its deep path, 2. with trackOpenTask on its prototype', () => {
    const mod = sdk<{ TaskOrchestrationExecutor?: { prototype: Record<string, unknown> } }>(EXECUTOR_MODULE);
    expect(typeof mod.TaskOrchestrationExecutor?.prototype.trackOpenTask).toBe('function');
  });

  it('2.+3. trackOpenTask numbers tasks in yield order, Task.all children in array order, read from context.df.taskOrchestratorExecutor', async () => {
    const result = await episode('fanOut', started({ n: 3 }), { n: 3 });
    expect(result).toMatchObject({ kind: 'running', newTasks: [0, 1, 2].map((id) => ({ kind: 'activity', id, name: 'double', input: String(id) })) });
  });

  it('4. NoOpTask carries the "noOp" action marker', () => {
    const { NoOpTask } = sdk<{ NoOpTask: new () => { actionObj: unknown } }>('lib/src/task/NoOpTask.js');
    expect(new NoOpTask().actionObj).toBe(NOOP_ACTION);
  });

  it('5. RetryableTask keeps its retryOptions and its children in order (attempt, timer, attempt...)', async () => {
    const { RetryableTask } = sdk<{ RetryableTask: new (inner: unknown, options: unknown) => { children: unknown[]; retryOptions: unknown } }>('lib/src/task/RetryableTask.js');
    const { NoOpTask } = sdk<{ NoOpTask: new () => object }>('lib/src/task/NoOpTask.js');
    const inner = new NoOpTask();
    const options = { firstRetryIntervalInMilliseconds: 50, maxNumberOfAttempts: 3 };
    const task = new RetryableTask(inner, options);
    expect(task.retryOptions).toBe(options);
    expect(task.children).toEqual([inner]);
    // through the engine: after the first attempt failed, id 1 is the first retry timer, 50 ms later
    const history = played([
      ...started('k'),
      historyEvent(EventType.TaskScheduled, { EventId: 0, Name: 'flaky', Timestamp: '2026-01-01T00:00:00.000Z' }),
      historyEvent(EventType.OrchestratorCompleted, { Timestamp: '2026-01-01T00:00:00.000Z' }),
    ]).concat([
      historyEvent(EventType.OrchestratorStarted, { Timestamp: '2026-01-01T00:00:01.000Z' }),
      historyEvent(EventType.TaskFailed, { TaskScheduledId: 0, Reason: 'flaky failure 1', Details: '' }),
    ]);
    const result = await episode('retrying', history);
    expect(result).toMatchObject({ kind: 'running', newTasks: [{ kind: 'timer', id: 1, fireAt: '2026-01-01T00:00:01.050Z', retry: { index: 1, attempts: 3 } }] });
  });

  it('6. a failed orchestration throws a message with "$OutOfProcData$:" and its state after it', async () => {
    const { OrchestrationFailureError } = sdk<{ OrchestrationFailureError: new (e: unknown, s: unknown) => Error }>('lib/src/error/OrchestrationFailureError.js');
    const message = new OrchestrationFailureError(new Error('inner'), { error: 'inner', isDone: true }).message;
    expect(message).toContain(OUT_OF_PROC_LABEL);
    expect(JSON.parse(message.slice(message.indexOf(OUT_OF_PROC_LABEL) + OUT_OF_PROC_LABEL.length))).toMatchObject({ error: 'inner' });
    const history = played([
      ...started(null),
      historyEvent(EventType.TaskScheduled, { EventId: 0, Name: 'double' }),
      historyEvent(EventType.TaskCompleted, { TaskScheduledId: 0, Result: '2' }),
      historyEvent(EventType.TaskScheduled, { EventId: 1, Name: 'boom' }),
    ]).concat([historyEvent(EventType.TaskFailed, { TaskScheduledId: 1, Reason: 'boom: this activity always fails', Details: '' })]);
    const result = await episode('failing', history);
    expect(result).toMatchObject({ kind: 'failed', error: expect.stringContaining('boom: this activity always fails') });
    expect((result as { error: string }).error).not.toContain(OUT_OF_PROC_LABEL);
  });

  it('7. the numeric action types are the SDK\'s', () => {
    const { ActionType } = sdk<{ ActionType: Record<string, number> }>('lib/src/actions/ActionType.js');
    for (const [name, value] of Object.entries(ACTION_TYPE)) expect(ActionType[name], name).toBe(value);
  });

  it('the history event types the engine writes are the SDK\'s (wire protocol)', () => {
    const { HistoryEventType } = sdk<{ HistoryEventType: Record<string, number> }>('lib/src/history/HistoryEventType.js');
    for (const [name, value] of Object.entries(EventType)) expect(HistoryEventType[name], name).toBe(value);
  });
});
