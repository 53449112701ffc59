import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeManagementApi, FakeApiError, testBlob } from '../../test/fake-management-api';
import { openTempStore, silentLog, type TempStore } from '../../test/temp-store';
import type { ActivityDeps } from '../shared/activity-deps';
import { listContentPage } from './list-content-page';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const CT = 'Audit.Exchange' as const;
const NOW = new Date('2026-11-25T12:00:00.000Z');
const WINDOW = { start: '2026-11-25T08:00:00.000Z', end: '2026-11-25T11:00:00.000Z' };

describe('listContentPage', () => {
  let temp: TempStore;
  let api: FakeManagementApi;
  let deps: ActivityDeps;

  beforeEach(() => {
    temp = openTempStore();
    api = new FakeManagementApi();
    deps = { api, events: temp.store.events, checkpoints: temp.store.checkpoints, now: () => NOW, log: silentLog, retentionDays: 90, unreadable: { maxAttempts: 5, minHours: 1 } };
  });
  afterEach(() => temp.dispose());

  const input = (extra: { nextPageUri?: string; force?: boolean } = {}) => ({ tenantId: TENANT, contentType: CT, window: WINDOW, force: false, ...extra });

  it("writes 'listed' ledger entries and returns only blobs not yet stored or lost", async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((id, i) => testBlob(api, CT, id, `2026-11-25T09:0${i}:00.000Z`));
    api.pages.set(CT, [[a!, b!, c!, a!]]);
    await temp.store.checkpoints.putLedgerEntries([
      { tenantId: TENANT, ...a!, state: 'stored', updatedAt: NOW.toISOString() },
      { tenantId: TENANT, ...b!, state: 'lost', updatedAt: NOW.toISOString() },
    ]);
    const page = await listContentPage(deps, input());
    expect(page.toFetch.map((r) => r.contentId)).toEqual(['c']);
    expect(page).toMatchObject({ blobsListed: 3, blobsSkipped: 2 });
    // Ids and URIs only through the orchestration history: the ledger holds the times.
    expect(page.toFetch).toEqual([{ contentId: 'c', contentUri: c!.contentUri }]);
    expect(page.nextPageUri).toBeUndefined();
    const ledger = await temp.store.checkpoints.listLedger(TENANT, CT);
    // first sightings are recorded; known blobs keep their state
    expect(ledger.map((e) => [e.contentId, e.state])).toEqual([
      ['a', 'stored'],
      ['b', 'lost'],
      ['c', 'listed'],
    ]);
  });

  it('returns every listed blob when forced (rerun) without changing known states', async () => {
    const a = testBlob(api, CT, 'a', '2026-11-25T09:00:00.000Z');
    api.pages.set(CT, [[a]]);
    await temp.store.checkpoints.putLedgerEntries([{ tenantId: TENANT, ...a, state: 'stored', updatedAt: NOW.toISOString() }]);
    const page = await listContentPage(deps, input({ force: true }));
    expect(page.toFetch.map((r) => r.contentId)).toEqual(['a']);
    expect((await temp.store.checkpoints.listLedger(TENANT, CT))[0]!.state).toBe('stored');
  });

  it('follows the next page link', async () => {
    api.pages.set(CT, [[testBlob(api, CT, 'p1', '2026-11-25T09:00:00.000Z')], [testBlob(api, CT, 'p2', '2026-11-25T09:30:00.000Z')]]);
    const first = await listContentPage(deps, input());
    expect(first.nextPageUri).toBe('page:1');
    const second = await listContentPage(deps, input({ nextPageUri: first.nextPageUri! }));
    expect(second.toFetch.map((r) => r.contentId)).toEqual(['p2']);
    expect(api.calls.filter((c) => c.op === 'listContentPage').map((c) => c.arg)).toEqual([
      { contentType: CT, startTime: WINDOW.start, endTime: WINDOW.end },
      { contentType: CT, nextPageUri: 'page:1' },
    ]);
  });

  it('starts a missing subscription (AF20022) and lists again once', async () => {
    api.pages.set(CT, [[testBlob(api, CT, 'a', '2026-11-25T09:00:00.000Z')]]);
    api.failures.set('listContentPage', [new FakeApiError('resubscribe', 'AF20022')]);
    const page = await listContentPage(deps, input());
    expect(page.toFetch).toHaveLength(1);
    expect(api.count('startSubscription')).toBe(1);
    expect(api.count('listContentPage')).toBe(2);
  });

  it('fails when the subscription is still missing after starting it', async () => {
    api.failures.set('listContentPage', [new FakeApiError('resubscribe', 'AF20022'), new FakeApiError('resubscribe', 'AF20022')]);
    await expect(listContentPage(deps, input())).rejects.toThrow(/AF20022/);
    expect(api.count('startSubscription')).toBe(1);
  });

  it('lists the window again from its first page when the next page is refused (AF20031)', async () => {
    api.pages.set(CT, [[testBlob(api, CT, 'p1', '2026-11-25T09:00:00.000Z')], [testBlob(api, CT, 'p2', '2026-11-25T09:30:00.000Z')]]);
    api.failures.set('listContentPage', [new FakeApiError('window', 'AF20031')]);
    const page = await listContentPage(deps, input({ nextPageUri: 'page:1' }));
    expect(page.relisted).toBe(true);
    expect(page.toFetch.map((r) => r.contentId)).toEqual(['p1']);
    expect(api.calls.at(-1)!.arg).toEqual({ contentType: CT, startTime: WINDOW.start, endTime: WINDOW.end });
  });

  it('fails as non-retryable when the window is refused again from its first page', async () => {
    api.failures.set('listContentPage', [new FakeApiError('window', 'AF20031'), new FakeApiError('window', 'AF20055')]);
    await expect(listContentPage(deps, input({ nextPageUri: 'page:1' }))).rejects.toThrow(/^non-retryable: listing Audit.Exchange .*AF20055/);
    expect(api.count('listContentPage')).toBe(2);
  });

  it('reports a disabled subscription (AF20023) instead of failing', async () => {
    api.failures.set('listContentPage', [new FakeApiError('disabled', 'AF20023')]);
    const page = await listContentPage(deps, input());
    expect(page.disabled).toMatch(/AF20023/);
    expect(page.toFetch).toEqual([]);
  });

  it('fails fatal errors as non-retryable', async () => {
    api.failures.set('listContentPage', [new FakeApiError('fatal', 'AF20010')]);
    await expect(listContentPage(deps, input())).rejects.toThrow(/^non-retryable: listing Audit.Exchange .*AF20010/);
  });
});
