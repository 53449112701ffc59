import { describe, expect, it } from 'vitest';
import type { ContentType, CycleSummary, Gap, Watermark } from '@auditflow/ingestion';
import type { CollectionHealth } from '../investigate/collection-health';
import { buildStatusReport, LATEST_GAPS } from './status-report';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const NOW = new Date('2026-11-25T12:00:00.000Z');
const CYCLE: CycleSummary = {
  instanceId: `collect-${TENANT}`, startedAt: '2026-11-25T11:55:00.000Z', finishedAt: '2026-11-25T11:56:00.000Z',
  windows: 1, blobsListed: 10, blobsStored: 9, blobsSkipped: 1, recordsStored: 120, recordsRejected: 2, gaps: 0,
};
const gap = (i: number, contentType: ContentType = 'Audit.Exchange'): Gap => ({
  id: `gap-${i}`, tenantId: TENANT, contentType, window: { start: '2026-11-20T00:00:00.000Z', end: '2026-11-20T00:00:00.001Z' },
  reason: 'content-expired', detail: `blob c${i}: expired`, contentId: `c${i}`, recordedAt: new Date(NOW.getTime() - (20 - i) * 60_000).toISOString(),
});

const HEALTH: CollectionHealth = { tenantId: TENANT, checkedAt: NOW.toISOString(), behindHours: 6, verdict: 'ok', contentTypes: [] };

describe('buildStatusReport', () => {
  const watermark: Watermark = { tenantId: TENANT, contentType: 'Audit.Exchange', value: '2026-11-25T11:50:00.000Z', updatedAt: NOW.toISOString(), lastCycle: CYCLE, etag: 'e1' };
  const gaps = Array.from({ length: 12 }, (_, i) => gap(i));

  it('reports watermark, freshness, last cycle, open gaps and subscription per content type', () => {
    const report = buildStatusReport({
      tenantId: TENANT,
      now: NOW,
      instanceId: `collect-${TENANT}`,
      contentTypes: ['Audit.Exchange', 'DLP.All'],
      watermarks: new Map([['Audit.Exchange', watermark], ['DLP.All', undefined]]),
      gaps: new Map([['Audit.Exchange', gaps]]),
      health: HEALTH,
      orchestration: {
        runtimeStatus: 'Completed',
        customStatus: null,
        output: { subscriptions: [{ contentType: 'Audit.Exchange', state: 'enabled' }, { contentType: 'DLP.All', state: 'disabled', detail: 'by an admin' }] },
        lastUpdatedTime: '2026-11-25T11:56:00.000Z',
      },
    });
    expect(report.tenantId).toBe(TENANT);
    expect(report.now).toBe(NOW.toISOString());
    const [exchange, dlp] = report.contentTypes;
    expect(exchange).toMatchObject({ contentType: 'Audit.Exchange', watermark: watermark.value, freshnessInSeconds: 600, lastCycle: CYCLE, subscription: { state: 'enabled' } });
    expect(exchange!.openGaps.count).toBe(12);
    expect(exchange!.openGaps.latest).toHaveLength(LATEST_GAPS);
    expect(exchange!.openGaps.latest[0]!.id).toBe('gap-11');
    expect(dlp).toMatchObject({ watermark: null, freshnessInSeconds: null, lastCycle: null, openGaps: { count: 0, latest: [] }, subscription: { state: 'disabled', detail: 'by an admin' } });
    expect(report.orchestration).toEqual({ instanceId: `collect-${TENANT}`, runtimeStatus: 'Completed', lastUpdatedTime: '2026-11-25T11:56:00.000Z' });
    expect(JSON.stringify(report)).not.toContain('etag');
  });

  it('prefers the running cycle\'s custom status, and says NotStarted before any cycle', () => {
    const base = { tenantId: TENANT, now: NOW, instanceId: 'x', contentTypes: ['Audit.Exchange'] as ContentType[], watermarks: new Map(), gaps: new Map(), health: HEALTH };
    const running = buildStatusReport({
      ...base,
      orchestration: { runtimeStatus: 'Running', customStatus: { subscriptions: [{ contentType: 'Audit.Exchange', state: 'started' }] }, output: null },
    });
    expect(running.contentTypes[0]!.subscription).toEqual({ state: 'started' });
    const never = buildStatusReport({ ...base, orchestration: undefined });
    expect(never.orchestration.runtimeStatus).toBe('NotStarted');
    expect(never.contentTypes[0]!.subscription).toBeNull();
  });

  it('reports a collection running longer than stuckAfterMinutes as stuck, with what to do', () => {
    const base = { tenantId: TENANT, now: NOW, instanceId: `collect-${TENANT}`, contentTypes: ['Audit.Exchange'] as ContentType[], watermarks: new Map(), gaps: new Map(), health: HEALTH, stuckAfterMinutes: 120 };
    const createdTime = new Date(NOW.getTime() - 150 * 60_000).toISOString();
    const stuck = buildStatusReport({ ...base, orchestration: { runtimeStatus: 'Running', createdTime } });
    expect(stuck.orchestration).toMatchObject({ runtimeStatus: 'Running', createdTime, stuck: { runningForMinutes: 150, stuckAfterMinutes: 120, action: expect.stringMatching(/terminate/) } });
    const fine = buildStatusReport({ ...base, orchestration: { runtimeStatus: 'Running', createdTime: new Date(NOW.getTime() - 30 * 60_000).toISOString() } });
    expect(fine.orchestration.stuck).toBeUndefined();
    const done = buildStatusReport({ ...base, orchestration: { runtimeStatus: 'Completed', createdTime } });
    expect(done.orchestration.stuck).toBeUndefined();
  });

  it('says which content types are not collecting and why: from the last cycle, or from the running one\'s subscriptions', () => {
    const base = { tenantId: TENANT, now: NOW, instanceId: `collect-${TENANT}`, contentTypes: ['Audit.Exchange', 'DLP.All'] as ContentType[], watermarks: new Map(), gaps: new Map(), health: HEALTH };
    const finished = buildStatusReport({
      ...base,
      orchestration: {
        runtimeStatus: 'Completed',
        output: {
          subscriptions: [{ contentType: 'Audit.Exchange', state: 'enabled' }, { contentType: 'DLP.All', state: 'start-deferred' }],
          notCollecting: [{ contentType: 'DLP.All', outcome: 'not-subscribed', reason: 'not-subscribed: start-deferred: retry at 12:20' }],
        },
      },
    });
    expect(finished.contentTypes.map((c) => c.collection)).toEqual([{ state: 'collecting' }, { state: 'not-collecting', reason: 'not-subscribed: start-deferred: retry at 12:20' }]);
    const running = buildStatusReport({
      ...base,
      orchestration: { runtimeStatus: 'Running', customStatus: { subscriptions: [{ contentType: 'Audit.Exchange', state: 'started' }, { contentType: 'DLP.All', state: 'start-failed', detail: 'AF10001' }] } },
    });
    expect(running.contentTypes.map((c) => c.collection)).toEqual([{ state: 'collecting' }, { state: 'not-collecting', reason: 'not-subscribed: start-failed: AF10001' }]);
    expect(buildStatusReport({ ...base, orchestration: undefined }).contentTypes[0]!.collection).toEqual({ state: 'unknown', reason: 'no collection cycle has run yet' });
  });
});
