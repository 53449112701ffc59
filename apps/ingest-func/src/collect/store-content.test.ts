import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentBlob } from '@auditflow/ingestion';
import { FakeManagementApi, FakeApiError, testBlob, withoutStatus } from '../../test/fake-management-api';
import { openTempStore, silentLog, type TempStore } from '../../test/temp-store';
import type { ActivityDeps, BlobRef } from '../shared/activity-deps';
import { storeContent } from './store-content';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const CT = 'Audit.SharePoint' as const;
const NOW = new Date('2026-11-25T12:00:00.000Z');

describe('storeContent', () => {
  let temp: TempStore;
  let api: FakeManagementApi;
  let deps: ActivityDeps;
  let clock: Date;

  beforeEach(() => {
    temp = openTempStore();
    api = new FakeManagementApi();
    clock = NOW;
    deps = {
      api,
      events: temp.store.events,
      checkpoints: temp.store.checkpoints,
      now: () => clock,
      log: silentLog,
      retentionDays: 90,
      unreadable: { maxAttempts: 3, minHours: 1 },
    };
  });
  afterEach(() => temp.dispose());

  const ref = (b: ContentBlob): BlobRef => ({ contentId: b.contentId, contentUri: b.contentUri });
  /** What listContentPage does before it hands blobs out: a 'listed' ledger entry with the blob's times. */
  const listed = async (blobs: ContentBlob[]) =>
    temp.store.checkpoints.putLedgerEntries(blobs.map((b) => ({ ...b, tenantId: TENANT, contentType: CT, state: 'listed' as const, updatedAt: NOW.toISOString() })));
  const ids = async () => {
    const out: string[] = [];
    for await (const id of temp.store.events.listEventIds(TENANT, CT)) out.push(id);
    return out.sort();
  };

  it('stores every record once and marks the blobs stored, even when run twice', async () => {
    const blobs = [testBlob(api, CT, 'b1', '2026-11-25T09:00:00.000Z', 3), testBlob(api, CT, 'b2', '2026-11-25T09:05:00.000Z', 2)];
    await listed(blobs);
    const first = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: blobs.map(ref), force: false });
    expect(first).toMatchObject({ blobsStored: 2, recordsStored: 5, recordsRejected: 0, blobsSettledEarlier: 0 });
    const second = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: blobs.map(ref), force: false });
    expect(second).toMatchObject({ blobsStored: 0, blobsSettledEarlier: 2, recordsStored: 0 });
    expect(await ids()).toEqual(['b1-r0', 'b1-r1', 'b1-r2', 'b2-r0', 'b2-r1']);
    const ledger = await temp.store.checkpoints.listLedger(TENANT, CT);
    expect(ledger.map((e) => [e.contentId, e.state, e.recordCount])).toEqual([
      ['b1', 'stored', 3],
      ['b2', 'stored', 2],
    ]);
  });

  it('fetches again when forced and still stores each record once', async () => {
    const blob = testBlob(api, CT, 'b1', '2026-11-25T09:00:00.000Z', 2);
    await listed([blob]);
    await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(blob)], force: false });
    const forced = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(blob)], force: true });
    expect(forced).toMatchObject({ blobsStored: 1, recordsFetched: 2, recordsStored: 0 });
    expect(api.count('fetchContent')).toBe(2);
    expect(await ids()).toEqual(['b1-r0', 'b1-r1']);
  });

  it('records a lost blob as a gap and marks it lost in the ledger', async () => {
    const good = testBlob(api, CT, 'good', '2026-11-25T09:00:00.000Z', 1);
    const gone = testBlob(api, CT, 'gone', '2026-11-25T09:01:00.000Z', 1);
    await listed([good, gone]);
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
    await listed([blob]);
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
    await listed(blobs);
    api.fetchFailures.set(blobs[1]!.contentUri, new FakeApiError('transient', 'HTTP503', 503));
    await expect(storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: blobs.map(ref), force: false })).rejects.toThrow(/^non-retryable: .*client's own retries.*HTTP503/);
    const stored = await temp.store.checkpoints.listLedger(TENANT, CT, { state: 'stored' });
    expect(stored.map((e) => e.contentId)).toEqual(['a']);
    expect(await ids()).toEqual(['a-r0']);

    api.fetchFailures.clear();
    const retry = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: blobs.map(ref), force: false });
    expect(retry).toMatchObject({ blobsSettledEarlier: 1, blobsStored: 2 });
    expect(await ids()).toEqual(['a-r0', 'b-r0', 'c-r0']);
  });

  it('refuses, non-retryably and fetching nothing, a blob never listed or one whose URI is not the listed one', async () => {
    const known = testBlob(api, CT, 'known', '2026-11-25T09:00:00.000Z', 1);
    const stranger = testBlob(api, CT, 'stranger', '2026-11-25T09:01:00.000Z', 1);
    await listed([known]);
    await expect(storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(known), ref(stranger)], force: false })).rejects.toThrow(
      /^non-retryable: storeContent refused .*stranger.*never listed/,
    );
    await expect(storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [{ contentId: 'known', contentUri: 'https://elsewhere.example/blob' }], force: true })).rejects.toThrow(
      /^non-retryable: storeContent refused .*known.*not the URI it was listed with/,
    );
    expect(api.count('fetchContent')).toBe(0);
    expect(await ids()).toEqual([]);
  });

  it('fails a fatal API error with a non-retryable message', async () => {
    const blob = testBlob(api, CT, 'x', '2026-11-25T09:00:00.000Z', 1);
    await listed([blob]);
    api.fetchFailures.set(blob.contentUri, new FakeApiError('fatal', 'AF10001', 403));
    await expect(storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(blob)], force: false })).rejects.toThrow(/^non-retryable: .*AF10001/);
  });

  // Issue 8 item 4: a blob that never reads is counted, then quarantined; the batch goes on.
  const entry = async (id: string) => (await temp.store.checkpoints.getLedgerEntries(TENANT, CT, [id])).get(id);
  const unreadableErrors = [
    ['a body that is not JSON', new FakeApiError('transient', 'InvalidJson', 200)],
    ['a body cut off or not gzip', withoutStatus(new FakeApiError('transient', 'ConnectionError'))],
    ['a body that trickles past the timeout', withoutStatus(new FakeApiError('transient', 'RequestTimeout'))],
    ['a redirect to another origin', new FakeApiError('fatal', 'UntrustedRedirect', 302)],
    ['a redirect loop', new FakeApiError('fatal', 'TooManyRedirects', 302)],
  ] as const;

  it.each(unreadableErrors)('counts %s as a failed read, stores the other blobs, and does not fail the batch', async (_what, error) => {
    const blobs = [testBlob(api, CT, 'a', '2026-11-25T09:00:00.000Z', 1), testBlob(api, CT, 'bad', '2026-11-25T09:01:00.000Z', 1), testBlob(api, CT, 'c', '2026-11-25T09:02:00.000Z', 1)];
    await listed(blobs);
    api.fetchFailures.set(blobs[1]!.contentUri, error);
    const result = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: blobs.map(ref), force: false });
    expect(result).toMatchObject({ blobsStored: 2, blobsUnreadable: 1, blobsQuarantined: 0, gaps: 0 });
    expect(await ids()).toEqual(['a-r0', 'c-r0']);
    expect(await entry('bad')).toMatchObject({ state: 'listed', readFailures: { attempts: 1, firstFailedAt: NOW.toISOString(), lastError: expect.stringContaining(error.code) } });
  });

  it('quarantines a blob after maxAttempts failed reads over minHours: a content-unreadable gap names it and its last error', async () => {
    const blobs = [testBlob(api, CT, 'good', '2026-11-25T09:00:00.000Z', 1), testBlob(api, CT, 'bad', '2026-11-25T09:01:00.000Z', 1)];
    await listed(blobs);
    api.fetchFailures.set(blobs[1]!.contentUri, new FakeApiError('transient', 'InvalidJson', 200));
    const run = () => storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(blobs[1]!)], force: false });
    await run(); // attempt 1 at 12:00
    clock = new Date(NOW.getTime() + 30 * 60_000);
    await run(); // attempt 2 at 12:30
    clock = new Date(NOW.getTime() + 45 * 60_000);
    expect(await run()).toMatchObject({ blobsUnreadable: 1, blobsQuarantined: 0 }); // 3 attempts, but only 45 min
    expect(await temp.store.checkpoints.listGaps(TENANT, CT)).toEqual([]);
    clock = new Date(NOW.getTime() + 60 * 60_000);
    expect(await run()).toMatchObject({ blobsUnreadable: 0, blobsQuarantined: 1, gaps: 1 });
    expect(await entry('bad')).toMatchObject({ state: 'quarantined', readFailures: { attempts: 4, firstFailedAt: NOW.toISOString(), lastFailedAt: clock.toISOString() } });
    const [gap] = await temp.store.checkpoints.listGaps(TENANT, CT);
    expect(gap).toMatchObject({ reason: 'content-unreadable', contentId: 'bad', window: { start: blobs[1]!.contentCreated } });
    expect(gap!.detail).toMatch(/blob bad: .*4 failed reads .*InvalidJson.*rerun/);
    // Quarantined: a collection no longer fetches it.
    expect(await run()).toMatchObject({ blobsSettledEarlier: 1, blobsUnreadable: 0 });
    expect(api.count('fetchContent')).toBe(4);
  });

  it('a rerun (force) of a quarantined blob that reads again stores it and forgets its failures', async () => {
    const blob = testBlob(api, CT, 'q', '2026-11-25T09:00:00.000Z', 2);
    await temp.store.checkpoints.putLedgerEntries([
      { ...blob, tenantId: TENANT, contentType: CT, state: 'quarantined', readFailures: { attempts: 5, firstFailedAt: NOW.toISOString(), lastFailedAt: NOW.toISOString(), lastError: 'x' }, updatedAt: NOW.toISOString() },
    ]);
    expect(await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(blob)], force: false })).toMatchObject({ blobsStored: 0, blobsSettledEarlier: 1 });
    expect(await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(blob)], force: true })).toMatchObject({ blobsStored: 1, recordsStored: 2 });
    const stored = await entry('q');
    expect(stored).toMatchObject({ state: 'stored', recordCount: 2 });
    expect(stored?.readFailures).toBeUndefined();
  });

  it.each([
    ['a missing permission', new FakeApiError('fatal', 'AF10001', 403)],
    ['a refused token', new FakeApiError('fatal', 'HTTP401', 401)],
    ['a credential that cannot sign in', new FakeApiError('fatal', 'AuthenticationFailed', 400)],
    ['the API unavailable', new FakeApiError('transient', 'HTTP503', 503)],
    ['throttling the client gave up on', new FakeApiError('throttled', 'AF429', 429)],
  ])('never counts %s against the blob: the batch fails and nothing is quarantined', async (_what, error) => {
    const blob = testBlob(api, CT, 'x', '2026-11-25T09:00:00.000Z', 1);
    await listed([blob]);
    api.fetchFailures.set(blob.contentUri, error);
    for (let i = 0; i < 5; i += 1) {
      clock = new Date(NOW.getTime() + i * 3_600_000);
      await expect(storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [ref(blob)], force: false })).rejects.toThrow(/^non-retryable: /);
    }
    expect(await entry('x')).toMatchObject({ state: 'listed' });
    expect((await entry('x'))?.readFailures).toBeUndefined();
    expect(await temp.store.checkpoints.listGaps(TENANT, CT)).toEqual([]);
  });

  it('writes every document of the batch in ONE upsertEvents call, before the ledger marks the blobs stored', async () => {
    const blobs = [testBlob(api, CT, 'a', '2026-11-25T09:00:00.000Z', 2), testBlob(api, CT, 'b', '2026-11-25T09:01:00.000Z', 3), testBlob(api, CT, 'c', '2026-11-25T09:02:00.000Z', 1)];
    await listed(blobs);
    const order: string[] = [];
    const events = temp.store.events;
    const checkpoints = temp.store.checkpoints;
    const spied: ActivityDeps = {
      ...deps,
      events: Object.assign(Object.create(events) as typeof events, {
        upsertEvents: async (docs: Parameters<typeof events.upsertEvents>[0]) => {
          order.push(`upsert:${docs.length}`);
          return events.upsertEvents(docs);
        },
      }),
      checkpoints: Object.assign(Object.create(checkpoints) as typeof checkpoints, {
        putLedgerEntries: async (entries: Parameters<typeof checkpoints.putLedgerEntries>[0]) => {
          order.push(`ledger:${entries.map((e) => `${e.contentId}=${e.state}`).join(',')}`);
          return checkpoints.putLedgerEntries(entries);
        },
      }),
    };
    expect(await storeContent(spied, { tenantId: TENANT, contentType: CT, blobs: blobs.map(ref), force: false })).toMatchObject({ blobsStored: 3, recordsStored: 6 });
    expect(order).toEqual(['upsert:6', 'ledger:a=stored,b=stored,c=stored']);
  });
});
