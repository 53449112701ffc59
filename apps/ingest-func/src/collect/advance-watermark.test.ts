import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CycleSummary, LedgerEntry, LedgerState } from '@auditflow/ingestion';
import { openTempStore, silentLog, type TempStore } from '../../test/temp-store';
import { advanceWatermark } from './advance-watermark';
import { recordCycle } from './record-cycle';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const CT = 'Audit.General' as const;
const NOW = new Date('2026-11-25T12:00:00.000Z');
const WINDOW = { start: '2026-11-25T08:00:00.000Z', end: '2026-11-25T11:00:00.000Z' };

describe('advanceWatermark', () => {
  let temp: TempStore;
  let deps: { checkpoints: TempStore['store']['checkpoints']; now: () => Date; log: typeof silentLog };

  beforeEach(() => {
    temp = openTempStore();
    deps = { checkpoints: temp.store.checkpoints, now: () => NOW, log: silentLog };
  });
  afterEach(() => temp.dispose());

  const entry = (contentId: string, contentCreated: string, state: LedgerState, contentExpiration = '2026-12-02T00:00:00.000Z'): LedgerEntry => ({
    tenantId: TENANT, contentType: CT, contentId, contentUri: `https://fake.example/${contentId}`, contentCreated, contentExpiration, state, updatedAt: NOW.toISOString(),
  });
  const input = { tenantId: TENANT, contentType: CT, window: WINDOW };

  it('moves to the window end when every listed blob is stored or lost', async () => {
    await temp.store.checkpoints.putLedgerEntries([entry('a', '2026-11-25T09:00:00.000Z', 'stored'), entry('b', '2026-11-25T10:00:00.000Z', 'lost')]);
    const result = await advanceWatermark(deps, input);
    expect(result).toMatchObject({ watermark: WINDOW.end, advanced: true, windowComplete: true });
    expect((await temp.store.checkpoints.getWatermark(TENANT, CT))!.value).toBe(WINDOW.end);
  });

  it('stops at the earliest blob still only listed (no holes)', async () => {
    await temp.store.checkpoints.putLedgerEntries([
      entry('a', '2026-11-25T08:30:00.000Z', 'stored'),
      entry('hole', '2026-11-25T09:15:00.000Z', 'listed'),
      entry('c', '2026-11-25T10:00:00.000Z', 'stored'),
    ]);
    const result = await advanceWatermark(deps, input);
    expect(result).toMatchObject({ watermark: '2026-11-25T09:15:00.000Z', advanced: true, windowComplete: false });
  });

  it('never moves backwards', async () => {
    await temp.store.checkpoints.putWatermark({ tenantId: TENANT, contentType: CT, value: '2026-11-25T10:30:00.000Z', updatedAt: NOW.toISOString() }, null);
    await temp.store.checkpoints.putLedgerEntries([entry('hole', '2026-11-25T09:15:00.000Z', 'listed')]);
    const result = await advanceWatermark(deps, input);
    expect(result).toMatchObject({ watermark: '2026-11-25T10:30:00.000Z', advanced: false, windowComplete: false });
    expect((await temp.store.checkpoints.getWatermark(TENANT, CT))!.value).toBe('2026-11-25T10:30:00.000Z');
  });

  it('records a listed blob that expired unfetched as lost, with a gap, and moves past it', async () => {
    await temp.store.checkpoints.putLedgerEntries([entry('old', '2026-11-25T09:00:00.000Z', 'listed', '2026-11-25T11:59:00.000Z')]);
    const result = await advanceWatermark(deps, input);
    expect(result).toMatchObject({ watermark: WINDOW.end, windowComplete: true, expiredLost: 1 });
    expect((await temp.store.checkpoints.listGaps(TENANT, CT)).map((g) => [g.contentId, g.reason])).toEqual([['old', 'content-expired']]);
    expect((await temp.store.checkpoints.listLedger(TENANT, CT))[0]!.state).toBe('lost');
  });

  it('also records as lost an expired blob still listed below the window (a late or rerun listing that fell out of it)', async () => {
    await temp.store.checkpoints.putLedgerEntries([
      entry('below', '2026-11-25T07:30:00.000Z', 'listed', '2026-11-25T11:00:00.000Z'),
      entry('below-fresh', '2026-11-25T07:40:00.000Z', 'listed'),
    ]);
    const result = await advanceWatermark(deps, input);
    expect(result).toMatchObject({ watermark: WINDOW.end, windowComplete: true, expiredLost: 1 });
    expect((await temp.store.checkpoints.listGaps(TENANT, CT)).map((g) => [g.contentId, g.reason])).toEqual([['below', 'content-expired']]);
    // not expired yet: still fetchable by a rerun, so it stays listed
    expect((await temp.store.checkpoints.listLedger(TENANT, CT)).map((e) => [e.contentId, e.state])).toEqual([
      ['below', 'lost'],
      ['below-fresh', 'listed'],
    ]);
  });

  it('keeps the last cycle summary when it moves, and recordCycle attaches a new one', async () => {
    const summary: CycleSummary = {
      instanceId: 'collect-x', startedAt: NOW.toISOString(), finishedAt: NOW.toISOString(),
      windows: 1, blobsListed: 2, blobsStored: 2, blobsSkipped: 0, recordsStored: 5, recordsRejected: 0, gaps: 0,
    };
    expect(await recordCycle(deps, { tenantId: TENANT, contentType: CT, summary })).toEqual({ recorded: false });
    await advanceWatermark(deps, input);
    expect(await recordCycle(deps, { tenantId: TENANT, contentType: CT, summary })).toEqual({ recorded: true });
    await advanceWatermark(deps, { ...input, window: { start: WINDOW.end, end: '2026-11-25T11:30:00.000Z' } });
    const watermark = await temp.store.checkpoints.getWatermark(TENANT, CT);
    expect(watermark).toMatchObject({ value: '2026-11-25T11:30:00.000Z', lastCycle: summary });
  });
});
