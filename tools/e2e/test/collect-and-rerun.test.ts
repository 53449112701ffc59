// Issue 4, end to end: a collection through the unmodified app in the local host, from the
// simulator with realistic delivery and every fault on, equals the ground truth; a rerun of a
// past window completes through the management API and changes nothing in the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import {
  appSettings, compareWithTruth, getInstance, openStore, startHostProcess, tempDir, waitFor, type HostProcess,
} from './harness';

const HOUR = 3_600_000;
/** Midnight on 1 January: never during a test run. */
const QUIET_SCHEDULE = '0 0 0 1 1 *';

describe('collection through the local host', () => {
  let sim: RunningSimulator;
  let host: HostProcess;
  let dir: string;
  let store: ReturnType<typeof openStore>;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 7, users: 20, days: 7, recordsPerHour: 120,
      faults: {
        rateLimitPerMinute: 600, throttleStatus: 'mixed', serverErrorRate: 0.03, slowResponseRate: 0.02, slowResponseMs: 200,
        truncatedBodyRate: 0.02, connectionResetRate: 0.02, expiredBlobRate: 0.01, redeliveryRate: 0.05, relistRate: 0.05,
      },
    });
    dir = tempDir('collect');
    host = await startHostProcess({ dir, settings: appSettings(sim, dir) });
    await waitFor('the first cycle to complete', host, async () => {
      const status = await getInstance(host, `collect-${sim.tenantId}`);
      if (status?.runtimeStatus === 'Failed') throw new Error(`cycle failed: ${JSON.stringify(status.output)}\n${host.output().slice(-4000)}`);
      return status?.runtimeStatus === 'Completed' ? status : undefined;
    });
    // Restart quiescent (a schedule that does not fire during the test), so that what follows
    // sees only what the tests do: the simulator keeps publishing in real time.
    await host.kill();
    host = await startHostProcess({ dir, settings: appSettings(sim, dir, { AUDITFLOW_SCHEDULE: QUIET_SCHEDULE }) });
    // A next cycle the 2 s schedule started just before the kill resumes after the restart: let
    // it finish, so the rerun test below sees watermarks no cycle is still moving.
    await waitFor('no collection cycle running', host, async () => {
      const status = await getInstance(host, `collect-${sim.tenantId}`);
      return status && !['Running', 'Pending'].includes(status.runtimeStatus ?? '') ? true : undefined;
    });
    store = openStore(dir);
  }, 300_000);

  afterAll(async () => {
    await host?.kill();
    await store?.close();
    await sim?.close();
  });

  it.each(CONTENT_TYPES)('stores exactly the published ids of %s, once each', async (contentType) => {
    const result = await compareWithTruth(sim, store, sim.tenantId, contentType);
    expect(result.expected).toBeGreaterThan(0);
    expect(result.missing).toEqual([]);
    expect(result.unexpected).toEqual([]);
    // the watermark reached the recent past: the check above covers almost everything published
    const watermark = await store.checkpoints.getWatermark(sim.tenantId, contentType);
    expect(sim.clock.now().getTime() - new Date(watermark!.value).getTime()).toBeLessThan(13 * HOUR);
  });

  it('records every expired blob as a gap instead of skipping it', async () => {
    const gaps = await store.checkpoints.listGaps(sim.tenantId);
    const lost = sim.groundTruth().lostContentIds;
    const gapContentIds = new Set(gaps.filter((g) => g.reason === 'content-expired').map((g) => g.contentId));
    const watermarks = new Map<string, string>();
    for (const ct of CONTENT_TYPES) watermarks.set(ct, (await store.checkpoints.getWatermark(sim.tenantId, ct))!.value);
    // every lost blob the collector listed (below its watermark) must have a gap
    const ledgerLost = [];
    for (const ct of CONTENT_TYPES) ledgerLost.push(...(await store.checkpoints.listLedger(sim.tenantId, ct, { state: 'lost' })));
    for (const entry of ledgerLost) expect(gapContentIds.has(entry.contentId)).toBe(true);
    for (const entry of ledgerLost) expect(lost.has(entry.contentId)).toBe(true);
    expect(ledgerLost.length).toBeGreaterThan(0);
  });

  it('answers GET /api/status with watermarks, freshness and last-cycle counts', async () => {
    const response = await fetch(`${host.url}/api/status?code=${host.functionKey}`);
    expect(response.status).toBe(200);
    const body = JSON.stringify(await response.json());
    for (const ct of CONTENT_TYPES) expect(body).toContain(ct);
    expect(body).toMatch(/watermark/i);
    expect((await fetch(`${host.url}/api/status`)).status).toBe(401);
  });

  it('reruns a past window without changing the store, through the management API', async () => {
    const before = await store.events.countEvents({ tenantId: sim.tenantId });
    const watermarksBefore = await Promise.all(CONTENT_TYPES.map((ct) => store.checkpoints.getWatermark(sim.tenantId, ct)));
    const now = sim.clock.now().getTime();
    const response = await fetch(`${host.url}/api/rerun?code=${host.functionKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ start: new Date(now - 3 * 24 * HOUR).toISOString(), end: new Date(now - 2 * 24 * HOUR).toISOString() }),
    });
    expect(response.status).toBe(202);
    const { statusQueryGetUri } = (await response.json()) as { statusQueryGetUri: string };
    expect(statusQueryGetUri).toContain('/runtime/webhooks/durabletask/instances/');
    // the status URL carries the durabletask_extension system key; the function key never opens the management API
    expect(statusQueryGetUri).toContain(`code=${host.systemKey}`);
    expect((await fetch(statusQueryGetUri.replace(host.systemKey, host.functionKey))).status).toBe(401);
    const final = await waitFor('the rerun to complete', host, async () => {
      const status = (await (await fetch(statusQueryGetUri)).json()) as { runtimeStatus: string; output?: unknown };
      if (status.runtimeStatus === 'Failed') throw new Error(`rerun failed: ${JSON.stringify(status.output)}`);
      return status.runtimeStatus === 'Completed' ? status : undefined;
    });
    expect(final.runtimeStatus).toBe('Completed');
    expect(await store.events.countEvents({ tenantId: sim.tenantId })).toBe(before);
    const watermarksAfter = await Promise.all(CONTENT_TYPES.map((ct) => store.checkpoints.getWatermark(sim.tenantId, ct)));
    expect(watermarksAfter.map((w) => w?.value)).toEqual(watermarksBefore.map((w) => w?.value));
  });

  it('refuses a bad rerun body with every problem named', async () => {
    const response = await fetch(`${host.url}/api/rerun?code=${host.functionKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contentTypes: ['Audit.Exchange', 'Audit.Nope'], start: '2001-01-01T00:00:00Z', end: 'yesterday' }),
    });
    expect(response.status).toBe(400);
    const text = JSON.stringify(await response.json());
    expect(text).toContain('Audit.Nope');
    expect(text).toMatch(/end/i);
    expect(text).toMatch(/7 days|seven days/i);
    const notJson = await fetch(`${host.url}/api/rerun?code=${host.functionKey}`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
  });
});
