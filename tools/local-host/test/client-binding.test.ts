// The durable client (df.getClient) the app gets, operation by operation over this host's
// management API (C9): getStatus with its history flags, getStatusBy/getStatusAll with filters
// (all pages followed), terminate, raiseEvent, purge and purgeBy, and what each refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../src/index';
import { call, MGMT, startSample, waitForInstance } from './helpers';

let host: LocalHost;

beforeAll(async () => {
  ({ host } = await startSample());
});
afterAll(async () => {
  await host.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's answers, read field by field below
type Loose = any;

async function client(op: string, args: Record<string, unknown>): Promise<{ status: number; body: Loose }> {
  return call(host, 'POST', `/api/client/${op}`, args);
}

async function start(name: string, id: string, input?: unknown): Promise<void> {
  expect((await call(host, 'POST', `${MGMT}/orchestrators/${name}/${id}`, input)).status).toBe(202);
}

describe('durable client binding', () => {
  it('getStatus: status with input by default, none with showInput false; history flags reach the API (historyEvents), 404 rejects', async () => {
    await start('fanOut', 'cb-fan', { n: 3 });
    await waitForInstance(host, 'cb-fan');
    const plain = (await client('getStatus', { instanceId: 'cb-fan' })).body;
    expect(plain).toMatchObject({ instanceId: 'cb-fan', name: 'fanOut', runtimeStatus: 'Completed', input: { n: 3 }, output: { count: 3, sum: 6 } });
    expect(plain.history ?? plain.historyEvents).toBeUndefined();
    // The SDK (3.5.0) reads `history` where the extension sends `historyEvents`
    // (Azure/azure-functions-durable-js#620), so `history` is undefined in Azure too; the host
    // answers as the extension does, and the history is read from the management API itself.
    const withHistory = (await client('getStatus', { instanceId: 'cb-fan', options: { showHistory: true, showHistoryOutput: true } })).body;
    expect(withHistory).toMatchObject({ instanceId: 'cb-fan', runtimeStatus: 'Completed' });
    expect(withHistory.history).toBeUndefined();
    const api = await call(host, 'GET', `${MGMT}/instances/cb-fan?showHistory=true`);
    const events = (api.body as { historyEvents: { EventType: string; Result?: unknown }[] }).historyEvents;
    expect(events.map((e) => e.EventType)).toEqual(['ExecutionStarted', 'TaskCompleted', 'TaskCompleted', 'TaskCompleted', 'ExecutionCompleted']);
    expect(events.some((e) => 'Result' in e)).toBe(false);
    const outputs = (await call(host, 'GET', `${MGMT}/instances/cb-fan?showHistory=true&showHistoryOutput=true`)).body as { historyEvents: { EventType: string; Result?: unknown }[] };
    expect(outputs.historyEvents.filter((e) => e.EventType === 'TaskCompleted').map((e) => e.Result).sort()).toEqual([0, 2, 4]);
    expect((await client('getStatus', { instanceId: 'cb-fan', options: { showInput: false } })).body.input).toBeNull();
    const missing = await client('getStatus', { instanceId: 'cb-nobody' });
    expect(missing.status).toBe(409);
    expect(missing.body.error).toContain('404');
  });

  it('getStatusBy filters by runtime status and created time; getStatusAll follows every page', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 3; i++) await start('fanOut', `cb-list-${i}`, { n: 1 });
    await start('approval', 'cb-list-wait');
    for (let i = 0; i < 3; i++) await waitForInstance(host, `cb-list-${i}`);
    await waitForInstance(host, 'cb-list-wait', (s) => s.customStatus === 'waiting');
    const after = new Date(Date.now() + 1000).toISOString();
    const ids = (list: { instanceId: string }[]): string[] => list.map((s) => s.instanceId).filter((id) => id.startsWith('cb-list-')).sort();

    const running = (await client('getStatusBy', { filter: { runtimeStatus: ['Running'] } })).body;
    expect(ids(running)).toEqual(['cb-list-wait']);
    const completed = (await client('getStatusBy', { filter: { runtimeStatus: ['Completed'], createdTimeFrom: before, createdTimeTo: after } })).body;
    expect(ids(completed)).toEqual(['cb-list-0', 'cb-list-1', 'cb-list-2']);
    expect((await client('getStatusBy', { filter: { createdTimeFrom: after } })).body).toEqual([]);

    // more than one page (100 per page): the SDK follows x-ms-continuation-token
    for (let i = 0; i < 105; i++) await start('approval', `cb-page-${String(i).padStart(3, '0')}`);
    const all = (await client('getStatusAll', {})).body as { instanceId: string }[];
    expect(all.filter((s) => s.instanceId.startsWith('cb-page-'))).toHaveLength(105);
    expect(new Set(all.map((s) => s.instanceId)).size).toBe(all.length);
    for (let i = 0; i < 105; i++) await call(host, 'POST', `${MGMT}/instances/cb-page-${String(i).padStart(3, '0')}/terminate`);
  });

  it('raiseEvent reaches a waiting instance; a finished one is a no-op (410, as the SDK takes it), an unknown one makes it reject', async () => {
    await start('approval', 'cb-raise');
    await waitForInstance(host, 'cb-raise', (s) => s.customStatus === 'waiting');
    expect((await client('raiseEvent', { instanceId: 'cb-raise', eventName: 'Approve', eventData: { by: 'client' } })).status).toBe(202);
    expect(await waitForInstance(host, 'cb-raise')).toMatchObject({ runtimeStatus: 'Completed', output: { approved: { by: 'client' } } });
    expect((await client('raiseEvent', { instanceId: 'cb-raise', eventName: 'Approve', eventData: 1 })).status).toBe(202);
    expect((await call(host, 'GET', `${MGMT}/instances/cb-raise`)).body).toMatchObject({ output: { approved: { by: 'client' } } });
    expect((await client('raiseEvent', { instanceId: 'cb-nobody', eventName: 'Approve', eventData: 1 })).body.error).toContain("No instance with ID 'cb-nobody'");
  });

  it('terminate stops a running instance with the reason; a finished one stays as it is; an unknown one makes it reject', async () => {
    await start('approval', 'cb-term');
    await waitForInstance(host, 'cb-term', (s) => s.runtimeStatus === 'Running');
    expect((await client('terminate', { instanceId: 'cb-term', reason: 'enough' })).status).toBe(202);
    expect(await waitForInstance(host, 'cb-term')).toMatchObject({ runtimeStatus: 'Terminated', output: 'enough' });
    expect((await client('terminate', { instanceId: 'cb-term', reason: 'again' })).status).toBe(202);
    expect((await call(host, 'GET', `${MGMT}/instances/cb-term`)).body).toMatchObject({ runtimeStatus: 'Terminated', output: 'enough' });
    expect((await client('terminate', { instanceId: 'cb-nobody', reason: 'x' })).body.error).toContain("No instance with ID 'cb-nobody'");
  });

  it('purge removes a finished instance, refuses a running one (412 with the reason, as the extension answers), and purgeBy removes finished ones only', async () => {
    await start('approval', 'cb-purge-running');
    await waitForInstance(host, 'cb-purge-running', (s) => s.runtimeStatus === 'Running');
    const refused = await client('purge', { instanceId: 'cb-purge-running' });
    expect(refused.status).toBe(409); // the sample app answers 409 for any rejection of the client
    expect(refused.body.error).toMatch(/412.*Running.*[Tt]erminate/);
    expect((await client('getStatus', { instanceId: 'cb-purge-running' })).body.runtimeStatus).toBe('Running');

    expect((await client('purge', { instanceId: 'cb-fan' })).body).toEqual({ instancesDeleted: 1 });
    expect((await client('purge', { instanceId: 'cb-fan' })).body).toEqual({ instancesDeleted: 0 });

    const purged = (await client('purgeBy', { filter: { runtimeStatus: ['Completed'], createdTimeFrom: new Date(Date.now() - 3_600_000).toISOString() } })).body;
    expect(purged.instancesDeleted).toBeGreaterThanOrEqual(4); // cb-list-0..2, cb-raise
    expect((await client('getStatus', { instanceId: 'cb-purge-running' })).body.runtimeStatus).toBe('Running');
    const unfinished = await client('purgeBy', { filter: { runtimeStatus: ['Running'], createdTimeFrom: new Date(0).toISOString() } });
    expect(unfinished.body.error).toContain('400');
    await call(host, 'POST', `${MGMT}/instances/cb-purge-running/terminate`);
  });
});
