// Issue 8, end to end: the adversarial suite's shared steps. Each scenario file drives the
// unmodified app in the local host and compares the store with the simulator's ground truth
// afterwards: 0 missing below the watermark, 0 unexpected, 0 forged, every gap explained.
import { afterAll, beforeAll, expect } from 'vitest';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@auditflow/o365-simulator';
import { appSettings, compareWithTruth, getInstance, management, openStore, startHostProcess, tempDir, waitFor, type HostProcess } from './harness';

/** Midnight on 1 January: never during a test run. */
export const QUIET_SCHEDULE = '0 0 0 1 1 *';

export interface Collector {
  readonly sim: RunningSimulator;
  readonly host: HostProcess;
  readonly store: ReturnType<typeof openStore>;
  readonly dir: string;
}

/**
 * A scenario file's shared setup: before its tests, a simulated tenant (`simulator`: seed, size,
 * faults) and the built app in the local host collecting it into SQLite under a temp folder, with
 * the timer quiet unless `settings` names a schedule (cycles are started by hand); after them,
 * the host, the store and the simulator closed. Read the parts inside the tests.
 */
export function withCollector(name: string, simulator: SimulatorOptions, settings: Record<string, string> = {}): Collector {
  const parts: { -readonly [K in keyof Collector]?: Collector[K] } = {};
  beforeAll(async () => {
    parts.sim = await startSimulator(simulator);
    parts.dir = tempDir(name);
    parts.host = await startHostProcess({ dir: parts.dir, settings: appSettings(parts.sim, parts.dir, { AUDITFLOW_SCHEDULE: QUIET_SCHEDULE, ...settings }) });
    parts.store = openStore(parts.dir);
  }, 60_000);
  afterAll(async () => {
    await parts.host?.kill();
    await parts.store?.close();
    await parts.sim?.close();
  });
  const part = <K extends keyof Collector>(key: K): Collector[K] => {
    const value = parts[key];
    if (value === undefined) throw new Error(`withCollector(${name}): ${key} read before the setup ran (read it inside a test)`);
    return value as Collector[K];
  };
  return {
    get sim() { return part('sim'); },
    get host() { return part('host'); },
    get store() { return part('store'); },
    get dir() { return part('dir'); },
  };
}

/** The settings a collect orchestration takes (what the timer copies from the config). */
export function collectInput(tenantId: string, overrides: Record<string, unknown> = {}) {
  return {
    settings: {
      tenantId, contentTypes: [...CONTENT_TYPES], firstRunLookbackHours: 48, relistOverlapMinutes: 60,
      safetyLagMinutes: 5, blobBatchSize: 8, maxWindowsPerExecution: 2, ...overrides,
    },
  };
}

export async function waitForCompleted(host: HostProcess, instanceId: string) {
  return waitFor(`${instanceId} to complete`, host, async () => {
    const status = await getInstance(host, instanceId);
    if (status?.runtimeStatus === 'Failed') throw new Error(`${instanceId} failed: ${JSON.stringify(status.output)}\n${host.output().slice(-3000)}`);
    return status?.runtimeStatus === 'Completed' ? status : undefined;
  });
}

export async function expectAllMatch(sim: RunningSimulator, store: ReturnType<typeof openStore>) {
  for (const contentType of CONTENT_TYPES) {
    const result = await compareWithTruth(sim, store, sim.tenantId, contentType);
    expect(result.expected, contentType).toBeGreaterThan(0);
    expect(result.missing, contentType).toEqual([]);
    expect(result.unexpected, contentType).toEqual([]);
  }
}

export async function expectNothingForged(sim: RunningSimulator, store: ReturnType<typeof openStore>) {
  const forged = sim.groundTruth().forgedIds;
  for (const contentType of CONTENT_TYPES) {
    for await (const id of store.events.listEventIds(sim.tenantId, contentType)) expect(forged.has(id), `forged ${id}`).toBe(false);
  }
}

export async function waitForEnded(host: HostProcess, instanceId: string, timeoutInMs = 240_000) {
  return waitFor(`${instanceId} to end`, host, async () => {
    const status = await getInstance(host, instanceId);
    return status && ['Completed', 'Failed', 'Terminated'].includes(status.runtimeStatus ?? '') ? status : undefined;
  }, timeoutInMs);
}

/** Starts the tenant's collect singleton by hand (the schedule is quiet) and waits for it to complete. */
export async function runCycle(host: HostProcess, sim: RunningSimulator, settings: Record<string, unknown> = {}) {
  const ended = await startCycle(host, sim, settings);
  expect(ended.runtimeStatus, JSON.stringify(ended.output)).toBe('Completed');
  return (ended.output as { contentTypes: { contentType: string; outcome: string; detail?: string }[] }).contentTypes;
}

/** Starts the tenant's collect singleton by hand and waits for its end, whatever it is. */
export async function startCycle(host: HostProcess, sim: RunningSimulator, settings: Record<string, unknown> = {}) {
  const instanceId = `collect-${sim.tenantId}`;
  const previous = await getInstance(host, instanceId);
  const body = collectInput(sim.tenantId, settings);
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
