// Issue 10 / C13, end to end: the built app's purgeInstanceHistory timer on the local host purges
// finished instances past their retention (7 days; Failed 30) and never a running one, however
// old, nor a recent one. The "old" instances are made at real time; the host then restarts with
// its clock 8 days ahead, set so its minute-47 tick comes half a minute after the start.
// The API points at a server that accepts and never answers: an orchestration waiting on it stays
// Running across restarts (its activity runs again at each start and hangs again).
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import { appSettings, getInstance, management, startHostProcess, tempDir, waitFor, type HostProcess } from './harness';
import { collectInput, QUIET_SCHEDULE, runCycle, waitForEnded } from './adversarial-steps';

const DAY_MS = 86_400_000;
/** The app's tick (INSTANCE_PURGE_SCHEDULE, minute 47) comes this long after the last start. */
const TICK_MARGIN_MS = 35_000;

/** The clock offset that puts the host 8 days ahead, at hh:47:00 when the real clock reads `at`. */
function offsetToTickAt(at: number): number {
  const shifted = new Date(at + 8 * DAY_MS);
  const tick = new Date(shifted);
  tick.setUTCMinutes(47, 0, 0);
  if (tick.getTime() <= shifted.getTime()) tick.setUTCHours(tick.getUTCHours() + 1);
  return tick.getTime() - at;
}

describe('the instance-history purge timer', () => {
  let sim: RunningSimulator;
  let dir: string;
  let host: HostProcess | undefined;
  const sockets = new Set<Socket>();
  const blackHole = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let silentApi: Record<string, string>;
  let oldCollect: string;

  const start = async (settings: Record<string, string>, clockOffsetInMs?: number) => {
    await host?.kill();
    host = await startHostProcess({ dir, settings, ...(clockOffsetInMs ? { clockOffsetInMs } : {}) });
    return host;
  };
  const startCollectAs = async (h: HostProcess, instanceId: string) => {
    const r = await management(h, `orchestrators/collectOrchestrator/${instanceId}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(collectInput(sim.tenantId)),
    });
    expect(r.status, await r.clone().text()).toBe(202);
    await waitFor(`${instanceId} to run`, h, async () => ((await getInstance(h, instanceId))?.runtimeStatus === 'Running' ? true : undefined), 30_000);
  };
  const terminate = async (h: HostProcess, instanceId: string) => {
    expect((await management(h, `instances/${instanceId}/terminate?reason=test`, { method: 'POST' })).status).toBe(202);
    expect((await waitForEnded(h, instanceId, 30_000)).runtimeStatus).toBe('Terminated');
  };

  beforeAll(async () => {
    sim = await startSimulator({ seed: 53, users: 5, days: 1, recordsPerHour: 40 });
    dir = tempDir('purge-instances');
    blackHole.listen(0, '127.0.0.1');
    await once(blackHole, 'listening');
    const { port } = blackHole.address() as { port: number };
    silentApi = appSettings(sim, dir, { AUDITFLOW_SCHEDULE: QUIET_SCHEDULE, AUDITFLOW_API_BASE_URL: `http://127.0.0.1:${port}` });
    oldCollect = `collect-${sim.tenantId}`;
  }, 60_000);

  afterAll(async () => {
    await host?.kill();
    for (const s of sockets) s.destroy();
    blackHole.close();
    await sim?.close();
  });

  it('deletes finished instances past retention, keeps Failed ones within 30 days, running and recent ones', async () => {
    // Real time: a whole cycle (the collect instance and one child per content type, Completed),
    // an orchestration that fails at once (bad input), then, with the silent API, one terminated
    // and one left running.
    let h = await start(appSettings(sim, dir, { AUDITFLOW_SCHEDULE: QUIET_SCHEDULE }));
    await runCycle(h, sim);
    const started = await management(h, 'orchestrators/rerunOrchestrator/old-failed', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(started.status).toBe(202);
    expect((await waitForEnded(h, 'old-failed', 30_000)).runtimeStatus).toBe('Failed');
    h = await start(silentApi);
    await startCollectAs(h, 'old-running');
    await startCollectAs(h, 'old-terminated');
    await terminate(h, 'old-terminated');
    const oldFinished = ((await (await management(h, 'instances?runtimeStatus=Completed,Terminated')).json()) as { instanceId: string }[]).map((s) => s.instanceId).sort();
    expect(oldFinished).toContain(oldCollect);
    expect(oldFinished.filter((id) => id.startsWith(`${oldCollect}:`)).length).toBeGreaterThanOrEqual(5);

    // 8 days later: a recent terminated instance; then a restart whose clock reaches minute 47 soon.
    sim.clock.set(new Date(Date.now() + 8 * DAY_MS));
    h = await start(silentApi, 8 * DAY_MS);
    await startCollectAs(h, 'recent-running');
    await startCollectAs(h, 'recent-terminated');
    await terminate(h, 'recent-terminated');
    const tickAt = Date.now() + TICK_MARGIN_MS;
    const offset = offsetToTickAt(tickAt);
    sim.clock.set(new Date(Date.now() + offset));
    h = await start(silentApi, offset);
    expect(Date.now(), 'the host took longer to start than the margin before the tick').toBeLessThan(tickAt - 2_000);
    expect((await getInstance(h, 'old-running'))?.runtimeStatus).toBe('Running');

    await waitFor('the purge tick to delete the old finished instances', h, async () => ((await getInstance(h, oldCollect)) === undefined ? true : undefined), TICK_MARGIN_MS + 60_000);
    await waitFor('the purge log line', h, async () => (h.output().includes('instance history purge done') ? true : undefined), 10_000);
    const msg = (JSON.parse(h.output().split('\n').find((l) => l.includes('instance history purge done'))!) as { msg: string }).msg;
    expect(JSON.parse(msg.slice(msg.indexOf('{')))).toMatchObject({ deleted: { finished: oldFinished.length, failed: 0 } });
    for (const id of oldFinished) expect(await getInstance(h, id), id).toBeUndefined();
    expect((await getInstance(h, 'old-failed'))?.runtimeStatus).toBe('Failed');
    expect((await getInstance(h, 'old-running'))?.runtimeStatus).toBe('Running');
    expect((await getInstance(h, 'recent-running'))?.runtimeStatus).toBe('Running');
    expect((await getInstance(h, 'recent-terminated'))?.runtimeStatus).toBe('Terminated');
  }, 420_000);
});
