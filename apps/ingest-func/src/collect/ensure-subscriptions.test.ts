import { beforeEach, describe, expect, it } from 'vitest';
import { FakeManagementApi, FakeApiError } from '../../test/fake-management-api';
import { silentLog } from '../../test/temp-store';
import { createStartAttemptMemory, ensureSubscriptions, SUBSCRIPTION_START_GUARD_IN_MS, type StartAttemptMemory } from './ensure-subscriptions';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const ALL = ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint'] as const;

describe('ensureSubscriptions', () => {
  let api: FakeManagementApi;
  let now: Date;
  let startAttempts: StartAttemptMemory;
  const deps = () => ({ api, now: () => now, log: silentLog, startAttempts });

  beforeEach(() => {
    api = new FakeManagementApi();
    now = new Date('2026-11-25T12:00:00.000Z');
    startAttempts = createStartAttemptMemory();
  });

  it('starts only the missing subscriptions and reports a disabled one without restarting it', async () => {
    api.subscriptions = [
      { contentType: 'Audit.AzureActiveDirectory', status: 'enabled' },
      { contentType: 'Audit.Exchange', status: 'disabled' },
    ];
    const { subscriptions } = await ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ALL });
    expect(subscriptions.map((s) => [s.contentType, s.state])).toEqual([
      ['Audit.AzureActiveDirectory', 'enabled'],
      ['Audit.Exchange', 'disabled'],
      ['Audit.SharePoint', 'started'],
    ]);
    expect(api.calls.filter((c) => c.op === 'startSubscription').map((c) => c.arg)).toEqual(['Audit.SharePoint']);
  });

  it('never attempts a start more often than the 15-minute guard', async () => {
    api.failures.set('startSubscription', [new FakeApiError('throttled', '429', 403)]);
    const first = await ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ['Audit.SharePoint'] });
    expect(first.subscriptions[0]!.state).toBe('start-deferred');
    now = new Date(now.getTime() + SUBSCRIPTION_START_GUARD_IN_MS - 1000);
    const second = await ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ['Audit.SharePoint'] });
    expect(second.subscriptions[0]).toMatchObject({ state: 'start-deferred', detail: expect.stringMatching(/15 min/) });
    expect(api.count('startSubscription')).toBe(1);
    now = new Date(now.getTime() + 2000);
    const third = await ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ['Audit.SharePoint'] });
    expect(third.subscriptions[0]!.state).toBe('started');
    expect(api.count('startSubscription')).toBe(2);
  });

  it('reports AF20023 on start as disabled and a fatal start as start-failed', async () => {
    api.failures.set('startSubscription', [new FakeApiError('disabled', 'AF20023'), new FakeApiError('fatal', 'AF10001', 401)]);
    const { subscriptions } = await ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ['Audit.Exchange', 'Audit.SharePoint'] });
    expect(subscriptions.map((s) => s.state)).toEqual(['disabled', 'start-failed']);
    expect(subscriptions[1]!.detail).toMatch(/AF10001/);
  });

  it('fails the activity when the subscriptions cannot be listed', async () => {
    api.failures.set('listSubscriptions', [new FakeApiError('fatal', 'AF20010', 403)]);
    await expect(ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ALL })).rejects.toThrow(/^non-retryable: listing subscriptions/);
  });

  it('retries a start refused as too frequent exactly when the API said, not after 15 minutes', async () => {
    api.failures.set('startSubscription', [new FakeApiError('throttled', 'AF429', 403, 3_000)]);
    const first = await ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ['Audit.SharePoint'] });
    expect(first.subscriptions[0]).toMatchObject({ state: 'start-deferred', retryAfterInMs: 3_000 });
    now = new Date(now.getTime() + 2_000);
    const early = await ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ['Audit.SharePoint'] });
    expect(early.subscriptions[0]).toMatchObject({ state: 'start-deferred', retryAfterInMs: 1_000 });
    expect(api.count('startSubscription')).toBe(1);
    now = new Date(now.getTime() + 1_000);
    const due = await ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ['Audit.SharePoint'] });
    expect(due.subscriptions[0]!.state).toBe('started');
    expect(api.count('startSubscription')).toBe(2);
  });

  it('holds a content type back as long as a long hint says, and no longer', async () => {
    api.failures.set('startSubscription', [new FakeApiError('throttled', '429', 403, 20 * 60_000)]);
    await ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ['Audit.SharePoint'] });
    now = new Date(now.getTime() + 20 * 60_000 - 1);
    const held = await ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ['Audit.SharePoint'] });
    expect(held.subscriptions[0]).toMatchObject({ state: 'start-deferred', retryAfterInMs: 1, detail: expect.stringMatching(/too frequent.*2026-11-25T12:20:00\.000Z/) });
    now = new Date(now.getTime() + 1);
    expect((await ensureSubscriptions(deps(), { tenantId: TENANT, contentTypes: ['Audit.SharePoint'] })).subscriptions[0]!.state).toBe('started');
  });
});
