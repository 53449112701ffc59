// Issue 8, end to end: purging a running instance is refused and the collection stays whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import { appSettings, getInstance, management, openStore, startHostProcess, tempDir, waitFor, type HostProcess } from './harness';
import { expectAllMatch, waitForCompleted } from './adversarial-steps';

describe('purging a running instance', () => {
  let sim: RunningSimulator;
  let host: HostProcess;
  let dir: string;
  let store: ReturnType<typeof openStore>;

  beforeAll(async () => {
    // slow responses keep the children running long enough to try to purge one
    sim = await startSimulator({ seed: 37, users: 10, days: 2, recordsPerHour: 120, faults: { slowResponseRate: 0.3, slowResponseMs: 150 } });
    dir = tempDir('purge-running');
    host = await startHostProcess({ dir, settings: appSettings(sim, dir) });
    store = openStore(dir);
  }, 60_000);

  afterAll(async () => {
    await host?.kill();
    await store?.close();
    await sim?.close();
  });

  it('is refused with 409 and the reason, and the collection completes whole', async () => {
    const child = `collect-${sim.tenantId}:Audit.SharePoint`;
    await waitFor('the SharePoint run to be running', host, async () =>
      (await getInstance(host, child))?.runtimeStatus === 'Running' ? true : undefined, 120_000);
    const purge = await management(host, `instances/${encodeURIComponent(child)}`, { method: 'DELETE' });
    expect(purge.status).toBe(409);
    expect(await purge.text()).toMatch(/running|not (yet )?(finished|terminal)/i);
    await waitForCompleted(host, `collect-${sim.tenantId}`);
    await expectAllMatch(sim, store);
  }, 300_000);
});

/** Stores nothing the tenant did not publish, nothing forged, everything below each watermark. */
