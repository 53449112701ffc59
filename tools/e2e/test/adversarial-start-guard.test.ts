// Issue 8, end to end: a tenant-wide subscription start guard delays, never drops, a content type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import { appSettings, openStore, startHostProcess, tempDir, type HostProcess } from './harness';
import { expectAllMatch, runCycle, QUIET_SCHEDULE } from './adversarial-steps';

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
