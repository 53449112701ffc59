// Issue 8 item 5 through the real orchestrators and activities: a tenant whose subscription start
// guard is tenant-wide refuses every start within 3 s of the previous one with "retry again after
// 3s". The collect cycle waits for each hint with a durable timer and starts again, so all five
// content types are subscribed and collected in the FIRST run.
import { CONFIG_CONTENT_TYPES, loadConfig } from '@auditflow/config';
import type { ContentType } from '@auditflow/ingestion';
import { describe, expect, it, vi } from 'vitest';
import { FakeManagementApi, FakeApiError, testBlob } from '../../test/fake-management-api';
import { appRunner } from '../../test/run-app';
import { tempStoreOnFakeClock } from '../../test/temp-store';
import { createStartAttemptMemory } from './ensure-subscriptions';
import { collectInstanceId, FUNCTION_NAMES } from '../shared/function-names';
import type { CollectOutput } from './orchestration-input';
import type { AppRuntime } from '../shared/app-runtime';
import { collectSettingsFrom } from './collect-settings';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const T0 = Date.parse('2026-11-25T12:00:00.000Z');

class TenantWideGuardApi extends FakeManagementApi {
  private lastStartInMs: number | undefined;
  override async startSubscription(contentType: ContentType) {
    const now = Date.now();
    if (this.lastStartInMs !== undefined && now - this.lastStartInMs < 3_000) {
      this.calls.push({ op: 'startSubscription', arg: contentType });
      throw new FakeApiError('throttled', 'AF429', 403, 3_000 - (now - this.lastStartInMs));
    }
    this.lastStartInMs = now;
    return super.startSubscription(contentType);
  }
}

describe('a tenant-wide subscription start guard with short hints', () => {
  const tempStore = tempStoreOnFakeClock(T0);

  it('subscribes and collects all five content types in the first run, waiting with durable timers', async () => {
    const temp = tempStore();
    const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_FIRST_RUN_LOOKBACK_HOURS: '2' });
    expect(config.contentTypes).toEqual([...CONFIG_CONTENT_TYPES]);
    const api = new TenantWideGuardApi();
    for (const ct of config.contentTypes) api.pages.set(ct, [[testBlob(api, ct, `${ct}-1`, new Date(T0 - 3_600_000).toISOString(), 2)]]);
    const runtime = { config, api, store: temp.store, startAttempts: createStartAttemptMemory() } as unknown as AppRuntime;
    const app = appRunner(runtime, (d) => vi.setSystemTime(d));
    const output = (await app.run(FUNCTION_NAMES.collectOrchestrator, { settings: collectSettingsFrom(config) }, collectInstanceId(TENANT))) as CollectOutput;
    expect(output.subscriptions?.map((s) => s.state)).toEqual(['started', 'started', 'started', 'started', 'started']);
    expect(output.contentTypes.map((o) => o.outcome)).toEqual(['collected', 'collected', 'collected', 'collected', 'collected']);
    expect(output.notCollecting).toEqual([]);
    expect(app.timers).toHaveLength(4);
    expect(app.timers.at(-1)!.getTime() - T0).toBeLessThan(60_000);
    expect(await temp.store.events.countEvents({ tenantId: TENANT })).toBe(10);
  });
});
