// GET /api/status with a real SQLite store and a fake Durable client.
import { loadConfig } from '@auditflow/config';
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

  it('says NotStarted before the first cycle', async () => {
    const { client } = fakeDurableClient(async () => Promise.reject(NOT_FOUND));
    const report = (await readStatus(client, { config, store: temp.store, now: NOW })).jsonBody as StatusReport;
    expect(report.orchestration.runtimeStatus).toBe('NotStarted');
  });
});
