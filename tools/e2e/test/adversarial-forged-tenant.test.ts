// Issue 8, end to end: a forged tenant id and malformed input on the Durable management API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import { appSettings, getInstance, management, openStore, startHostProcess, tempDir, waitFor, type HostProcess } from './harness';
import { expectAllMatch, waitForCompleted, QUIET_SCHEDULE } from './adversarial-steps';

const FORGED_TENANT = '00000000-1111-4222-8333-444444444444';
describe('a forged tenant id and malformed input on the management API', () => {
  let sim: RunningSimulator;
  let host: HostProcess;
  let dir: string;
  let store: ReturnType<typeof openStore>;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 31, users: 10, days: 1, recordsPerHour: 60 });
    dir = tempDir('forged');
    host = await startHostProcess({ dir, settings: appSettings(sim, dir, { AUDITFLOW_SCHEDULE: QUIET_SCHEDULE }) });
    store = openStore(dir);
  }, 60_000);

  afterAll(async () => {
    await host?.kill();
    await store?.close();
    await sim?.close();
  });

  it('refuses to collect for a tenant the app is not configured for, and the real collection stays whole', async () => {
    const forgedInput = {
      settings: {
        tenantId: FORGED_TENANT, contentTypes: [...CONTENT_TYPES], firstRunLookbackHours: 48, relistOverlapMinutes: 60,
        safetyLagMinutes: 5, blobBatchSize: 8, maxWindowsPerExecution: 2,
      },
    };
    const started = await management(host, `orchestrators/collectOrchestrator/forged-${Date.now()}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forgedInput),
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const final = await waitFor('the forged run to end', host, async () => {
      const status = await getInstance(host, id);
      return status && ['Completed', 'Failed', 'Terminated'].includes(status.runtimeStatus ?? '') ? status : undefined;
    }, 120_000);
    expect(final.runtimeStatus).toBe('Failed');
    expect(JSON.stringify(final.output)).toContain(FORGED_TENANT);
    expect(JSON.stringify(final.output)).toMatch(/configured|not the tenant/i);
    expect(await store.events.countEvents({ tenantId: FORGED_TENANT })).toBe(0);

    // the real collection afterwards stores everything, under the real tenant
    const real = await management(host, `orchestrators/collectOrchestrator/collect-${sim.tenantId}`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ settings: { ...forgedInput.settings, tenantId: sim.tenantId } }),
    });
    expect(real.status).toBe(202);
    await waitForCompleted(host, `collect-${sim.tenantId}`);
    await expectAllMatch(sim, store);
    expect(await store.events.countEvents({ tenantId: FORGED_TENANT })).toBe(0);
  }, 240_000);

  it.each([
    ['an empty input', {}, /settings/],
    ['a content type that does not exist', { settings: { tenantId: 'x', contentTypes: ['Audit.Nope'] } }, /Audit\.Nope|contentTypes/],
  ])('fails at once, naming what is wrong, for %s', async (_what, input, message) => {
    const started = await management(host, `orchestrators/collectOrchestrator/bad-${Date.now()}-${Math.random().toString(36).slice(2)}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input),
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const final = await waitFor('the bad run to end', host, async () => {
      const status = await getInstance(host, id);
      return status && ['Completed', 'Failed', 'Terminated'].includes(status.runtimeStatus ?? '') ? status : undefined;
    }, 60_000);
    expect(final.runtimeStatus).toBe('Failed');
    const text = JSON.stringify(final.output);
    expect(text).toMatch(message);
    expect(text).not.toMatch(/Cannot read properties of undefined/);
  }, 90_000);
});
