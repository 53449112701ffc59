// The Durable HTTP management API over a real socket: start, status codes and bodies, history,
// list with filters and continuation, raiseEvent, terminate, purge, and the function key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../src/index';
import { call, MGMT, startSample, status, waitForInstance, type Status } from './helpers';

let host: LocalHost;

beforeAll(async () => {
  ({ host } = await startSample());
});
afterAll(async () => {
  await host.stop();
});

describe('management API', () => {
  it('takes the durabletask_extension system key only: no key, a wrong key and the function key get 401', async () => {
    expect(host.systemKey).not.toBe(host.functionKey);
    expect((await call(host, 'GET', `${MGMT}/instances`, undefined, null)).status).toBe(401);
    expect((await call(host, 'GET', `${MGMT}/instances`, undefined, 'wrong-key')).status).toBe(401);
    const withFunctionKey = await call(host, 'GET', `${MGMT}/instances`, undefined, host.functionKey);
    expect(withFunctionKey.status).toBe(401);
    expect(JSON.stringify(withFunctionKey.body)).toContain('durabletask_extension');
    const started = await call(host, 'POST', `${MGMT}/orchestrators/fanOut/key-probe`, { n: 1 }, host.functionKey);
    expect(started.status).toBe(401);
    expect((await status(host, 'key-probe')).status).toBe(404); // nothing was started
    const viaHeader = await fetch(`${host.url}${MGMT}/instances`, { headers: { 'x-functions-key': host.systemKey } });
    expect(viaHeader.status).toBe(200);
    expect((await call(host, 'GET', `${MGMT}/instances`, undefined, host.systemKey)).status).toBe(200);
  });

  it('does not let the system key reach the app functions under /api', async () => {
    expect((await call(host, 'GET', '/api/status/anything', undefined, host.systemKey)).status).toBe(401);
  });

  it('starts an orchestration with a fixed id and answers 202 with status URLs on this host', async () => {
    const r = await call(host, 'POST', `${MGMT}/orchestrators/fanOut/mgmt-fan`, { n: 4 });
    expect(r.status).toBe(202);
    const body = r.body as Record<string, string>;
    expect(body.id).toBe('mgmt-fan');
    expect(body.statusQueryGetUri).toBe(`${host.url}${MGMT}/instances/mgmt-fan?taskHub=SampleHub&connection=Storage&code=${host.systemKey}`);
    expect(body.sendEventPostUri).toContain('/instances/mgmt-fan/raiseEvent/{eventName}');
    expect(body.terminatePostUri).toContain('/instances/mgmt-fan/terminate');
    expect(body.purgeHistoryDeleteUri).toContain(`code=${host.systemKey}`);
    expect(JSON.stringify(body)).not.toContain(host.functionKey);
    expect(r.headers.get('location')).toBe(body.statusQueryGetUri);
    const done = await waitForInstance(host, 'mgmt-fan');
    expect(done).toMatchObject({ name: 'fanOut', instanceId: 'mgmt-fan', runtimeStatus: 'Completed', input: { n: 4 }, output: { count: 4, sum: 12 } });
    expect(Date.parse(done.createdTime)).not.toBeNaN();
    expect(Date.parse(done.lastUpdatedTime)).toBeGreaterThanOrEqual(Date.parse(done.createdTime));
  });

  it('rejects a start for an unknown orchestrator and a second start while one runs', async () => {
    expect((await call(host, 'POST', `${MGMT}/orchestrators/noSuchThing`)).status).toBe(400);
    expect((await call(host, 'POST', `${MGMT}/orchestrators/approval/mgmt-dup`)).status).toBe(202);
    expect((await call(host, 'POST', `${MGMT}/orchestrators/approval/mgmt-dup`)).status).toBe(409);
  });

  it('answers 200 completed, 202 running, 400 failed or terminated, 404 unknown', async () => {
    expect((await status(host, 'mgmt-fan')).status).toBe(200);
    await call(host, 'POST', `${MGMT}/orchestrators/approval/mgmt-wait`);
    const running = await waitForInstance(host, 'mgmt-wait', (s) => s.customStatus === 'waiting');
    expect(running.runtimeStatus).toBe('Running');
    expect((await status(host, 'mgmt-wait')).status).toBe(202);
    await call(host, 'POST', `${MGMT}/orchestrators/failing/mgmt-failed`);
    const failed = await waitForInstance(host, 'mgmt-failed');
    expect(failed.runtimeStatus).toBe('Failed');
    expect(String(failed.output)).toContain('boom: this activity always fails');
    expect((await status(host, 'mgmt-failed')).status).toBe(400);
    expect((await status(host, 'no-such-instance')).status).toBe(404);
    expect((await call(host, 'GET', `${MGMT}/instances/bad%ZZescape`)).status).toBe(404); // not a 500
  });

  it('shows history, with outputs only when asked', async () => {
    const plain = (await status(host, 'mgmt-fan', '?showHistory=true')).body;
    const types = plain.historyEvents!.map((e) => e.EventType);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types.filter((t) => t === 'TaskCompleted')).toHaveLength(4);
    expect(types.at(-1)).toBe('ExecutionCompleted');
    expect(plain.historyEvents!.find((e) => e.EventType === 'TaskCompleted')).toMatchObject({ FunctionName: 'double' });
    expect(plain.historyEvents!.some((e) => 'Result' in e)).toBe(false);
    const withOutput = (await status(host, 'mgmt-fan', '?showHistory=true&showHistoryOutput=true')).body;
    expect(withOutput.historyEvents!.filter((e) => e.EventType === 'TaskCompleted').map((e) => e.Result).sort()).toEqual([0, 2, 4, 6]);
    expect((await status(host, 'mgmt-fan', '?showInput=false')).body.input).toBeNull();
  });

  it('raises events (202), and answers 404 for unknown and 410 for finished instances', async () => {
    expect((await call(host, 'POST', `${MGMT}/instances/mgmt-wait/raiseEvent/Approve`, { by: 'api' })).status).toBe(202);
    expect(await waitForInstance(host, 'mgmt-wait')).toMatchObject({ runtimeStatus: 'Completed', output: { approved: { by: 'api' } } });
    expect((await call(host, 'POST', `${MGMT}/instances/nobody/raiseEvent/Approve`, 1)).status).toBe(404);
    expect((await call(host, 'POST', `${MGMT}/instances/mgmt-wait/raiseEvent/Approve`, 1)).status).toBe(410);
  });

  it('terminates a running instance with a reason', async () => {
    expect((await call(host, 'POST', `${MGMT}/instances/mgmt-dup/terminate?reason=enough`)).status).toBe(202);
    const t = await waitForInstance(host, 'mgmt-dup');
    expect(t).toMatchObject({ runtimeStatus: 'Terminated', output: 'enough' });
    expect((await status(host, 'mgmt-dup')).status).toBe(400);
    expect((await call(host, 'POST', `${MGMT}/instances/mgmt-dup/terminate`)).status).toBe(410);
    expect((await call(host, 'POST', `${MGMT}/instances/nobody/terminate`)).status).toBe(404);
    // a finished instance may be started again under the same id
    expect((await call(host, 'POST', `${MGMT}/orchestrators/fanOut/mgmt-dup`, { n: 1 })).status).toBe(202);
    expect(await waitForInstance(host, 'mgmt-dup')).toMatchObject({ runtimeStatus: 'Completed', name: 'fanOut' });
  });

  it('lists with filters and pages with x-ms-continuation-token', async () => {
    for (let i = 0; i < 5; i++) await call(host, 'POST', `${MGMT}/orchestrators/fanOut/list-${i}`, { n: 1 });
    for (let i = 0; i < 5; i++) await waitForInstance(host, `list-${i}`);
    const all = (await call(host, 'GET', `${MGMT}/instances?instanceIdPrefix=list-`)).body as Status[];
    expect(all.map((s) => s.instanceId).sort()).toEqual(['list-0', 'list-1', 'list-2', 'list-3', 'list-4']);

    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const url = new URL(`${MGMT}/instances?instanceIdPrefix=list-&top=2&code=${host.systemKey}`, host.url);
      const response: Response = await fetch(url, { headers: token ? { 'x-ms-continuation-token': token } : {} });
      expect(response.status).toBe(200);
      seen.push(...((await response.json()) as Status[]).map((s) => s.instanceId));
      token = response.headers.get('x-ms-continuation-token');
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['list-0', 'list-1', 'list-2', 'list-3', 'list-4']);

    const failed = (await call(host, 'GET', `${MGMT}/instances?runtimeStatus=Failed,Terminated`)).body as Status[];
    expect(failed.map((s) => s.instanceId)).toEqual(['mgmt-failed']);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await call(host, 'GET', `${MGMT}/instances?createdTimeFrom=${future}`)).body).toEqual([]);
    const past = (await call(host, 'GET', `${MGMT}/instances?createdTimeTo=${future}&instanceIdPrefix=list-`)).body as Status[];
    expect(past).toHaveLength(5);
    expect((await call(host, 'GET', `${MGMT}/instances?createdTimeFrom=not-a-date`)).status).toBe(400);
  });

  it('purges an instance (200 then 404)', async () => {
    const r = await call(host, 'DELETE', `${MGMT}/instances/list-0`);
    expect(r).toMatchObject({ status: 200, body: { instancesDeleted: 1 } });
    expect((await status(host, 'list-0')).status).toBe(404);
    expect((await call(host, 'DELETE', `${MGMT}/instances/list-0`)).status).toBe(404);
  });
});
