import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentBlob } from '@auditflow/ingestion';
import { FakeActivityApi, FakeApiError, testBlob } from '../../test/fake-activity-api';
import { openTempStore, silentLog, type TempStore } from '../../test/temp-store';
import type { ActivityDeps, BlobRef } from './activity-deps';
import { storeContent } from './store-content';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const CT = 'Audit.SharePoint' as const;
const NOW = new Date('2026-11-25T12:00:00.000Z');

describe('storeContent', () => {
  let temp: TempStore;
  let api: FakeActivityApi;
  let deps: ActivityDeps;

  beforeEach(() => {
    temp = openTempStore();
    api = new FakeActivityApi();
    deps = { api, events: temp.store.events, checkpoints: temp.store.checkpoints, now: () => NOW, log: silentLog, retentionDays: 90 };
  });
  afterEach(() => temp.dispose());

  const ref = (b: ContentBlob): BlobRef => ({ contentId: b.contentId, contentUri: b.contentUri, contentCreated: b.contentCreated, contentExpiration: b.contentExpiration });
  const ids = async () => {
    const out: string[] = [];
    for await (const id of temp.store.events.listEventIds(TENANT, CT)) out.push(id);
    return out.sort();
  };

  it('stores every record once and marks the blobs stored, even when run twice', async () => {
    const blobs = [testBlob(api, CT, 'b1', '2026-11-25T09:00:00.000Z', 3), testBlob(api, CT, 'b2', '2026-11-25T09:05:00.000Z', 2)];
    const first = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: blobs.map(ref), force: false });
    expect(first).toMatchObject({ blobsStored: 2, recordsStored: 5, recordsRejected: 0, blobsSkipped: 0 });
    const second = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: blobs.map(ref), force: false });
    expect(second).toMatchObject({ blobsStored: 0, blobsSkipped: 2, recordsStored: 0 });
    expect(await ids()).toEqual(['b1-r0', 'b1-r1', 'b1-r2', 'b2-r0', 'b2-r1']);
    const ledger = await temp.store.checkpoints.listLedger(TENANT, CT);
    expect(ledger.map((e) => [e.contentId, e.state, e.recordCount])).toEqual([
      ['b1', 'stored', 3],
      ['b2', 'stored', 2],
    ]);
  });

  it('fetches again when forced and still stores each record once', async () => {
    const blob = testBlob(api, CT, 'b1', '2026-11-25T09:00:00.000Z', 2);
    await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(blob)], force: false });
    const forced = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(blob)], force: true });
    expect(forced).toMatchObject({ blobsStored: 1, recordsFetched: 2, recordsStored: 0 });
    expect(api.count('fetchContent')).toBe(2);
    expect(await ids()).toEqual(['b1-r0', 'b1-r1']);
  });

  it('records a lost blob as a gap and marks it lost in the ledger', async () => {
    const good = testBlob(api, CT, 'good', '2026-11-25T09:00:00.000Z', 1);
    const gone = testBlob(api, CT, 'gone', '2026-11-25T09:01:00.000Z', 1);
    api.fetchFailures.set(gone.contentUri, new FakeApiError('content-lost', 'AF20051'));
    const result = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(good), ref(gone)], force: false });
    expect(result).toMatchObject({ blobsStored: 1, blobsLost: 1, gaps: 1 });
    const gaps = await temp.store.checkpoints.listGaps(TENANT, CT);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ reason: 'content-expired', contentId: 'gone' });
    const lost = await temp.store.checkpoints.listLedger(TENANT, CT, { state: 'lost' });
    expect(lost.map((e) => e.contentId)).toEqual(['gone']);
  });

  it('counts rejected records and stores the good ones', async () => {
    const blob = testBlob(api, CT, 'mixed', '2026-11-25T09:00:00.000Z', 2);
    api.records.set(blob.contentUri, [...api.records.get(blob.contentUri)!, { Id: 'no-time', Operation: 'X' }, 'not a record' as never]);
    const result = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(blob)], force: false });
    expect(result).toMatchObject({ blobsStored: 1, recordsFetched: 4, recordsStored: 2, recordsRejected: 2 });
    const [entry] = await temp.store.checkpoints.listLedger(TENANT, CT);
    expect(entry).toMatchObject({ state: 'stored', recordCount: 4, rejectedCount: 2 });
  });

  it('keeps the blobs stored before a failing one, and the retry skips them', async () => {
    const blobs = [
      testBlob(api, CT, 'a', '2026-11-25T09:00:00.000Z', 1),
      testBlob(api, CT, 'b', '2026-11-25T09:01:00.000Z', 1),
      testBlob(api, CT, 'c', '2026-11-25T09:02:00.000Z', 1),
    ];
    api.fetchFailures.set(blobs[1]!.contentUri, new FakeApiError('transient', 'HTTP503', 503));
    await expect(storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: blobs.map(ref), force: false })).rejects.toThrow(/^non-retryable: .*client's own retries.*HTTP503/);
    const stored = await temp.store.checkpoints.listLedger(TENANT, CT, { state: 'stored' });
    expect(stored.map((e) => e.contentId)).toEqual(['a']);
    expect(await ids()).toEqual(['a-r0']);

    api.fetchFailures.clear();
    const retry = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: blobs.map(ref), force: false });
    expect(retry).toMatchObject({ blobsSkipped: 1, blobsStored: 2 });
    expect(await ids()).toEqual(['a-r0', 'b-r0', 'c-r0']);
  });

  it('fails a fatal API error with a non-retryable message', async () => {
    const blob = testBlob(api, CT, 'x', '2026-11-25T09:00:00.000Z', 1);
    api.fetchFailures.set(blob.contentUri, new FakeApiError('fatal', 'AF10001', 403));
    await expect(storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(blob)], force: false })).rejects.toThrow(/^non-retryable: .*AF10001/);
  });
});
