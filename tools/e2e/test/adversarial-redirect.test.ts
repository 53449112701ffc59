// Issue 8, end to end: listings and blobs redirected to another origin are never followed.
import { describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { compareWithTruth } from './harness';
import { expectAllMatch, expectNothingForged, runCycle, startCycle, withCollector } from './adversarial-steps';

describe('redirects to another origin', () => {
  const collector = withCollector('redirect', {
    seed: 41, users: 10, days: 1, recordsPerHour: 60,
    faults: { redirectListing: { contentType: 'Audit.Exchange', page: 0 }, redirectBlob: { count: 1, contentType: 'Audit.SharePoint' } },
  });

  it('never follows them: the listing fails its window, the blob is not stored, nothing forged is stored', async () => {
    const { sim, host, store } = collector;
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
