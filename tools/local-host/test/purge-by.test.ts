// purgeInstanceHistoryBy over this host (C13), as the app's purge timer calls it: instances
// created before the cutoff in a terminal status go; a running one, however old, and a recent
// finished one stay. The clock is moved back while the "old" instances are created, so their
// created time is 10 days ago as the engine recorded it. Also what the purge by filter refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClockOffset } from '../src/clock';
import type { LocalHost } from '../src/index';
import { call, MGMT, startSample, status, waitForInstance } from './helpers';

const DAY_MS = 86_400_000;
let host: LocalHost;

beforeAll(async () => {
  ({ host } = await startSample({ env: { SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *' } }));
});
afterAll(async () => {
  setClockOffset(0);
  await host.stop();
});

async function start(name: string, id: string, input?: unknown): Promise<void> {
  expect((await call(host, 'POST', `${MGMT}/orchestrators/${name}/${id}`, input)).status).toBe(202);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's answers, read field by field below
async function purgeBy(filter: Record<string, unknown>): Promise<{ status: number; body: any }> {
  return call(host, 'POST', '/api/client/purgeBy', { filter });
}

describe('purgeInstanceHistoryBy through the durable client', () => {
  it('deletes the finished instances created before the cutoff, never a running one, and keeps recent ones', async () => {
    setClockOffset(-10 * DAY_MS);
    await start('fanOut', 'old-done', { n: 2 });
    await start('failing', 'old-failed');
    await start('approval', 'old-terminated');
    await start('approval', 'old-running');
    await waitForInstance(host, 'old-terminated', (s) => s.runtimeStatus === 'Running');
    expect((await call(host, 'POST', `${MGMT}/instances/old-terminated/terminate?reason=test`)).status).toBe(202);
    for (const id of ['old-done', 'old-failed', 'old-terminated']) await waitForInstance(host, id);
    await waitForInstance(host, 'old-running', (s) => s.runtimeStatus === 'Running');
    setClockOffset(0);
    await start('fanOut', 'recent-done', { n: 1 });
    await waitForInstance(host, 'recent-done');
    expect((await status(host, 'old-done')).body.createdTime < new Date(Date.now() - 9 * DAY_MS).toISOString()).toBe(true);

    // Canceled is terminal for the extension too (it never occurs here): naming it is no refusal
    const filter = { createdTimeFrom: new Date(0).toISOString(), createdTimeTo: new Date(Date.now() - 7 * DAY_MS).toISOString(), runtimeStatus: ['Completed', 'Failed', 'Terminated', 'Canceled'] };
    expect(await purgeBy(filter)).toMatchObject({ status: 200, body: { instancesDeleted: 3 } });
    for (const id of ['old-done', 'old-failed', 'old-terminated']) expect((await status(host, id)).status, id).toBe(404);
    expect((await status(host, 'old-running')).body.runtimeStatus).toBe('Running');
    expect((await status(host, 'recent-done')).body.runtimeStatus).toBe('Completed');
    // nothing left to purge: the extension answers 404, which the SDK reads as 0 deleted
    expect(await purgeBy(filter)).toMatchObject({ status: 200, body: { instancesDeleted: 0 } });

    // naming an unfinished status is refused, and the running instance stays
    const refused = await purgeBy({ ...filter, runtimeStatus: ['Completed', 'Running'] });
    expect(refused.body.error).toMatch(/400.*Running/);
    expect((await status(host, 'old-running')).body.runtimeStatus).toBe('Running');
    await call(host, 'POST', `${MGMT}/instances/old-running/raiseEvent/Approve`, 'ok');
    expect(await waitForInstance(host, 'old-running')).toMatchObject({ runtimeStatus: 'Completed' });
  });
});

describe('DELETE instances (purge by filter) refuses', () => {
  it('a purge without createdTimeFrom, as the extension does', async () => {
    const r = await call(host, 'DELETE', `${MGMT}/instances?runtimeStatus=Completed`);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain("'createdTimeFrom'");
    expect((await status(host, 'recent-done')).status).toBe(200);
  });

  it('instanceIdPrefix, which the extension ignores there (it would purge the whole time range)', async () => {
    const r = await call(host, 'DELETE', `${MGMT}/instances?createdTimeFrom=1970-01-01T00:00:00Z&instanceIdPrefix=nothing-`);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('instanceIdPrefix');
    expect((await status(host, 'recent-done')).status).toBe(200);
  });
});
