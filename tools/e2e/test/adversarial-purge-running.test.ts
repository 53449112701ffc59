// Issue 8, end to end: purging a running instance is refused and the collection stays whole.
import { describe, expect, it } from 'vitest';
import { getInstance, management, waitFor } from './harness';
import { expectAllMatch, waitForCompleted, withCollector } from './adversarial-steps';

describe('purging a running instance', () => {
  // slow responses keep the children running long enough to try to purge one; the timer starts the cycle
  const collector = withCollector('purge-running', { seed: 37, users: 10, days: 2, recordsPerHour: 120, faults: { slowResponseRate: 0.3, slowResponseMs: 150 } }, { AUDITFLOW_SCHEDULE: '*/2 * * * * *' });

  it('is refused with 412 and the reason, and the collection completes whole', async () => {
    const { sim, host, store } = collector;
    const child = `collect-${sim.tenantId}:Audit.SharePoint`;
    await waitFor('the SharePoint run to be running', host, async () =>
      (await getInstance(host, child))?.runtimeStatus === 'Running' ? true : undefined, 120_000);
    const purge = await management(host, `instances/${encodeURIComponent(child)}`, { method: 'DELETE' });
    expect(purge.status).toBe(412);
    expect(await purge.text()).toMatch(/running|not (yet )?(finished|terminal)/i);
    await waitForCompleted(host, `collect-${sim.tenantId}`);
    await expectAllMatch(sim, store);
  }, 300_000);
});

/** Stores nothing the tenant did not publish, nothing forged, everything below each watermark. */
