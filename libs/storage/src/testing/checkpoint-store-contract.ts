// The behaviour every CheckpointStore adapter must show. Run it from an adapter's test file with a
// factory that returns a fresh, empty store for each test.
import { afterEach, describe, expect, it } from 'vitest';
import type { CycleSummary, Watermark } from '@auditflow/ingestion';
import { isConcurrencyError, type CheckpointStore } from '../ports';
import { TEST_TENANT, testGap, testLedgerEntry } from './test-documents';

const OTHER_TENANT = '00000000-1111-2222-3333-444444444444';
const DAY_MS = 86_400_000;

function watermark(value: string, overrides: Partial<Watermark> = {}): Watermark {
  return { tenantId: TEST_TENANT, contentType: 'Audit.Exchange', value, updatedAt: '2026-11-20T10:00:00.000Z', ...overrides };
}

async function conflict(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return false;
  } catch (error) {
    if (isConcurrencyError(error)) return true;
    throw error;
  }
}

export function describeCheckpointStoreContract(name: string, factory: () => Promise<CheckpointStore>): void {
  describe(`CheckpointStore contract: ${name}`, () => {
    let store: CheckpointStore | undefined;
    const open = async (): Promise<CheckpointStore> => (store = await factory());
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    describe('watermarks', () => {
      it('is absent until written; created only when none exists (expected etag null)', async () => {
        const cp = await open();
        expect(await cp.getWatermark(TEST_TENANT, 'Audit.Exchange')).toBeUndefined();
        const written = await cp.putWatermark(watermark('2026-11-20T00:00:00.000Z'), null);
        expect(written.etag).toEqual(expect.any(String));
        expect(await cp.getWatermark(TEST_TENANT, 'Audit.Exchange')).toEqual(written);
        expect(await conflict(cp.putWatermark(watermark('2026-11-21T00:00:00.000Z'), null))).toBe(true);
        expect((await cp.getWatermark(TEST_TENANT, 'Audit.Exchange'))?.value).toBe('2026-11-20T00:00:00.000Z');
      });

      it('moves with the current etag and refuses a stale or unknown one', async () => {
        const cp = await open();
        const first = await cp.putWatermark(watermark('2026-11-20T00:00:00.000Z'), null);
        const cycle: CycleSummary = {
          instanceId: 'collect-t', startedAt: '2026-11-21T00:00:00.000Z', finishedAt: '2026-11-21T00:01:00.000Z',
          windows: 1, blobsListed: 3, blobsStored: 2, blobsSkipped: 1, recordsStored: 40, recordsRejected: 1, gaps: 0,
        };
        const second = await cp.putWatermark(watermark('2026-11-21T00:00:00.000Z', { lastCycle: cycle, etag: 'ignored' }), first.etag!);
        expect(second.etag).not.toBe(first.etag);
        expect(await cp.getWatermark(TEST_TENANT, 'Audit.Exchange')).toEqual(second);
        expect(second.lastCycle).toEqual(cycle);
        expect(await conflict(cp.putWatermark(watermark('2026-11-22T00:00:00.000Z'), first.etag!))).toBe(true);
        expect(await conflict(cp.putWatermark(watermark('2026-11-22T00:00:00.000Z'), '"not-an-etag"'))).toBe(true);
        expect(await conflict(cp.putWatermark(watermark('2026-11-22T00:00:00.000Z', { contentType: 'DLP.All' }), second.etag!))).toBe(true);
        expect((await cp.getWatermark(TEST_TENANT, 'Audit.Exchange'))?.value).toBe('2026-11-21T00:00:00.000Z');
      });

      it('lets exactly one of two writers with the same etag win', async () => {
        const cp = await open();
        const first = await cp.putWatermark(watermark('2026-11-20T00:00:00.000Z'), null);
        const results = await Promise.allSettled([
          cp.putWatermark(watermark('2026-11-21T00:00:00.000Z'), first.etag!),
          cp.putWatermark(watermark('2026-11-22T00:00:00.000Z'), first.etag!),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((r) => r.status === 'rejected');
        expect(isConcurrencyError(rejected?.reason)).toBe(true);
      });

      it('keeps one watermark per tenant and content type', async () => {
        const cp = await open();
        await cp.putWatermark(watermark('2026-11-20T00:00:00.000Z'), null);
        await cp.putWatermark(watermark('2026-11-10T00:00:00.000Z', { contentType: 'DLP.All' }), null);
        await cp.putWatermark(watermark('2026-11-01T00:00:00.000Z', { tenantId: OTHER_TENANT }), null);
        expect((await cp.getWatermark(TEST_TENANT, 'Audit.Exchange'))?.value).toBe('2026-11-20T00:00:00.000Z');
        expect((await cp.getWatermark(TEST_TENANT, 'DLP.All'))?.value).toBe('2026-11-10T00:00:00.000Z');
        expect((await cp.getWatermark(OTHER_TENANT, 'Audit.Exchange'))?.value).toBe('2026-11-01T00:00:00.000Z');
        expect(await cp.getWatermark(OTHER_TENANT, 'DLP.All')).toBeUndefined();
      });
    });

    describe('ledger', () => {
      it('upserts entries and reads them back by content id', async () => {
        const cp = await open();
        const a = testLedgerEntry('blob/a?1#x', { contentCreated: '2026-11-20T10:00:00.000Z' });
        const b = testLedgerEntry('blob-b', { contentCreated: '2026-11-20T11:00:00.000Z' });
        await cp.putLedgerEntries([a, b]);
        await cp.putLedgerEntries([]);
        const found = await cp.getLedgerEntries(TEST_TENANT, 'Audit.SharePoint', ['blob/a?1#x', 'blob-b', 'blob-b', 'missing']);
        expect([...found.keys()].sort()).toEqual(['blob-b', 'blob/a?1#x']);
        expect(found.get('blob/a?1#x')).toEqual(a);
        const stored = { ...b, state: 'stored' as const, recordCount: 12, rejectedCount: 1, updatedAt: '2026-11-20T12:00:00.000Z' };
        await cp.putLedgerEntries([stored]);
        expect((await cp.getLedgerEntries(TEST_TENANT, 'Audit.SharePoint', ['blob-b'])).get('blob-b')).toEqual(stored);
        expect((await cp.getLedgerEntries(TEST_TENANT, 'Audit.Exchange', ['blob-b'])).size).toBe(0);
        expect((await cp.getLedgerEntries(OTHER_TENANT, 'Audit.SharePoint', ['blob-b'])).size).toBe(0);
      });

      it('keeps a quarantined entry with its read failures, and drops them once stored', async () => {
        const cp = await open();
        const readFailures = { attempts: 5, firstFailedAt: '2026-11-20T10:00:00.000Z', lastFailedAt: '2026-11-20T11:30:00.000Z', lastError: 'InvalidJson: unexpected token' };
        const quarantined = testLedgerEntry('blob-q', { state: 'quarantined', readFailures });
        await cp.putLedgerEntries([quarantined, testLedgerEntry('blob-l', { readFailures: { ...readFailures, attempts: 1 } })]);
        const found = await cp.getLedgerEntries(TEST_TENANT, 'Audit.SharePoint', ['blob-q', 'blob-l']);
        expect(found.get('blob-q')).toEqual(quarantined);
        expect(found.get('blob-l')?.readFailures?.attempts).toBe(1);
        expect((await cp.listLedger(TEST_TENANT, 'Audit.SharePoint', { state: 'quarantined' })).map((e) => e.contentId)).toEqual(['blob-q']);
        const { readFailures: _dropped, ...rest } = quarantined;
        const stored = { ...rest, state: 'stored' as const, recordCount: 3, rejectedCount: 0 };
        await cp.putLedgerEntries([stored]);
        expect((await cp.getLedgerEntries(TEST_TENANT, 'Audit.SharePoint', ['blob-q'])).get('blob-q')).toEqual(stored);
      });

      it('lists by state and contentCreated range (from inclusive, to exclusive), oldest first', async () => {
        const cp = await open();
        const at = (h: number): string => new Date(Date.UTC(2026, 10, 20, h)).toISOString();
        await cp.putLedgerEntries([
          testLedgerEntry('c3', { contentCreated: at(3), state: 'stored', recordCount: 5 }),
          testLedgerEntry('c1', { contentCreated: at(1) }),
          testLedgerEntry('c2', { contentCreated: at(2), state: 'lost' }),
          testLedgerEntry('c4', { contentCreated: at(4) }),
          testLedgerEntry('x1', { contentCreated: at(1), contentType: 'Audit.Exchange' }),
        ]);
        const ids = (entries: { contentId: string }[]): string[] => entries.map((e) => e.contentId);
        expect(ids(await cp.listLedger(TEST_TENANT, 'Audit.SharePoint'))).toEqual(['c1', 'c2', 'c3', 'c4']);
        expect(ids(await cp.listLedger(TEST_TENANT, 'Audit.SharePoint', { state: 'listed' }))).toEqual(['c1', 'c4']);
        expect(ids(await cp.listLedger(TEST_TENANT, 'Audit.SharePoint', { createdFrom: at(2), createdTo: at(4) }))).toEqual(['c2', 'c3']);
        expect(ids(await cp.listLedger(TEST_TENANT, 'Audit.SharePoint', { state: 'stored', createdFrom: at(2) }))).toEqual(['c3']);
        expect(ids(await cp.listLedger(TEST_TENANT, 'Audit.Exchange'))).toEqual(['x1']);
        expect(await cp.listLedger(OTHER_TENANT, 'Audit.SharePoint')).toEqual([]);
      });

      it('purges entries whose content expired more than 7 days before now', async () => {
        const cp = await open();
        const now = new Date('2026-11-30T00:00:00.000Z');
        const expiringAt = (ms: number): string => new Date(ms).toISOString();
        await cp.putLedgerEntries([
          testLedgerEntry('old', { contentExpiration: expiringAt(now.getTime() - 8 * DAY_MS) }),
          testLedgerEntry('edge', { contentExpiration: expiringAt(now.getTime() - 7 * DAY_MS + 60_000) }),
          testLedgerEntry('fresh', { contentExpiration: expiringAt(now.getTime() + DAY_MS) }),
        ]);
        expect(await cp.purgeExpired(now)).toBe(1);
        expect((await cp.listLedger(TEST_TENANT, 'Audit.SharePoint')).map((e) => e.contentId).sort()).toEqual(['edge', 'fresh']);
        expect(await cp.purgeExpired(now)).toBe(0);
      });
    });

    describe('gaps', () => {
      it('records a gap once by id (the first recording wins) and lists by tenant and content type', async () => {
        const cp = await open();
        await cp.recordGap(testGap('g1', { recordedAt: '2026-11-20T10:00:00.000Z' }));
        await cp.recordGap(testGap('g1', { recordedAt: '2026-11-21T10:00:00.000Z', detail: 'again' }));
        await cp.recordGap(testGap('g/2', { contentType: 'Audit.SharePoint', contentId: 'blob-9', reason: 'content-expired', recordedAt: '2026-11-20T11:00:00.000Z' }));
        await cp.recordGap(testGap('g3', { tenantId: OTHER_TENANT }));
        const all = await cp.listGaps(TEST_TENANT);
        expect(all.map((g) => g.id)).toEqual(['g1', 'g/2']);
        expect(all[0]).toEqual(testGap('g1', { recordedAt: '2026-11-20T10:00:00.000Z' }));
        expect(all[1]?.contentId).toBe('blob-9');
        expect((await cp.listGaps(TEST_TENANT, 'Audit.SharePoint')).map((g) => g.id)).toEqual(['g/2']);
        expect(await cp.listGaps(TEST_TENANT, 'DLP.All')).toEqual([]);
        expect((await cp.listGaps(OTHER_TENANT)).map((g) => g.id)).toEqual(['g3']);
      });
    });
  });
}
