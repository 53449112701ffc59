// Issue 4, crash: the local host is SIGKILLed at several points of a collection and restarted on
// the same files; the finished collection still equals the ground truth, nothing twice.
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import {
  appSettings, compareWithTruth, getInstance, openStore, sleep, startHostProcess, tempDir, waitFor, type HostProcess,
} from './harness';

const HOUR = 3_600_000;

describe('crash recovery', () => {
  let sim: RunningSimulator;
  let host: HostProcess | undefined;
  let store: ReturnType<typeof openStore> | undefined;

  afterAll(async () => {
    await host?.kill();
    await store?.close();
    await sim?.close();
  });

  it('survives SIGKILL at three points of a collection with nothing lost and nothing twice', async () => {
    sim = await startSimulator({
      seed: 11, users: 30, days: 7, recordsPerHour: 500,
      faults: { serverErrorRate: 0.02, connectionResetRate: 0.01, redeliveryRate: 0.05, relistRate: 0.05 },
    });
    const dir = tempDir('crash');
    const settings = appSettings(sim, dir);
    const total = sim.groundTruth().ids.size;
    store = openStore(dir);
    const killedAt: number[] = [];
    host = await startHostProcess({ dir, settings });
    for (const share of [0.1, 0.4, 0.7]) {
      const count = await waitFor(`${share * 100}% of the records`, host, async () => {
        const n = await store!.events.countEvents({ tenantId: sim.tenantId });
        return n >= share * total ? n : undefined;
      });
      await host.kill('SIGKILL');
      killedAt.push(count);
      host = await startHostProcess({ dir, settings });
    }
    await waitFor('the collection to finish after the crashes', host, async () => {
      const status = await getInstance(host!, `collect-${sim.tenantId}`);
      if (status?.runtimeStatus === 'Failed') throw new Error(`cycle failed: ${JSON.stringify(status.output)}`);
      if (status?.runtimeStatus !== 'Completed') return undefined;
      const now = sim.clock.now().getTime();
      for (const ct of CONTENT_TYPES) {
        const w = await store!.checkpoints.getWatermark(sim.tenantId, ct);
        if (!w || now - new Date(w.value).getTime() > 13 * HOUR) return undefined;
      }
      return true;
    });
    await host.kill();
    host = undefined;
    console.log(`killed at ${killedAt.join(', ')} of ~${total} records`);

    for (const ct of CONTENT_TYPES) {
      const result = await compareWithTruth(sim, store, sim.tenantId, ct);
      expect(result.expected, ct).toBeGreaterThan(0);
      expect(result.missing, ct).toEqual([]);
      expect(result.unexpected, ct).toEqual([]);
    }
    const seen = new Set<string>();
    let listed = 0;
    for await (const id of store.events.listEventIds(sim.tenantId)) {
      listed += 1;
      seen.add(id);
    }
    expect(listed).toBe(seen.size);
    expect(await store.events.countEvents({ tenantId: sim.tenantId })).toBe(seen.size);
    await sleep(0);
  }, 600_000);
});
