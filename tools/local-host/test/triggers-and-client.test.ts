// Registrations, HTTP triggers (routes, methods, auth levels), the timer trigger and the durable
// client of the app (startNew, createCheckStatusResponse, getStatus, raiseEvent, terminate, purge).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../src/index';
import { call, sleep, startSample, waitForInstance, type LogEntry } from './helpers';

let host: LocalHost;
let logs: LogEntry[];
let dir: string;

beforeAll(async () => {
  ({ host, logs, dir } = await startSample());
});
afterAll(async () => {
  await host.stop();
});

describe('app loading', () => {
  it('receives every registration through @azure/functions-core', () => {
    const loaded = logs.find((l) => l.message === 'app loaded');
    expect(loaded?.fields?.functions).toEqual({
      httpTrigger: ['startOrchestration', 'instanceStatus', 'clientOps', 'clientCall', 'ping', 'ticks'],
      timerTrigger: ['tick'],
      activityTrigger: ['double', 'triple', 'boom', 'flaky', 'slowEcho', 'gauge', 'listPage', 'storeBatch', 'startOther'],
      orchestrationTrigger: ['fanOut', 'gaugeFanOut', 'windowShaped', 'windowSplit', 'windowPart', 'slowFanOut', 'retrying', 'failing', 'child', 'parent', 'timer', 'counter', 'approval', 'nondeterministic', 'retryShape', 'shrinking', 'flakyChild', 'retryingParent', 'starter'],
    });
  });

  it('generates a function key into a 0600 file next to the database', () => {
    const file = path.join(dir, 'function-key');
    expect(readFileSync(file, 'utf8').trim()).toBe(host.functionKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(host.functionKey.length).toBeGreaterThanOrEqual(24);
  });

  it('generates the durabletask_extension system key next to it (mode 0600), different from the function key', () => {
    const file = path.join(dir, 'durabletask_extension');
    expect(readFileSync(file, 'utf8').trim()).toBe(host.systemKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(host.systemKey.length).toBeGreaterThanOrEqual(24);
    expect(host.systemKey).not.toBe(host.functionKey);
  });

  it('never logs the function key or the system key', () => {
    expect(JSON.stringify(logs)).not.toContain(host.functionKey);
    expect(JSON.stringify(logs)).not.toContain(host.systemKey);
  });
});

describe('HTTP triggers', () => {
  it('serves anonymous functions without a key, with query and route', async () => {
    const r = await call(host, 'GET', '/api/ping?q=hello', undefined, null);
    expect(r).toMatchObject({ status: 200, body: { pong: true, q: 'hello' } });
  });

  it('requires the function key for authLevel function (401 otherwise)', async () => {
    expect((await call(host, 'POST', '/api/orchestrators/fanOut', { n: 1 }, null)).status).toBe(401);
    expect((await call(host, 'POST', '/api/orchestrators/fanOut', { n: 1 }, 'nope')).status).toBe(401);
    const viaHeader = await fetch(`${host.url}/api/orchestrators/fanOut`, { method: 'POST', body: '{"n":1}', headers: { 'x-functions-key': host.functionKey } });
    expect(viaHeader.status).toBe(202);
  });

  it('answers 405 for a method the route does not allow and 404 for unknown routes', async () => {
    expect((await call(host, 'GET', '/api/orchestrators/fanOut')).status).toBe(405);
    expect((await call(host, 'GET', '/api/nothing-here')).status).toBe(404);
    expect((await call(host, 'GET', '/elsewhere')).status).toBe(404);
  });

  it('decodes route parameters after matching (an encoded / stays in the parameter; a bad escape is a 404, not a 500)', async () => {
    const r = await call(host, 'GET', '/api/status/a%2Fb');
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).toContain('HTTP 404'); // reached instanceStatus, whose getStatus("a/b") found nothing
    expect((await call(host, 'GET', '/api/ping%ZZ', undefined, null)).status).toBe(404);
  });

  it('runs the timer trigger on its schedule (from an app setting)', async () => {
    await sleep(2300);
    const r = await call(host, 'GET', '/api/ticks', undefined, null);
    expect((r.body as { ticks: number }).ticks).toBeGreaterThanOrEqual(1);
  });
});

describe('durable client binding', () => {
  it('startNew + createCheckStatusResponse point at this host with the system key (not the function key)', async () => {
    const r = await call(host, 'POST', '/api/orchestrators/fanOut/client-1', { n: 3 });
    expect(r.status).toBe(202);
    const body = r.body as { id: string; statusQueryGetUri: string };
    expect(body.id).toBe('client-1');
    expect(body.statusQueryGetUri.startsWith(`${host.url}/runtime/webhooks/durabletask/instances/client-1?`)).toBe(true);
    expect(body.statusQueryGetUri).toContain(`code=${host.systemKey}`);
    expect(JSON.stringify(body)).not.toContain(host.functionKey);
    expect(r.headers.get('location')).toBe(body.statusQueryGetUri);
    const followed = await fetch(body.statusQueryGetUri);
    expect([200, 202]).toContain(followed.status);
    await waitForInstance(host, 'client-1');
  });

  it('getStatus returns the status; an unknown id makes the SDK throw (404)', async () => {
    const r = await call(host, 'GET', '/api/status/client-1');
    expect(r).toMatchObject({ status: 200, body: { runtimeStatus: 'Completed', output: { count: 3, sum: 6 } } });
    const unknown = await call(host, 'GET', '/api/status/does-not-exist');
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('HTTP 404');
  });

  it('raiseEvent reaches a waiting orchestration', async () => {
    await call(host, 'POST', '/api/orchestrators/approval/client-approval');
    await waitForInstance(host, 'client-approval', (s) => s.customStatus === 'waiting');
    expect((await call(host, 'POST', '/api/ops/raise/client-approval', { ok: true })).status).toBe(202);
    expect(await waitForInstance(host, 'client-approval')).toMatchObject({ runtimeStatus: 'Completed', output: { approved: { ok: true } } });
  });

  it('terminate, getStatusBy and purge work through the client', async () => {
    await call(host, 'POST', '/api/orchestrators/approval/client-term');
    await waitForInstance(host, 'client-term', (s) => s.runtimeStatus === 'Running');
    expect((await call(host, 'POST', '/api/ops/terminate/client-term')).status).toBe(202);
    expect(await waitForInstance(host, 'client-term')).toMatchObject({ runtimeStatus: 'Terminated', output: 'stopped by test' });
    const completed = (await call(host, 'POST', '/api/ops/list/x')).body as string[];
    expect(completed).toEqual(expect.arrayContaining(['client-1', 'client-approval']));
    expect(completed).not.toContain('client-term');
    expect((await call(host, 'POST', '/api/ops/purge/client-term')).body).toEqual({ instancesDeleted: 1 });
    expect((await call(host, 'GET', '/api/status/client-term')).status).toBe(404);
  });
});
