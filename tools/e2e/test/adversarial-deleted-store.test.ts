// Issue 8, end to end: the event store deleted under a running host.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import { appSettings, getInstance, management, startHostProcess, tempDir, waitFor, type HostProcess } from './harness';
import { runCycle, waitForEnded, QUIET_SCHEDULE } from './adversarial-steps';

describe('the event store deleted while the host runs', () => {
  let sim: RunningSimulator;
  let host: HostProcess | undefined;
  let dir: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 53, users: 10, days: 1, recordsPerHour: 60 });
    dir = tempDir('deleted-store');
  }, 60_000);

  afterAll(async () => {
    await host?.kill();
    await sim?.close();
  });

  it('fails the next cycle loudly, and a restart refuses the new empty store until told to start over', async () => {
    const settings = appSettings(sim, dir, { AUDITFLOW_SCHEDULE: QUIET_SCHEDULE });
    host = await startHostProcess({ dir, settings });
    expect((await runCycle(host, sim)).map((o) => o.outcome)).toEqual(CONTENT_TYPES.map(() => 'collected'));

    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `auditflow.db${suffix}`), { force: true });
    sim.clock.advance(2 * 3_600_000); // new blobs to store: the next cycle must write
    const instanceId = `collect-${sim.tenantId}`;
    const previous = await getInstance(host, instanceId);
    await management(host, `orchestrators/collectOrchestrator/${instanceId}`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ settings: { tenantId: sim.tenantId, contentTypes: [...CONTENT_TYPES], firstRunLookbackHours: 48, relistOverlapMinutes: 60, safetyLagMinutes: 5, blobBatchSize: 8, maxWindowsPerExecution: 2 } }),
    });
    await waitFor('the new cycle to start', host, async () => ((await getInstance(host!, instanceId))?.createdTime !== previous?.createdTime ? true : undefined), 30_000);
    const ended = await waitForEnded(host, instanceId);
    const text = JSON.stringify(ended.output);
    // never "collected": the cycle names the missing file
    expect(ended.runtimeStatus === 'Failed' || !(ended.output as { contentTypes: { outcome: string }[] }).contentTypes.every((o) => o.outcome === 'collected')).toBe(true);
    expect(text).toContain('auditflow.db');
    await host.kill();
    host = undefined;

    // the durable store remembers completed cycles: a new, empty event store is refused at start
    const refused = await startHostProcess({ dir, settings }).then(
      async (h) => { await h.kill(); return undefined; },
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/auditflow\.db/);
    expect(refused).toMatch(/--accept-new-event-store/);

    // starting over on purpose works, and collects again
    host = await startHostProcess({ dir, settings, hostArgs: ['--accept-new-event-store'] });
    expect((await runCycle(host, sim)).map((o) => o.outcome)).toEqual(CONTENT_TYPES.map(() => 'collected'));
  }, 400_000);
});
