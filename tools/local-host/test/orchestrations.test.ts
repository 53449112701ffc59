// Orchestration semantics through the app's own orchestrators: fan-out, retries, failures,
// sub-orchestrations, timers, continueAsNew, external events and the determinism check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../src/index';
import { call, MGMT, startSample, status, waitForInstance } from './helpers';

let host: LocalHost;

beforeAll(async () => {
  ({ host } = await startSample());
});
afterAll(async () => {
  await host.stop();
});

async function run(name: string, id: string, input?: unknown) {
  const r = await call(host, 'POST', `${MGMT}/orchestrators/${name}/${id}`, input);
  expect(r.status).toBe(202);
  return waitForInstance(host, id, undefined, 60_000);
}

describe('orchestrations', () => {
  it('fans out and in (Task.all)', async () => {
    expect(await run('fanOut', 'o-fan', { n: 25 })).toMatchObject({ runtimeStatus: 'Completed', output: { count: 25, sum: 600 } });
  });

  it('runs activities in parallel, as many at once as host.json maxConcurrentActivityFunctions (10) and never more', async () => {
    // each activity reports the most invocations it saw in flight at once
    const done = await run('gaugeFanOut', 'o-gauge', { n: 40, ms: 150 });
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: 10 });
  });

  it('fans out 3,000 activities', async () => {
    const started = performance.now();
    const done = await run('fanOut', 'o-fan-3000', { n: 3000 });
    const seconds = (performance.now() - started) / 1000;
    console.log(`3,000-activity fan-out completed in ${seconds.toFixed(2)} s`);
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: { count: 3000, sum: 3000 * 2999 } });
  });

  it('retries an activity with RetryOptions, and surfaces a final failure as a catchable error', async () => {
    const done = await run('retrying', 'o-retry');
    expect(done.runtimeStatus).toBe('Completed');
    const output = done.output as { ok: { attempts: number }; failure: string };
    expect(output.ok).toEqual({ key: 'o-retry', attempts: 3 });
    expect(output.failure).toContain("Activity function 'boom' failed: boom: this activity always fails");
    // history: flaky 0 fails, timer 1, flaky 2 fails, timer 3, flaky 4 ok; boom 5 fails, timer 6, boom 7 fails, timer 8
    const history = (await status(host, 'o-retry', '?showHistory=true')).body.historyEvents!;
    expect(history.filter((e) => e.EventType === 'TaskFailed').map((e) => e.FunctionName)).toEqual(['flaky', 'flaky', 'boom', 'boom']);
    expect(history.filter((e) => e.EventType === 'TimerFired')).toHaveLength(4);
  });

  it('waits the retry interval with backoff between attempts', async () => {
    const history = (await status(host, 'o-retry', '?showHistory=true')).body.historyEvents as { EventType: string; Timestamp: string; FireAt?: string }[];
    const created = history.filter((e) => e.EventType === 'TimerCreated');
    const delays = created.slice(0, 2).map((e) => Date.parse(e.FireAt!) - Date.parse(e.Timestamp));
    expect(delays[0]).toBe(50);
    expect(delays[1]).toBe(100);
  });

  it('marks the instance Failed with the activity error when the orchestrator does not catch it', async () => {
    const done = await run('failing', 'o-fail');
    expect(done.runtimeStatus).toBe('Failed');
    expect(String(done.output)).toMatch(/^Orchestrator function 'failing' failed: Activity function 'boom' failed: boom: this activity always fails/);
  });

  it('runs sub-orchestrations (with and without retry, inside Task.all)', async () => {
    const done = await run('parent', 'o-parent');
    expect(done).toMatchObject({
      runtimeStatus: 'Completed',
      output: {
        a: { x: 5, doubled: 10, parent: 'o-parent' },
        b: { x: 7, doubled: 14, parent: 'o-parent' },
        c: { x: 1, doubled: 2, parent: 'o-parent' },
        d: 6,
      },
    });
    expect((await status(host, 'o-parent-child-a')).body).toMatchObject({ name: 'child', runtimeStatus: 'Completed', input: 5 });
  });

  it('retries a failed sub-orchestration under its fixed instance id', async () => {
    const done = await run('retryingParent', 'o-subretry');
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: { key: 'o-subretry-key', attempts: 3 } });
    expect((await status(host, 'o-subretry:child')).body).toMatchObject({ name: 'flakyChild', runtimeStatus: 'Completed' });
    const history = (await status(host, 'o-subretry', '?showHistory=true')).body.historyEvents!;
    expect(history.filter((e) => e.EventType === 'SubOrchestrationInstanceFailed')).toHaveLength(2);
    expect(history.filter((e) => e.EventType === 'SubOrchestrationInstanceCompleted')).toHaveLength(1);
  });

  it('gives activities their durableClient input binding', async () => {
    expect(await run('starter', 'o-starter')).toMatchObject({ runtimeStatus: 'Completed', output: 'o-starter-started' });
    expect(await waitForInstance(host, 'o-starter-started')).toMatchObject({ runtimeStatus: 'Completed', output: { count: 2, sum: 2 } });
  });

  it('fires durable timers (createTimer, Task.any with a timer)', async () => {
    const done = await run('timer', 'o-timer');
    expect(done.runtimeStatus).toBe('Completed');
    const output = done.output as { waitedMs: number; timerWon: boolean };
    expect(output.timerWon).toBe(true);
    expect(output.waitedMs).toBeGreaterThanOrEqual(400);
  });

  it('continues as new with a fresh history', async () => {
    const done = await run('counter', 'o-counter', 0);
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: 3, input: 3, customStatus: { n: 3 } });
    const history = (await status(host, 'o-counter', '?showHistory=true')).body.historyEvents!;
    expect(history.filter((e) => e.EventType === 'ExecutionStarted')).toHaveLength(1);
    expect(history.filter((e) => e.EventType === 'TaskCompleted')).toHaveLength(1);
  });

  it('continues a sub-orchestration as new: the parent gets its last execution\'s result once, under the child id it chose', async () => {
    // 2 windows of 95 blobs, pages of 10, batches of 4 (3 store activities a page), 8 activities per execution
    const done = await run('windowSplit', 'o-split', { blobs: 95, pageSize: 10, batchSize: 4, activitiesPerExecution: 8, windows: 2 });
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: { stored: 190 } });
    for (const w of [0, 1]) {
      const child = await status(host, `o-split:window-${w}`, '?showHistory=true&showHistoryOutput=true');
      // 10 pages at 2 pages (8 activities) per execution: 5 executions, the parent named
      expect(child.body).toMatchObject({ name: 'windowPart', runtimeStatus: 'Completed', output: { stored: 95, executions: 5, parent: 'o-split' }, input: { page: 8, stored: 80, execution: 5 } });
      const history = child.body.historyEvents!;
      expect(history.filter((e) => e.EventType === 'ExecutionStarted')).toHaveLength(1);
      expect(history.filter((e) => e.EventType === 'TaskCompleted')).toHaveLength(2 + 3 + 2); // the last execution only: 2 pages, 3 + 2 batches
    }
    const parent = (await status(host, 'o-split', '?showHistory=true')).body.historyEvents!;
    // the parent's history holds one completion per window (the status view hides scheduled events, as the extension's does)
    expect(parent.filter((e) => e.EventType === 'SubOrchestrationInstanceCompleted').map((e) => e.FunctionName)).toEqual(['windowPart', 'windowPart']);
  });

  it('fails a non-deterministic orchestrator loudly', async () => {
    const done = await run('nondeterministic', 'o-nondet');
    expect(done.runtimeStatus).toBe('Failed');
    expect(String(done.output)).toContain('Non-deterministic orchestrator "nondeterministic": history scheduled "double" but the replay scheduled "triple" at sequence id 0');
  });

  it('fails an orchestrator whose retry shape changes between replays (retry numbering is compared)', async () => {
    const done = await run('retryShape', 'o-retry-shape');
    expect(done.runtimeStatus).toBe('Failed');
    expect(String(done.output)).toContain('Non-deterministic orchestrator "retryShape"');
    expect(String(done.output)).toMatch(/at most 3 attempts.*at most 2 attempts at sequence id 0/);
  });

  it('fails an orchestrator whose replay no longer opens a task history scheduled (sequence ids are compared)', async () => {
    const done = await run('shrinking', 'o-shrinking');
    expect(done.runtimeStatus).toBe('Failed');
    expect(String(done.output)).toContain('Non-deterministic orchestrator "shrinking": history scheduled "double" at sequence id 1 but the replay did not');
  });
});
