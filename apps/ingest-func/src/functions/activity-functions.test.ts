// The registered activities (not only their bodies) return failures no retry can help as data,
// so Durable does not attempt them again: invalid settings and fatal API errors.
import { ConfigError } from '@auditflow/config';
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeActivityApi, FakeApiError } from '../../test/fake-activity-api';
import { openTempStore, silentLog, type TempStore } from '../../test/temp-store';
import { createStartAttemptMemory } from '../activities/ensure-subscriptions';
import { FUNCTION_NAMES } from '../function-names';
import type { AppRuntime } from '../runtime/app-runtime';
import { registerActivityFunctions } from './activity-functions';

type Handler = (input: unknown, context: InvocationContext) => Promise<unknown>;

function registered(runtime: () => Promise<AppRuntime>): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  vi.spyOn(df.app, 'activity').mockImplementation((name, options) => {
    handlers.set(name, options.handler as Handler);
    return {} as ReturnType<typeof df.app.activity>;
  });
  registerActivityFunctions(runtime);
  return handlers;
}

const context = silentLog as unknown as InvocationContext;
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
      nonRetryable: expect.stringMatching(/^non-retryable: the app settings are invalid.*AUDITFLOW_TENANT_ID is missing/s),
    });
  });

  it('return a fatal API error as a non-retryable failure, and throw what Durable may retry', async () => {
    temp = openTempStore();
    const api = new FakeActivityApi();
    const runtime = { config: { retentionDays: 90 }, api, store: temp.store, startAttempts: createStartAttemptMemory() } as unknown as AppRuntime;
    const handlers = registered(() => Promise.resolve(runtime));
    api.failures.set('listSubscriptions', [new FakeApiError('fatal', 'AF10001', 403)]);
    await expect(handlers.get(FUNCTION_NAMES.ensureSubscriptions)!(input, context)).resolves.toEqual({
      nonRetryable: expect.stringMatching(/^non-retryable: listing subscriptions failed: .*AF10001/),
    });
    api.failures.set('listSubscriptions', [new Error('socket hang up')]);
    await expect(handlers.get(FUNCTION_NAMES.ensureSubscriptions)!(input, context)).rejects.toThrow(/Durable retries it.*socket hang up/);
  });
});
