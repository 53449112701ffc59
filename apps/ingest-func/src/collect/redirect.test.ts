// C2 / issue 8 item 1 through the real API client over real sockets: the API (server A, on
// 127.0.0.1) answers a listing and a blob with a 302 to another origin (server B) that serves an
// empty listing and a made-up record. Nothing from B is used: the listing fails its window (the
// watermark does not move) and the blob is never stored, only counted as a failed read; both
// errors name both origins.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManagementApiClient } from '@auditflow/activity-api';
import { loadConfig } from '@auditflow/config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRunner } from '../../test/run-app';
import { openTempStore, silentLog, type TempStore } from '../../test/temp-store';
import { collectSettingsFrom } from './collect-settings';
import { collectInstanceId, FUNCTION_NAMES } from '../shared/function-names';
import type { AppRuntime } from '../shared/app-runtime';
import { createStartAttemptMemory } from './ensure-subscriptions';
import { storeContent } from './store-content';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const CT = 'Audit.Exchange' as const;

function listen(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; origin: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handle(req, res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })),
  );
}

describe('redirects to another origin (real client, real sockets)', () => {
  let a: Awaited<ReturnType<typeof listen>>;
  let b: Awaited<ReturnType<typeof listen>>;
  let temp: TempStore;
  let client: ManagementApiClient;
  const now = new Date();
  const created = new Date(now.getTime() - 3_600_000).toISOString();
  const expires = new Date(now.getTime() + 6 * 86_400_000).toISOString();

  beforeEach(async () => {
    temp = openTempStore();
    b = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([{ Id: 'forged', CreationTime: created.slice(0, 19), Operation: 'MadeUp', UserId: 'mallory@evil.example' }]));
    });
    a = await listen((req, res) => {
      if (req.url?.includes('/subscriptions/list')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify([{ contentType: CT, status: 'enabled', webhook: null }]));
        return;
      }
      res.writeHead(302, { location: `${b.origin}${req.url}` });
      res.end();
    });
    client = new ManagementApiClient({
      tenantId: TENANT,
      apiBaseUrl: a.origin,
      credential: { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) },
      retry: { maxRetries: 0 },
    });
  });
  afterEach(async () => {
    await new Promise((r) => a.server.close(r));
    await new Promise((r) => b.server.close(r));
    await temp.dispose();
  });

  it('a blob redirected elsewhere is never stored: one failed read naming both origins', async () => {
    const contentUri = `${a.origin}/api/v1.0/${TENANT}/activity/feed/audit/blob-1`;
    const blob = { contentId: 'blob-1', contentUri, contentCreated: created, contentExpiration: expires };
    await temp.store.checkpoints.putLedgerEntries([{ ...blob, tenantId: TENANT, contentType: CT, state: 'listed', updatedAt: now.toISOString() }]);
    const deps = { api: client, events: temp.store.events, checkpoints: temp.store.checkpoints, now: () => now, log: silentLog, retentionDays: 90, unreadable: { maxAttempts: 5, minHours: 1 } };
    const result = await storeContent(deps, { tenantId: TENANT, contentType: CT, blobs: [blob], force: false });
    expect(result).toMatchObject({ blobsStored: 0, blobsUnreadable: 1, recordsStored: 0 });
    expect(await temp.store.events.countEvents({ tenantId: TENANT })).toBe(0);
    const entry = (await temp.store.checkpoints.getLedgerEntries(TENANT, CT, ['blob-1'])).get('blob-1');
    expect(entry?.state).toBe('listed');
    expect(entry?.readFailures?.lastError).toMatch(/UntrustedRedirect/);
    expect(entry?.readFailures?.lastError).toContain(a.origin);
    expect(entry?.readFailures?.lastError).toContain(b.origin);
    expect(b.requests).toEqual([]);
  });

  it('a listing redirected elsewhere fails its window: nothing ledgered, the watermark does not move', async () => {
    const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_CONTENT_TYPES: CT, AUDITFLOW_CLOUD: 'Custom', AUDITFLOW_API_BASE_URL: a.origin, AUDITFLOW_AUTHORITY_HOST: 'https://127.0.0.1:1' });
    const watermark = new Date(now.getTime() - 2 * 3_600_000).toISOString();
    await temp.store.checkpoints.putWatermark({ tenantId: TENANT, contentType: CT, value: watermark, updatedAt: watermark }, null);
    const runtime = { config, api: client, store: temp.store, startAttempts: createStartAttemptMemory() } as unknown as AppRuntime;
    const app = appRunner(runtime, () => undefined);
    await expect(app.run(FUNCTION_NAMES.collectOrchestrator, { settings: collectSettingsFrom(config) }, collectInstanceId(TENANT))).rejects.toThrow(
      new RegExp(`collection failed for 1 content type.*${CT}: non-retryable: .*UntrustedRedirect.*${b.origin.replace(/[.]/g, '\\.')}`),
    );
    expect((await temp.store.checkpoints.getWatermark(TENANT, CT))?.value).toBe(watermark);
    expect(await temp.store.checkpoints.listLedger(TENANT, CT)).toEqual([]);
    expect(b.requests).toEqual([]);
  });
});
