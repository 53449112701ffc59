// Issue 8 item 4, through the real orchestrators and registered activities on a real SQLite
// store: one blob among 100 never reads. The other 99 and every later window are stored, the
// blob becomes a content-unreadable gap after AUDITFLOW_UNREADABLE_MAX_ATTEMPTS failed reads over
// AUDITFLOW_UNREADABLE_MIN_HOURS, the watermark passes it, and a rerun after it is fixed stores it.
import { loadConfig } from '@auditflow/config';
import type { ContentBlob } from '@auditflow/ingestion';
import { describe, expect, it, vi } from 'vitest';
import { FakeManagementApi, FakeApiError, testBlob } from '../../test/fake-management-api';
import { appRunner } from '../../test/run-app';
import { tempStoreOnFakeClock } from '../../test/temp-store';
import { createStartAttemptMemory } from './ensure-subscriptions';
import { collectInstanceId, FUNCTION_NAMES, rerunInstanceId } from '../shared/function-names';
import type { CollectOutput } from './orchestration-input';
import type { AppRuntime } from '../shared/app-runtime';
import { collectSettingsFrom } from './collect-settings';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const CT = 'Audit.Exchange' as const;
const T0 = Date.parse('2026-11-25T12:00:00.000Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);

describe('one unreadable blob among 100', () => {
  const tempStore = tempStoreOnFakeClock(T0);

  it('stores the other 99 and every later window, quarantines it as a gap, and a rerun after the fix stores it', async () => {
    const temp = tempStore();
    const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_CONTENT_TYPES: CT, AUDITFLOW_FIRST_RUN_LOOKBACK_HOURS: '24' });
    expect([config.unreadableMaxAttempts, config.unreadableMinHours]).toEqual([5, 1]);
    const api = new FakeManagementApi();
    api.subscriptions = [{ contentType: CT, status: 'enabled' }];
    api.windowPageSize = 30;
    const blobs: ContentBlob[] = Array.from({ length: 100 }, (_, i) => testBlob(api, CT, `b${String(i).padStart(3, '0')}`, at(-300 + i).toISOString(), 2));
    api.pages.set(CT, [blobs]);
    const bad = blobs[37]!;
    api.fetchFailures.set(bad.contentUri, new FakeApiError('transient', 'InvalidJson', 200));
    const runtime = { config, api, store: temp.store, startAttempts: createStartAttemptMemory() } as unknown as AppRuntime;
    const app = appRunner(runtime, (d) => vi.setSystemTime(d));
    const storedIds = async () => {
      const out: string[] = [];
      for await (const id of temp.store.events.listEventIds(TENANT, CT)) out.push(id);
      return new Set(out);
    };
    const cycle = () => app.run(FUNCTION_NAMES.collectOrchestrator, { settings: collectSettingsFrom(config) }, collectInstanceId(TENANT)) as Promise<CollectOutput>;

    // Cycles every 15 minutes; a new blob is published before each one.
    const later: ContentBlob[] = [];
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      vi.setSystemTime(at(i * 15));
      const blob = testBlob(api, CT, `later${i}`, at(i * 15 - 10).toISOString(), 1);
      later.push(blob);
      api.pages.set(CT, [[...blobs, ...later]]);
      const output = await cycle();
      outcomes.push(output.contentTypes[0]!.outcome);
      const ids = await storedIds();
      // Every blob but the bad one is stored in every cycle, the later ones included.
      for (const b of [...blobs, ...later]) {
        if (b !== bad) expect(ids.has(`${b.contentId}-r0`), `${b.contentId} after cycle ${i}`).toBe(true);
      }
      expect(ids.has(`${bad.contentId}-r0`)).toBe(false);
    }
    // Attempts at 0, 15, 30, 45: held; at 60 the 5th failed read over 1 h quarantines it.
    expect(outcomes).toEqual(['incomplete', 'incomplete', 'incomplete', 'incomplete', 'collected', 'collected']);
    const [gap] = await temp.store.checkpoints.listGaps(TENANT, CT);
    expect(gap).toMatchObject({ reason: 'content-unreadable', contentId: bad.contentId });
    expect(gap!.detail).toMatch(/5 failed reads .*InvalidJson/);
    expect((await temp.store.checkpoints.getLedgerEntries(TENANT, CT, [bad.contentId])).get(bad.contentId)).toMatchObject({ state: 'quarantined', readFailures: { attempts: 5 } });
    // The watermark passed it: it is past the last published blob.
    const watermark = await temp.store.checkpoints.getWatermark(TENANT, CT);
    expect(Date.parse(watermark!.value)).toBeGreaterThan(Date.parse(later.at(-1)!.contentCreated));
    // Later cycles do not fetch it again.
    const fetchesOfBad = () => api.calls.filter((c) => c.op === 'fetchContent' && c.arg === bad.contentUri).length;
    expect(fetchesOfBad()).toBe(5);

    // Fixed: a rerun of its window stores it.
    api.fetchFailures.clear();
    const window = { start: at(-360).toISOString(), end: at(60).toISOString() };
    const rerun = (await app.run(
      FUNCTION_NAMES.rerunOrchestrator,
      { settings: collectSettingsFrom(config), contentTypes: [CT], window },
      rerunInstanceId(TENANT, window.start, window.end),
    )) as CollectOutput;
    expect(rerun.contentTypes[0]!.outcome).toBe('collected');
    expect((await storedIds()).has(`${bad.contentId}-r0`)).toBe(true);
    expect((await temp.store.checkpoints.getLedgerEntries(TENANT, CT, [bad.contentId])).get(bad.contentId)).toMatchObject({ state: 'stored' });
  });
});
