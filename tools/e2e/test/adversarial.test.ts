// Issue 8, end to end: what an attacker or an unlucky operator does, through the unmodified app in
// the local host, compared with the simulator's ground truth afterwards: 0 missing below the
// watermark, 0 unexpected, 0 forged, every gap explained.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import {
  appSettings, compareWithTruth, getInstance, management, openStore, startHostProcess, tempDir, waitFor, type HostProcess,
} from './harness';

/** Midnight on 1 January: never during a test run. */
const QUIET_SCHEDULE = '0 0 0 1 1 *';
const FORGED_TENANT = '00000000-1111-4222-8333-444444444444';

async function waitForCompleted(host: HostProcess, instanceId: string) {
  return waitFor(`${instanceId} to complete`, host, async () => {
    const status = await getInstance(host, instanceId);
    if (status?.runtimeStatus === 'Failed') throw new Error(`${instanceId} failed: ${JSON.stringify(status.output)}\n${host.output().slice(-3000)}`);
    return status?.runtimeStatus === 'Completed' ? status : undefined;
  });
}

async function expectAllMatch(sim: RunningSimulator, store: ReturnType<typeof openStore>) {
  for (const contentType of CONTENT_TYPES) {
    const result = await compareWithTruth(sim, store, sim.tenantId, contentType);
    expect(result.expected, contentType).toBeGreaterThan(0);
    expect(result.missing, contentType).toEqual([]);
    expect(result.unexpected, contentType).toEqual([]);
  }
}

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
async function expectNothingForged(sim: RunningSimulator, store: ReturnType<typeof openStore>) {
  const forged = sim.groundTruth().forgedIds;
  for (const contentType of CONTENT_TYPES) {
    for await (const id of store.events.listEventIds(sim.tenantId, contentType)) expect(forged.has(id), `forged ${id}`).toBe(false);
  }
}

async function waitForEnded(host: HostProcess, instanceId: string, timeoutInMs = 240_000) {
  return waitFor(`${instanceId} to end`, host, async () => {
    const status = await getInstance(host, instanceId);
    return status && ['Completed', 'Failed', 'Terminated'].includes(status.runtimeStatus ?? '') ? status : undefined;
  }, timeoutInMs);
}

/** Starts the tenant's collect singleton by hand (the schedule is quiet) and waits for it to complete. */
async function runCycle(host: HostProcess, sim: RunningSimulator, settings: Record<string, unknown> = {}) {
  const ended = await startCycle(host, sim, settings);
  expect(ended.runtimeStatus, JSON.stringify(ended.output)).toBe('Completed');
  return (ended.output as { contentTypes: { contentType: string; outcome: string; detail?: string }[] }).contentTypes;
}

/** Starts the tenant's collect singleton by hand and waits for its end, whatever it is. */
async function startCycle(host: HostProcess, sim: RunningSimulator, settings: Record<string, unknown> = {}) {
  const instanceId = `collect-${sim.tenantId}`;
  const previous = await getInstance(host, instanceId);
  const body = {
    settings: {
      tenantId: sim.tenantId, contentTypes: [...CONTENT_TYPES], firstRunLookbackHours: 48, relistOverlapMinutes: 60,
      safetyLagMinutes: 5, blobBatchSize: 8, maxWindowsPerExecution: 2, ...settings,
    },
  };
  const started = await management(host, `orchestrators/collectOrchestrator/${instanceId}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  expect(started.status, await started.clone().text()).toBe(202);
  await waitFor('the new cycle to start', host, async () => {
    const s = await getInstance(host, instanceId);
    return s && s.createdTime !== previous?.createdTime ? true : undefined;
  }, 30_000);
  return waitForEnded(host, instanceId);
}

describe('redirects to another origin', () => {
  let sim: RunningSimulator;
  let host: HostProcess;
  let store: ReturnType<typeof openStore>;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 41, users: 10, days: 1, recordsPerHour: 60,
      faults: { redirectListing: { contentType: 'Audit.Exchange', page: 0 }, redirectBlob: { count: 1, contentType: 'Audit.SharePoint' } },
    });
    const dir = tempDir('redirect');
    host = await startHostProcess({ dir, settings: appSettings(sim, dir, { AUDITFLOW_SCHEDULE: QUIET_SCHEDULE }) });
    store = openStore(dir);
  }, 60_000);

  afterAll(async () => {
    await host?.kill();
    await store?.close();
    await sim?.close();
  });

  it('never follows them: the listing fails its window, the blob is not stored, nothing forged is stored', async () => {
    // the cycle is not a success, and says why: both origins named
    const ended = await startCycle(host, sim);
    const text = JSON.stringify(ended.output);
    if (ended.runtimeStatus === 'Completed') {
      const exchange = (ended.output as { contentTypes: { contentType: string; outcome: string }[] }).contentTypes.find((o) => o.contentType === 'Audit.Exchange');
      expect(exchange?.outcome).not.toBe('collected');
    } else {
      expect(ended.runtimeStatus).toBe('Failed');
    }
    expect(text).toMatch(/UntrustedRedirect/);
    expect(text).toContain(new URL(sim.url).origin);
    expect(text).toContain(new URL(sim.secondOrigin!.url).origin);
    expect(await store.checkpoints.getWatermark(sim.tenantId, 'Audit.Exchange')).toBeUndefined();

    const [redirected] = sim.faultyBlobs().redirected;
    const entry = (await store.checkpoints.getLedgerEntries(sim.tenantId, 'Audit.SharePoint', [redirected!])).get(redirected!);
    expect(entry?.state).not.toBe('stored');
    await expectNothingForged(sim, store);
    for (const contentType of CONTENT_TYPES) {
      const result = await compareWithTruth(sim, store, sim.tenantId, contentType);
      expect(result.missing, contentType).toEqual([]);
      expect(result.unexpected, contentType).toEqual([]);
    }

    // once the tenant answers normally again, the next cycle collects everything
    sim.fixRedirects();
    const after = await runCycle(host, sim);
    expect(after.map((o) => o.outcome)).toEqual(CONTENT_TYPES.map(() => 'collected'));
    await expectAllMatch(sim, store);
    await expectNothingForged(sim, store);
    expect((await store.checkpoints.getLedgerEntries(sim.tenantId, 'Audit.SharePoint', [redirected!])).get(redirected!)?.state).toBe('stored');
  }, 400_000);
});

describe('a blob that never reads', () => {
  let sim: RunningSimulator;
  let host: HostProcess;
  let store: ReturnType<typeof openStore>;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 43, users: 10, days: 1, recordsPerHour: 120,
      faults: { unreadableBlobs: { count: 1, contentType: 'Audit.SharePoint', mode: 'not-json' } },
    });
    const dir = tempDir('unreadable');
    host = await startHostProcess({
      dir,
      settings: appSettings(sim, dir, { AUDITFLOW_SCHEDULE: QUIET_SCHEDULE, AUDITFLOW_UNREADABLE_MAX_ATTEMPTS: '2', AUDITFLOW_UNREADABLE_MIN_HOURS: '0' }),
    });
    store = openStore(dir);
  }, 60_000);

  afterAll(async () => {
    await host?.kill();
    await store?.close();
    await sim?.close();
  });

  it('becomes a content-unreadable gap after its attempts; the rest is stored; a rerun after the fix stores it', async () => {
    const [unreadable] = sim.faultyBlobs().unreadable;
    // attempts accumulate over cycles until the blob is quarantined
    let quarantined = false;
    for (let cycle = 0; cycle < 4 && !quarantined; cycle++) {
      await runCycle(host, sim);
      const entry = (await store.checkpoints.getLedgerEntries(sim.tenantId, 'Audit.SharePoint', [unreadable!])).get(unreadable!);
      quarantined = entry?.state === 'quarantined';
    }
    expect(quarantined).toBe(true);
    const gap = (await store.checkpoints.listGaps(sim.tenantId, 'Audit.SharePoint')).find((g) => g.reason === 'content-unreadable');
    expect(gap?.contentId).toBe(unreadable);
    expect(gap?.detail).toBeTruthy();
    // every other blob and every later window is stored: the watermark passed the quarantined blob
    const entry = (await store.checkpoints.getLedgerEntries(sim.tenantId, 'Audit.SharePoint', [unreadable!])).get(unreadable!)!;
    const watermark = await store.checkpoints.getWatermark(sim.tenantId, 'Audit.SharePoint');
    expect(Date.parse(watermark!.value)).toBeGreaterThan(Date.parse(entry.contentCreated));
    await expectAllMatch(sim, store);

    // fixed at the tenant: a rerun of its window stores it
    sim.fixUnreadable();
    const created = Date.parse(entry.contentCreated);
    const rerun = await fetch(`${host.url}/api/rerun?code=${host.functionKey}`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contentTypes: ['Audit.SharePoint'], start: new Date(created - 60_000).toISOString(), end: new Date(created + 60_000).toISOString() }),
    });
    expect(rerun.status).toBe(202);
    const { id } = (await rerun.json()) as { id: string };
    expect((await waitForEnded(host, id)).runtimeStatus).toBe('Completed');
    expect((await store.checkpoints.getLedgerEntries(sim.tenantId, 'Audit.SharePoint', [unreadable!])).get(unreadable!)?.state).toBe('stored');
    await expectAllMatch(sim, store);
  }, 600_000);
});

describe('a tenant-wide subscription start guard', () => {
  let sim: RunningSimulator;
  let host: HostProcess;
  let store: ReturnType<typeof openStore>;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 47, users: 10, days: 1, recordsPerHour: 60, startGuard: 'tenant-wide', startGuardInMs: 2000, startGuardHintMs: 3000 });
    const dir = tempDir('start-guard');
    host = await startHostProcess({ dir, settings: appSettings(sim, dir, { AUDITFLOW_SCHEDULE: QUIET_SCHEDULE }) });
    store = openStore(dir);
  }, 60_000);

  afterAll(async () => {
    await host?.kill();
    await store?.close();
    await sim?.close();
  });

  it('subscribes and collects all five content types in the first run, waiting as the API says', async () => {
    const outcomes = await runCycle(host, sim);
    expect(outcomes.map((o) => `${o.contentType} ${o.outcome}`)).toEqual(CONTENT_TYPES.map((ct) => `${ct} collected`));
    await expectAllMatch(sim, store);
  }, 300_000);
});

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
