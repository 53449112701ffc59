// The HTTP handlers with a real SQLite store and a fake Durable client. Over real sockets and
// the function-key check (401) they are tested through the local host in tools/e2e.
import { HttpRequest, type HttpResponseInit } from '@azure/functions';
import { ConfigError, loadConfig } from '@auditflow/config';
import type { DurableClient } from 'durable-functions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, silentLog, type TempStore } from '../../test/temp-store';
import { FUNCTION_NAMES } from '../function-names';
import type { StatusReport } from '../http/status-report';
import { guarded, readStatus, RERUN_BODY_LIMIT_BYTES, startRerun } from './http-functions';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const NOW = new Date('2026-11-25T12:00:00.000Z');
const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_CONTENT_TYPES: 'Audit.Exchange,DLP.All' });
const NOT_FOUND = new Error('DurableClient error: Durable Functions extension replied with HTTP 404 response.');

function fakeClient(status: () => Promise<unknown>) {
  const started: { name: string; options: { instanceId: string; input: unknown } }[] = [];
  const client = {
    getStatus: status,
    startNew: async (name: string, options: { instanceId: string; input: unknown }) => {
      started.push({ name, options });
      return options.instanceId;
    },
    createCheckStatusResponse: (_request: unknown, instanceId: string) => ({ status: 202, jsonBody: { id: instanceId, statusQueryGetUri: `http://h/${instanceId}` } }),
  } as unknown as Pick<DurableClient, 'getStatus' | 'startNew' | 'createCheckStatusResponse'>;
  return { client, started };
}

const post = (body: string) => new HttpRequest({ method: 'POST', url: 'http://127.0.0.1/api/rerun', body: { string: body } });
const deps = { config, log: silentLog, now: NOW };

describe('POST /api/rerun', () => {
  it('answers 400 with a problem for a body that is not JSON', async () => {
    const { client, started } = fakeClient(async () => Promise.reject(NOT_FOUND));
    const response = await startRerun(post('{'), client, deps);
    expect(response.status).toBe(400);
    expect(response.jsonBody).toMatchObject({ error: 'InvalidRerunRequest', problems: [{ field: 'body' }] });
    expect(started).toEqual([]);
  });

  it('answers 400 naming every problem', async () => {
    const { client } = fakeClient(async () => Promise.reject(NOT_FOUND));
    const response = await startRerun(post(JSON.stringify({ contentTypes: ['Audit.Nope'], start: '2001-01-01T00:00:00Z', end: 'yesterday' })), client, deps);
    expect(response.status).toBe(400);
    const text = JSON.stringify(response.jsonBody);
    expect(text).toContain('Audit.Nope');
    expect(text).toMatch(/7 days/);
    expect((response.jsonBody as { problems: unknown[] }).problems).toHaveLength(3);
  });

  it('starts the rerun under a deterministic instance id and answers 202 with the status URLs', async () => {
    const { client, started } = fakeClient(async () => Promise.reject(NOT_FOUND));
    const body = JSON.stringify({ start: '2026-11-22T00:00:00Z', end: '2026-11-23T00:00:00Z' });
    const response = await startRerun(post(body), client, deps);
    const id = `rerun-${TENANT}-20261122T000000Z-20261123T000000Z`;
    expect(response).toMatchObject({ status: 202, jsonBody: { id } });
    expect(started).toEqual([
      {
        name: FUNCTION_NAMES.rerunOrchestrator,
        options: {
          instanceId: id,
          input: {
            settings: expect.objectContaining({ tenantId: TENANT }),
            contentTypes: ['Audit.Exchange', 'DLP.All'],
            window: { start: '2026-11-22T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' },
          },
        },
      },
    ]);
  });

  it('does not start a second run of the same request while the first still runs', async () => {
    const { client, started } = fakeClient(async () => ({ runtimeStatus: 'Running' }));
    const body = JSON.stringify({ contentTypes: ['DLP.All'], start: '2026-11-22T00:00:00Z', end: '2026-11-23T00:00:00Z' });
    const response = await startRerun(post(body), client, deps);
    expect(response).toMatchObject({ status: 202, jsonBody: { id: `rerun-${TENANT}-20261122T000000Z-20261123T000000Z-dlp` } });
    expect(started).toEqual([]);
  });
});

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
    const { client } = fakeClient(async () => ({
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
    const { normalizeRecord } = await import('@auditflow/ingestion');
    await temp.store.checkpoints.putWatermark({ tenantId: TENANT, contentType: 'Audit.Exchange', value: '2026-11-25T02:00:00.000Z', updatedAt: NOW.toISOString() }, null);
    const record = { Id: '5b1e1d0e-0000-4000-8000-000000000001', CreationTime: '2026-11-25T01:30:00', OrganizationId: TENANT, RecordType: 2, Operation: 'MailItemsAccessed', Workload: 'Exchange', UserId: 'alice@contoso.com' };
    await temp.store.events.upsertEvents([normalizeRecord(record, { tenantId: TENANT, contentType: 'Audit.Exchange', contentId: 'blob-1', retentionDays: 90 })]);
    const entry = (contentId: string, state: 'stored' | 'lost') => ({
      tenantId: TENANT, contentType: 'Audit.Exchange' as const, contentId, contentUri: `https://manage.office.com/api/v1.0/${TENANT}/activity/feed/audit/${contentId}`,
      contentCreated: '2026-11-25T01:00:00.000Z', contentExpiration: '2026-12-02T01:00:00.000Z', state, updatedAt: NOW.toISOString(),
    });
    await temp.store.checkpoints.putLedgerEntries([entry('blob-1', 'stored'), entry('blob-2', 'lost')]);
    const { client } = fakeClient(async () => ({ runtimeStatus: 'Completed', output: null }));
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
    const { client } = fakeClient(async () => Promise.reject(NOT_FOUND));
    const response = await readStatus(client, { config, store: temp.store, now: NOW, query: new URLSearchParams('behindHours=0&colour=red') });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.jsonBody)).toContain('behindHours');
    expect(JSON.stringify(response.jsonBody)).toContain('colour');
  });

  it('says NotStarted before the first cycle', async () => {
    const { client } = fakeClient(async () => Promise.reject(NOT_FOUND));
    const report = (await readStatus(client, { config, store: temp.store, now: NOW })).jsonBody as StatusReport;
    expect(report.orchestration.runtimeStatus).toBe('NotStarted');
  });
});

describe('guarded', () => {
  it('turns a configuration error into a 500 naming every problem', async () => {
    const response: HttpResponseInit = await guarded(silentLog, async () => {
      throw new ConfigError(['AUDITFLOW_TENANT_ID is missing: set it', 'AUDITFLOW_STORE is "x": set it to one of sqlite, cosmos']);
    });
    expect(response).toEqual({
      status: 500,
      jsonBody: { error: 'InvalidConfig', message: expect.any(String), problems: ['AUDITFLOW_TENANT_ID is missing: set it', 'AUDITFLOW_STORE is "x": set it to one of sqlite, cosmos'] },
    });
  });

  it('turns any other failure into a 500 with its message', async () => {
    const response = await guarded(silentLog, async () => {
      throw Object.assign(new Error('store unreachable'), { code: 'StoreUnavailable' });
    });
    expect(response).toEqual({ status: 500, jsonBody: { error: 'StoreUnavailable', message: 'store unreachable' } });
  });
});

describe('POST /api/rerun under concurrency and with big bodies (issue 8 item 6)', () => {
  /** One instance store shared by every request: startNew on an existing running id fails like durable-functions does on 409. */
  function racingClient() {
    const running = new Set<string>();
    let starts = 0;
    const client = {
      // Every request reads the status before any of them started the instance: all see 404.
      getStatus: async (id: string) => {
        if (running.has(id) && starts > 0) return { runtimeStatus: 'Running' };
        throw NOT_FOUND;
      },
      startNew: async (_name: string, options: { instanceId: string }) => {
        await new Promise((r) => setTimeout(r, 5));
        if (running.has(options.instanceId)) {
          throw new Error(`The operation failed with an unexpected status code: 409. Details: {"error":"OrchestrationAlreadyExists","message":"An orchestration with id '${options.instanceId}' already exists."}`);
        }
        running.add(options.instanceId);
        starts += 1;
        return options.instanceId;
      },
      createCheckStatusResponse: (_request: unknown, instanceId: string) => ({ status: 202, jsonBody: { id: instanceId } }),
    } as unknown as Pick<DurableClient, 'getStatus' | 'startNew' | 'createCheckStatusResponse'>;
    return { client, starts: () => starts };
  }

  it('gives 20 concurrent identical reruns 202 with the same instance id, starting it once', async () => {
    const { client, starts } = racingClient();
    const body = JSON.stringify({ start: '2026-11-22T00:00:00Z', end: '2026-11-23T00:00:00Z' });
    const responses = await Promise.all(Array.from({ length: 20 }, () => guarded(silentLog, () => startRerun(post(body), client, deps))));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(202));
    expect(new Set(responses.map((r) => (r.jsonBody as { id: string }).id)).size).toBe(1);
    expect(starts()).toBe(1);
  });

  it('answers 413 with the limit for a body over it, reading no further', async () => {
    const { client, started } = fakeClient(async () => Promise.reject(NOT_FOUND));
    const response = await startRerun(post(JSON.stringify({ start: '2026-11-22T00:00:00Z', end: '2026-11-23T00:00:00Z', pad: 'x'.repeat(RERUN_BODY_LIMIT_BYTES) })), client, deps);
    expect(response.status).toBe(413);
    expect(response.jsonBody).toMatchObject({ error: 'RequestTooLarge', limitInBytes: RERUN_BODY_LIMIT_BYTES, message: expect.stringMatching(/larger than 16384 bytes/) });
    expect(started).toEqual([]);
  });
});
