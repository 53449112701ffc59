// GET /api/status with a real SQLite store and a fake Durable client.
import { loadConfig } from '@auditflow/config';
import { normalizeRecord } from '@auditflow/ingestion';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeDurableClient, NOT_FOUND } from '../../test/fake-durable-client';
import { openTempStore, type TempStore } from '../../test/temp-store';
import type { StatusReport } from './status-report';
import { readStatus } from './status-http';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const NOW = new Date('2026-11-25T12:00:00.000Z');
const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_CONTENT_TYPES: 'Audit.Exchange,DLP.All' });

describe('GET /api/status', () => {
  let temp: TempStore;
  beforeEach(() => (temp = openTempStore()));
  afterEach(() => temp.dispose());

  it('reports the store and the collect orchestration', async () => {
    await temp.store.checkpoints.putWatermark({ tenantId: TENANT, contentType: 'Audit.Exchange', value: '2026-11-25T11:00:00.000Z', updatedAt: NOW.toISOString() }, null);
    await temp.store.checkpoints.recordGap({
      id: 'gap-1', tenantId: TENANT, contentType: 'DLP.All', window: { start: '2026-11-17T00:00:00.000Z', end: '2026-11-18T12:10:00.000Z' },
      reason: 'beyond-api-retention', detail: 'never collected', recordedAt: NOW.toISOString(),
    });
    const { client } = fakeDurableClient(async () => ({
      runtimeStatus: 'Completed',
      customStatus: { subscriptions: [{ contentType: 'Audit.Exchange', state: 'enabled' }, { contentType: 'DLP.All', state: 'started' }] },
      output: null,
      lastUpdatedTime: new Date('2026-11-25T11:59:00.000Z'),
    }));
    const response = await readStatus(client, { config, store: temp.store, now: NOW });
    expect(response.status).toBe(200);
    const report = response.jsonBody as StatusReport;
    expect(report.orchestration).toEqual({ instanceId: `collect-${TENANT}`, runtimeStatus: 'Completed', lastUpdatedTime: '2026-11-25T11:59:00.000Z' });
    expect(report.contentTypes.map((c) => [c.contentType, c.watermark, c.freshnessInSeconds, c.openGaps.count, c.subscription?.state])).toEqual([
      ['Audit.Exchange', '2026-11-25T11:00:00.000Z', 3600, 0, 'enabled'],
      ['DLP.All', null, null, 1, 'started'],
    ]);
  });

  it('carries the collection health per content type: newest event, watermark lag, blobs per state, verdict', async () => {
    await temp.store.checkpoints.putWatermark({ tenantId: TENANT, contentType: 'Audit.Exchange', value: '2026-11-25T02:00:00.000Z', updatedAt: NOW.toISOString() }, null);
    const record = { Id: '5b1e1d0e-0000-4000-8000-000000000001', CreationTime: '2026-11-25T01:30:00', OrganizationId: TENANT, RecordType: 2, Operation: 'MailItemsAccessed', Workload: 'Exchange', UserId: 'alice@contoso.com' };
    await temp.store.events.upsertEvents([normalizeRecord(record, { tenantId: TENANT, contentType: 'Audit.Exchange', contentId: 'blob-1', retentionDays: 90 })]);
    const entry = (contentId: string, state: 'stored' | 'lost') => ({
      tenantId: TENANT, contentType: 'Audit.Exchange' as const, contentId, contentUri: `https://manage.office.com/api/v1.0/${TENANT}/activity/feed/audit/${contentId}`,
      contentCreated: '2026-11-25T01:00:00.000Z', contentExpiration: '2026-12-02T01:00:00.000Z', state, updatedAt: NOW.toISOString(),
    });
    await temp.store.checkpoints.putLedgerEntries([entry('blob-1', 'stored'), entry('blob-2', 'lost')]);
    const { client } = fakeDurableClient(async () => ({ runtimeStatus: 'Completed', output: null }));
    const report = (await readStatus(client, { config, store: temp.store, now: NOW, query: new URLSearchParams('behindHours=8') })).jsonBody as StatusReport;
    expect(report.health).toEqual({ behindHours: 8, verdict: 'behind' });
    const [exchange, dlp] = report.contentTypes;
    expect(exchange!.health).toMatchObject({
      newestEventTime: '2026-11-25T01:30:00.000Z', newestEventAgeInSeconds: 37_800, watermarkLagInSeconds: 36_000,
      blobs: { listed: 0, stored: 1, lost: 1, quarantined: 0 }, verdict: 'behind',
    });
    expect(exchange!.health!.detail).toContain('more than 8 h');
    expect(dlp!.health).toMatchObject({ newestEventTime: null, verdict: 'never-collected' });
  });

  it('refuses a bad behindHours with a 400 naming it', async () => {
    const { client } = fakeDurableClient(async () => Promise.reject(NOT_FOUND));
    const response = await readStatus(client, { config, store: temp.store, now: NOW, query: new URLSearchParams('behindHours=0&colour=red') });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.jsonBody)).toContain('behindHours');
    expect(JSON.stringify(response.jsonBody)).toContain('colour');
  });

  it('says NotStarted before the first cycle', async () => {
    const { client } = fakeDurableClient(async () => Promise.reject(NOT_FOUND));
    const report = (await readStatus(client, { config, store: temp.store, now: NOW })).jsonBody as StatusReport;
    expect(report.orchestration.runtimeStatus).toBe('NotStarted');
  });
});
