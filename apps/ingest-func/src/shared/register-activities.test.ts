// The registered activities (not only their bodies) return failures no retry can help as data,
// so Durable does not attempt them again: invalid settings and fatal API errors.
import { ConfigError } from '@auditflow/config';
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALL_ACTIVITIES } from '../../test/all-activities';
import { FakeManagementApi, FakeApiError } from '../../test/fake-management-api';
import type { FailureValue } from './activity-failure';
import { openTempStore, silentLog, type TempStore } from '../../test/temp-store';
import { createStartAttemptMemory } from '../collect/ensure-subscriptions';
import { FUNCTION_NAMES } from './function-names';
import type { AppRuntime } from './app-runtime';
import { registerActivities } from './register-activities';

type Handler = (input: unknown, context: InvocationContext) => Promise<unknown>;

function registered(runtime: () => Promise<AppRuntime>): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  vi.spyOn(df.app, 'activity').mockImplementation((name, options) => {
    handlers.set(name, options.handler as Handler);
    return {} as ReturnType<typeof df.app.activity>;
  });
  registerActivities(runtime, ALL_ACTIVITIES);
  return handlers;
}

const context = silentLog as unknown as InvocationContext;
const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const OTHER_TENANT = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

function runtimeFor(api: FakeManagementApi, temp: TempStore): AppRuntime {
  const config = { tenantId: TENANT, contentTypes: ['Audit.Exchange', 'DLP.All'], retentionDays: 90, unreadableMaxAttempts: 5, unreadableMinHours: 1 };
  return { config, api, store: temp.store, startAttempts: createStartAttemptMemory() } as unknown as AppRuntime;
}
const input = { tenantId: '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f', contentTypes: ['Audit.Exchange'] };

describe('registered activities', () => {
  let temp: TempStore | undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    temp?.dispose();
    temp = undefined;
  });

  it('return invalid settings as a non-retryable failure', async () => {
    const handlers = registered(() => Promise.reject(new ConfigError(['AUDITFLOW_TENANT_ID is missing: set it'])));
    await expect(handlers.get(FUNCTION_NAMES.ensureSubscriptions)!(input, context)).resolves.toEqual({
      nonRetryable: { message: expect.stringMatching(/^non-retryable: the app settings are invalid.*AUDITFLOW_TENANT_ID is missing/s), code: 'InvalidConfig', statusCode: 500, category: 'fatal' },
    });
  });

  it('return a fatal API error as a non-retryable failure, and throw what Durable may retry', async () => {
    temp = openTempStore();
    const api = new FakeManagementApi();
    const runtime = runtimeFor(api, temp);
    const handlers = registered(() => Promise.resolve(runtime));
    api.failures.set('listSubscriptions', [new FakeApiError('fatal', 'AF10001', 403)]);
    await expect(handlers.get(FUNCTION_NAMES.ensureSubscriptions)!(input, context)).resolves.toEqual({
      nonRetryable: { message: expect.stringMatching(/^non-retryable: listing subscriptions failed: .*AF10001/), code: 'AF10001', statusCode: 403, category: 'fatal' },
    });
    api.failures.set('listSubscriptions', [new Error('socket hang up')]);
    await expect(handlers.get(FUNCTION_NAMES.ensureSubscriptions)!(input, context)).rejects.toThrow(/Durable retries it.*socket hang up/);
  });

  const window = { start: '2026-11-25T00:00:00.000Z', end: '2026-11-25T01:00:00.000Z' };
  const gap = (tenantId: string, contentType: string) => ({ id: 'gap-x', tenantId, contentType, window, reason: 'content-missing', detail: 'd', recordedAt: window.end });
  it.each([
    ['ensureSubscriptions', 'another tenant', { tenantId: OTHER_TENANT, contentTypes: ['Audit.Exchange'] }, /tenant 0b1c2d3e-.*configured for, 4f7d1c2e-/],
    ['ensureSubscriptions', 'a content type not configured', { tenantId: TENANT, contentTypes: ['Audit.Exchange', 'Audit.SharePoint'] }, /Audit\.SharePoint.*not configured.*Audit\.Exchange, DLP\.All/],
    ['readCheckpoint', 'no tenant at all', {}, /names no tenant/],
    ['readCheckpoint', 'another tenant', { tenantId: OTHER_TENANT, contentType: 'Audit.Exchange' }, /tenant 0b1c2d3e-/],
    ['listContentPage', 'a content type not configured', { tenantId: TENANT, contentType: 'Audit.General', window, force: false }, /Audit\.General.*not configured/],
    ['storeContent', 'another tenant', { tenantId: OTHER_TENANT, contentType: 'Audit.Exchange', blobs: [], force: false }, /tenant 0b1c2d3e-/],
    ['advanceWatermark', 'another tenant', { tenantId: OTHER_TENANT, contentType: 'Audit.Exchange', window }, /tenant 0b1c2d3e-/],
    ['recordGaps', 'a gap of another tenant', { tenantId: TENANT, contentType: 'Audit.Exchange', gaps: [gap(OTHER_TENANT, 'Audit.Exchange')] }, /gaps\[0\].*tenant 0b1c2d3e-/],
    ['recordGaps', 'a gap of another content type', { tenantId: TENANT, contentType: 'Audit.Exchange', gaps: [gap(TENANT, 'DLP.All')] }, /gaps\[0\].*DLP\.All/],
    ['recordCycle', 'another tenant', { tenantId: OTHER_TENANT, contentType: 'Audit.Exchange', summary: {} }, /tenant 0b1c2d3e-/],
  ] as const)('%s refuses %s, non-retryably, before touching the API or the store', async (name, _what, activityInput, message) => {
    temp = openTempStore();
    const api = new FakeManagementApi();
    const handlers = registered(() => Promise.resolve(runtimeFor(api, temp!)));
    const result = await handlers.get(name)!(activityInput, context);
    expect(result).toEqual({ nonRetryable: { message: expect.stringMatching(/^non-retryable: /), code: 'OutOfScope', statusCode: 400, category: 'fatal' } });
    expect((result as FailureValue).nonRetryable.message).toMatch(message);
    expect(api.calls).toEqual([]);
    expect(await temp.store.checkpoints.listGaps(OTHER_TENANT)).toEqual([]);
    expect(await temp.store.checkpoints.listGaps(TENANT)).toEqual([]);
  });
});
