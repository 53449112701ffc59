// The management API against bad or unlucky client input, over a real socket: purging what still
// runs (412 with the reason, also in bulk and through the client binding), bodies over the limit
// (413 naming it), malformed list filters and continuation tokens (400 naming the problem) and
// concurrent starts of one instance id (exactly one start).
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

const text = (body: unknown): string => JSON.stringify(body);

describe('purge of an unfinished instance', () => {
  it('answers 412 (PreconditionFailed, as the extension) with the reason and leaves the instance running (single, bulk and client binding)', async () => {
    await call(host, 'POST', `${MGMT}/orchestrators/approval/p-running`);
    await waitForInstance(host, 'p-running', (s) => s.customStatus === 'waiting');

    const single = await call(host, 'DELETE', `${MGMT}/instances/p-running`);
    expect(single.status).toBe(412);
    expect(text(single.body)).toContain('Only orchestrations in a terminal state can be purged');
    expect(text(single.body)).toContain('Running');
    expect(text(single.body)).toMatch(/terminate/i);

    const bulk = await call(host, 'DELETE', `${MGMT}/instances?createdTimeFrom=1970-01-01T00:00:00Z&runtimeStatus=Running`);
    expect(bulk.status).toBe(400);
    expect(text(bulk.body)).toContain('Completed, Failed, Terminated');

    const viaClient = await call(host, 'POST', '/api/ops/purge/p-running');
    expect(viaClient.status).toBe(409); // the sample app's answer for any rejection of the client
    expect(text(viaClient.body)).toContain('412');
    expect(text(viaClient.body)).toContain('Running');

    expect((await status(host, 'p-running')).status).toBe(202);
    expect((await call(host, 'POST', `${MGMT}/instances/p-running/raiseEvent/Approve`, 'ok')).status).toBe(202);
    expect(await waitForInstance(host, 'p-running')).toMatchObject({ runtimeStatus: 'Completed' });
    expect(await call(host, 'DELETE', `${MGMT}/instances/p-running`)).toMatchObject({ status: 200, body: { instancesDeleted: 1 } });
  });
});

describe('request bodies over the limit', () => {
  it('get 413 naming the limit, on the management API and on /api', async () => {
    const big = '"' + 'x'.repeat(33 * 1024 * 1024) + '"';
    for (const [path, key] of [[`${MGMT}/orchestrators/fanOut/too-big`, host.systemKey], ['/api/orchestrators/fanOut/too-big', host.functionKey]] as const) {
      const r = await fetch(`${host.url}${path}?code=${key}`, { method: 'POST', body: big });
      expect(r.status).toBe(413);
      expect(await r.text()).toContain('32 MiB');
    }
    expect((await status(host, 'too-big')).status).toBe(404);
  });
});

describe('list filters and continuation tokens', () => {
  it('answers 400 naming the problem instead of 200 [] or 500', async () => {
    const bad = async (query: string, headers: Record<string, string> = {}): Promise<string> => {
      const r = await fetch(`${host.url}${MGMT}/instances?code=${host.systemKey}${query}`, { headers });
      expect(r.status, query).toBe(400);
      return r.text();
    };
    expect(await bad('&runtimeStatus=Runing')).toContain('Runing');
    expect(await bad('&runtimeStatus=Running,Nope')).toMatch(/Nope.*Pending/);
    expect(await bad('&createdTimeFrom=2024-13-45')).toContain('createdTimeFrom');
    expect(await bad('&createdTimeTo=2024-02-30T00:00:00Z')).toContain('createdTimeTo');
    expect(await bad('&createdTimeFrom=yesterday')).toContain('createdTimeFrom');
    expect(await bad('&createdTimeFrom=2025-01-02T00:00:00Z&createdTimeTo=2025-01-01T00:00:00Z')).toContain('createdTimeTo');
    expect(await bad('&top=abc')).toContain('top');
    expect(await bad('&top=0')).toContain('top');
    expect(await bad('&showInput=maybe')).toContain('showInput');
    expect(await bad('', { 'x-ms-continuation-token': 'not a token' })).toContain('continuation token');
    expect(await bad('', { 'x-ms-continuation-token': Buffer.from('123').toString('base64url') })).toContain('continuation token');
    expect(await bad('', { 'x-ms-continuation-token': Buffer.from('{"createdAt":5}').toString('base64url') })).toContain('continuation token');
    // the status names are the extension's, case-insensitive; valid ones still answer 200
    expect((await call(host, 'GET', `${MGMT}/instances?runtimeStatus=completed,ContinuedAsNew`)).status).toBe(200);
    expect((await call(host, 'GET', `${MGMT}/instances?createdTimeFrom=2024-01-01`)).status).toBe(200);
    expect((await call(host, 'DELETE', `${MGMT}/instances?createdTimeFrom=nope`)).status).toBe(400);
  });

  it('answers 400 for a malformed history flag on one instance', async () => {
    const r = await call(host, 'GET', `${MGMT}/instances/whatever?showHistory=yes`);
    expect(r.status).toBe(400);
    expect(text(r.body)).toContain('showHistory');
  });
});

describe('starting an instance id that exists and is not finished', () => {
  it('starts exactly once under concurrent identical starts; the others get 409 as the extension words it', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(host, 'POST', `${MGMT}/orchestrators/approval/s-once`)));
    const codes = answers.map((a) => a.status).sort();
    expect(codes.filter((c) => c === 202)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    const conflict = answers.find((a) => a.status === 409)!;
    expect(conflict.body).toMatchObject({ error: { code: 'OrchestrationAlreadyExists' } });
    expect(text(conflict.body)).toMatch(/An orchestration with id 's-once' already exists\. It's in the (Pending|Running) state\./);
    await waitForInstance(host, 's-once', (s) => s.customStatus === 'waiting');
    const history = (await status(host, 's-once', '?showHistory=true')).body.historyEvents!;
    expect(history.filter((e) => e.EventType === 'ExecutionStarted')).toHaveLength(1);
    await call(host, 'POST', `${MGMT}/instances/s-once/terminate`);
  });
});
