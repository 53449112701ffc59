// Issue 4, outage: the collector is down while the tenant's clock moves 9 days; the next cycle
// records a gap for what the API no longer keeps and collects the rest.
import { afterAll, describe, expect, it } from 'vitest';
import { API_RETENTION_MS, CONTENT_TYPES } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import { appSettings, getInstance, openStore, startHostProcess, tempDir, waitFor, type HostProcess } from './harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('outage longer than the API keeps', () => {
  let sim: RunningSimulator;
  let host: HostProcess | undefined;
  let store: ReturnType<typeof openStore> | undefined;

  afterAll(async () => {
    await host?.kill();
    await store?.close();
    await sim?.close();
  });

  it('records a beyond-retention gap for the unreachable part and collects the rest', async () => {
    sim = await startSimulator({ seed: 23, users: 10, days: 2, recordsPerHour: 60 });
    const dir = tempDir('outage');
    const settings = appSettings(sim, dir);
    store = openStore(dir);
    host = await startHostProcess({ dir, settings });
    await waitFor('the first cycle', host, async () =>
      (await getInstance(host!, `collect-${sim.tenantId}`))?.runtimeStatus === 'Completed' ? true : undefined,
    );
    await host.kill();
    const before = new Map<string, string>();
    for (const ct of CONTENT_TYPES) before.set(ct, (await store.checkpoints.getWatermark(sim.tenantId, ct))!.value);
    const storedBefore = await store.events.countEvents({ tenantId: sim.tenantId });

    sim.clock.advance(9 * DAY);
    host = await startHostProcess({ dir, settings, clockOffsetInMs: 9 * DAY });
    await waitFor('a cycle after the outage', host, async () => {
      const now = sim.clock.now().getTime();
      for (const ct of CONTENT_TYPES) {
        const w = await store!.checkpoints.getWatermark(sim.tenantId, ct);
        if (!w || now - new Date(w.value).getTime() > 13 * HOUR) return undefined;
      }
      return (await getInstance(host!, `collect-${sim.tenantId}`))?.runtimeStatus === 'Completed' ? true : undefined;
    });
    await host.kill();
    host = undefined;

    const now = sim.clock.now().getTime();
    const gaps = (await store.checkpoints.listGaps(sim.tenantId)).filter((g) => g.reason === 'beyond-api-retention');
    expect(await store.events.countEvents({ tenantId: sim.tenantId })).toBeGreaterThan(storedBefore);
    for (const ct of CONTENT_TYPES) {
      const gap = gaps.find((g) => g.contentType === ct);
      expect(gap, `a gap for ${ct}`).toBeDefined();
      // the gap starts where the collection stopped and ends where the API's memory begins
      expect(gap!.window.start).toBe(before.get(ct));
      const gapEnd = new Date(gap!.window.end).getTime();
      expect(gapEnd).toBeGreaterThanOrEqual(now - API_RETENTION_MS);
      expect(gapEnd).toBeLessThan(now - API_RETENTION_MS + HOUR);
      // everything published after the gap and below the new watermark is stored
      const watermark = (await store.checkpoints.getWatermark(sim.tenantId, ct))!.value;
      const truth = sim.groundTruth({ contentType: ct, from: new Date(gapEnd), to: new Date(watermark) });
      expect(truth.ids.size, ct).toBeGreaterThan(0);
      const stored = new Set<string>();
      for await (const id of store.events.listEventIds(sim.tenantId, ct)) stored.add(id);
      expect([...truth.ids].filter((id) => !stored.has(id)), ct).toEqual([]);
    }
  }, 600_000);
});
