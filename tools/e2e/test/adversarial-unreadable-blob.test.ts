// Issue 8, end to end: a blob that never reads becomes a gap; the rest and later windows are stored.
import { describe, expect, it } from 'vitest';
import { expectAllMatch, runCycle, waitForEnded, withCollector } from './adversarial-steps';

describe('a blob that never reads', () => {
  const collector = withCollector(
    'unreadable',
    { seed: 43, users: 10, days: 1, recordsPerHour: 120, faults: { unreadableBlobs: { count: 1, contentType: 'Audit.SharePoint', mode: 'not-json' } } },
    { AUDITFLOW_UNREADABLE_MAX_ATTEMPTS: '2', AUDITFLOW_UNREADABLE_MIN_HOURS: '0' },
  );

  it('becomes a content-unreadable gap after its attempts; the rest is stored; a rerun after the fix stores it', async () => {
    const { sim, host, store } = collector;
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
