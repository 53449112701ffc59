// The shared contracts against the Cosmos-protocol test server through the real @azure/cosmos SDK,
// plus what only the Cosmos adapter does: key refusal, Entra tokens, the container layout,
// throttling, 403s, and the etag guard on the wire.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CosmosClient } from '@azure/cosmos';
import { COSMOS_LAYOUT } from '@auditflow/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditStore } from '../ports';
import { isStorageError } from '../storage-error';
import {
  describeCheckpointStoreContract,
  describeEventStoreContract,
  startCosmosTestServer,
  TEST_TENANT,
  testEventDocument,
  type CosmosTestServer,
  type CosmosTestServerOptions,
} from '../testing';
import { openCosmosStore, type EventWriteCharge, type OpenCosmosStoreOptions, type TokenCredential } from './open-cosmos-store';

let server: CosmosTestServer;
const opened: AuditStore[] = [];
let counter = 0;

beforeAll(async () => {
  server = await startCosmosTestServer();
});
afterAll(async () => {
  for (const store of opened) await store.close();
  await server.close();
});

function baseOptions(on: CosmosTestServer, databaseId = `db-${++counter}`): OpenCosmosStoreOptions {
  return {
    endpoint: on.endpoint,
    databaseId,
    key: on.key,
    agent: on.agent,
    retentionSeconds: 7_776_000,
    connectionPolicy: { enableEndpointDiscovery: false },
  };
}

async function freshStore(on = server, overrides: Partial<OpenCosmosStoreOptions> = {}): Promise<AuditStore> {
  const store = await openCosmosStore({ ...baseOptions(on), ...overrides });
  opened.push(store);
  return store;
}

async function withServer(options: CosmosTestServerOptions, run: (s: CosmosTestServer) => Promise<void>): Promise<void> {
  const own = await startCosmosTestServer(options);
  try {
    await run(own);
  } finally {
    await own.close();
  }
}

const isBatch = (req: IncomingMessage): boolean => String(req.headers['x-ms-cosmos-is-batch-request']).toLowerCase() === 'true';
const answer = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): true => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
  return true;
};
const failure = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => 'no error', (e: unknown) => e);

describeEventStoreContract('cosmos', async () => (await freshStore()).events, { purgesExpired: false });
describeCheckpointStoreContract('cosmos', async () => (await freshStore()).checkpoints);

describe('event identity on Cosmos DB', () => {
  it('the same record Id in two tenants is two items: the partition key starts with the tenant', async () => {
    const store = await freshStore();
    const other = '00000000-1111-2222-3333-444444444444';
    const mine = testEventDocument({ id: 'same-id', time: '2026-11-06T08:00:00.000Z' });
    const theirs = testEventDocument({ id: 'same-id', time: '2026-11-06T08:00:00.000Z', tenantId: other });
    expect(mine.partitionKey.startsWith(`${TEST_TENANT}|`) && theirs.partitionKey.startsWith(`${other}|`)).toBe(true);
    expect(await store.events.upsertEvents([mine, theirs])).toEqual({ written: 2, duplicates: 0 });
    // Read each item back by (id, partition key) with the SDK: Cosmos keeps ids unique per logical partition.
    const client = new CosmosClient({ endpoint: server.endpoint, key: server.key, agent: server.agent, connectionPolicy: { enableEndpointDiscovery: false } });
    try {
      const container = client.database(`db-${counter}`).container(COSMOS_LAYOUT.eventsContainer);
      const a = await container.item('same-id', mine.partitionKey).read<{ tenantId: string }>();
      const b = await container.item('same-id', theirs.partitionKey).read<{ tenantId: string }>();
      expect([a.statusCode, a.resource?.tenantId, b.statusCode, b.resource?.tenantId]).toEqual([200, TEST_TENANT, 200, other]);
    } finally {
      client.dispose();
    }
  });
});

describe('openCosmosStore', () => {
  it('refuses an account key for a non-loopback endpoint and says to use Entra', async () => {
    const error = await failure(
      openCosmosStore({ endpoint: 'https://contoso.documents.azure.com:443/', databaseId: 'audit', key: 'a2V5', retentionSeconds: 60 }),
    );
    expect(isStorageError(error) && error.code).toBe('KeyNotAllowed');
    expect((error as Error).message).toMatch(/Entra/);
  });

  it('refuses options without any credential, or with a bad endpoint or retention', async () => {
    const bad = await failure(openCosmosStore({ endpoint: 'not a url', databaseId: '', retentionSeconds: 0 }));
    expect(isStorageError(bad) && bad.code).toBe('InvalidStoreOptions');
    expect((bad as Error).message).toMatch(/endpoint.*databaseId.*retentionSeconds.*credential/);
  });

  it('authenticates with a TokenCredential (the Entra path) and sends its token', async () => {
    const authorizations: string[] = [];
    const scopes: string[] = [];
    const credential: TokenCredential = {
      getToken: async (scope) => {
        scopes.push(...(Array.isArray(scope) ? scope : [scope]));
        return { token: 'fake-entra-token', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    await withServer({ intercept: (req) => (authorizations.push(String(req.headers.authorization)), false) }, async (own) => {
      const { key: _key, ...options } = baseOptions(own);
      const store = await openCosmosStore({ ...options, credential });
      try {
        expect(await store.events.upsertEvents([testEventDocument({ id: 'aad-1', time: '2026-11-05T00:00:00.000Z' })])).toEqual({ written: 1, duplicates: 0 });
        expect(await store.events.countEvents({ tenantId: TEST_TENANT })).toBe(1);
      } finally {
        await store.close();
      }
    });
    expect(scopes.length).toBeGreaterThan(0);
    expect(scopes[0]).toMatch(/\/\.default$/);
    expect(authorizations.length).toBeGreaterThan(0);
    expect(authorizations.every((a) => decodeURIComponent(a) === 'type=aad&ver=1.0&sig=fake-entra-token')).toBe(true);
  });

  it('creates the containers of COSMOS_LAYOUT: partition key paths, default TTL and the indexing policy', async () => {
    const databaseId = `layout-${++counter}`;
    await freshStore(server, { databaseId, retentionSeconds: 1_234 });
    const client = new CosmosClient({ endpoint: server.endpoint, key: server.key, agent: server.agent, connectionPolicy: { enableEndpointDiscovery: false } });
    try {
      const events = (await client.database(databaseId).container(COSMOS_LAYOUT.eventsContainer).read()).resource;
      expect(events?.partitionKey?.paths).toEqual([COSMOS_LAYOUT.eventsPartitionKeyPath]);
      expect(events?.defaultTtl).toBe(1_234);
      expect(events?.indexingPolicy?.includedPaths).toEqual(COSMOS_LAYOUT.eventsIndexingPolicy.includedPaths);
      expect(events?.indexingPolicy?.excludedPaths).toEqual([{ path: '/*' }]);
      const checkpoints = (await client.database(databaseId).container(COSMOS_LAYOUT.checkpointsContainer).read()).resource;
      expect(checkpoints?.partitionKey?.paths).toEqual([COSMOS_LAYOUT.checkpointsPartitionKeyPath]);
      // Opening again finds them (createIfNotExists) and keeps the data.
      const again = await freshStore(server, { databaseId });
      expect(await again.events.countEvents({ tenantId: TEST_TENANT })).toBe(0);
    } finally {
      client.dispose();
    }
  });

  it('with createIfMissing false, names a missing container instead of creating it', async () => {
    const error = await failure(openCosmosStore({ ...baseOptions(server), createIfMissing: false }));
    expect(isStorageError(error) && error.code).toBe('ContainerNotFound');
    expect((error as Error).message).toMatch(/container "events".*pulumi up/);
  });

  it('turns a 403 on creating a container into CosmosForbidden naming the roles', async () => {
    const intercept = (req: IncomingMessage, res: ServerResponse): boolean =>
      req.method === 'POST' && /\/colls\/?$/.test(req.url ?? '') ? answer(res, 403, { code: 'Forbidden', message: 'blocked by RBAC' }) : false;
    await withServer({ intercept }, async (own) => {
      const error = await failure(openCosmosStore(baseOptions(own)));
      expect(isStorageError(error) && error.code).toBe('CosmosForbidden');
      expect((error as Error).message).toMatch(/Cosmos DB Built-in Data Contributor/);
      expect((error as Error).message).toMatch(/container "events"/);
    });
  });
});

describe('Cosmos event writes', () => {
  it('counts duplicates inside one bulk batch and against stored documents', async () => {
    const { events } = await freshStore();
    const doc = (id: string, contentId = 'blob-1'): ReturnType<typeof testEventDocument> =>
      testEventDocument({ id, time: '2026-11-06T08:00:00.000Z', contentId });
    expect(await events.upsertEvents([doc('a'), doc('b'), doc('a', 'blob-2'), doc('c'), doc('b')])).toEqual({ written: 3, duplicates: 2 });
    expect(await events.upsertEvents([doc('c', 'blob-3'), doc('d', 'blob-3'), doc('d', 'blob-3')])).toEqual({ written: 1, duplicates: 2 });
    const stored = await events.queryEvents({ tenantId: TEST_TENANT });
    expect(stored.map((d) => [d.id, d.contentId])).toEqual([['a', 'blob-1'], ['b', 'blob-1'], ['c', 'blob-1'], ['d', 'blob-3']].sort());
  });

  it('reports what each write was charged, summed from the bulk results (onEventWriteCharge)', async () => {
    const charges: EventWriteCharge[] = [];
    const { events } = await freshStore(server, { onEventWriteCharge: (c) => charges.push(c) });
    const docs = Array.from({ length: 150 }, (_, i) => testEventDocument({ id: `ru-${i}`, time: '2026-11-06T08:00:00.000Z' }));
    await events.upsertEvents([...docs, docs[0]!]);
    await events.upsertEvents(docs.slice(0, 10));
    // The test server charges a flat 1 RU per created document and nothing for a 409: 150
    // operations (the repeat never left the process; two items.bulk calls), then 10 duplicates.
    // A real account answers its own charge per operation, conflicts included.
    expect(charges).toEqual([
      { requestCharge: 150, operations: 150 },
      { requestCharge: 0, operations: 10 },
    ]);
  });

  it('re-submits operations still throttled (429) after the SDK retries, then succeeds', async () => {
    let throttled = 0;
    const intercept = (req: IncomingMessage, res: ServerResponse): boolean => {
      if (!isBatch(req) || throttled >= 3) return false;
      throttled++;
      req.resume();
      return answer(res, 429, { code: 'TooManyRequests', message: 'Request rate is large' }, { 'x-ms-retry-after-ms': '1' });
    };
    await withServer({ intercept }, async (own) => {
      const store = await openCosmosStore({
        ...baseOptions(own),
        connectionPolicy: { enableEndpointDiscovery: false, retryOptions: { maxRetryAttemptCount: 0, maxWaitTimeInSeconds: 1 } },
        bulkResubmitDelayInMs: 1,
      });
      try {
        const docs = [1, 2, 3].map((i) => testEventDocument({ id: `t-${i}`, time: '2026-11-07T00:00:00.000Z' }));
        expect(await store.events.upsertEvents(docs)).toEqual({ written: 3, duplicates: 0 });
        expect(throttled).toBe(3);
      } finally {
        await store.close();
      }
    });
  });

  it('gives up with StorageError Throttled after a bounded number of re-submits', async () => {
    let batches = 0;
    const intercept = (req: IncomingMessage, res: ServerResponse): boolean => {
      if (!isBatch(req)) return false;
      batches++;
      req.resume();
      return answer(res, 429, { code: 'TooManyRequests', message: 'Request rate is large' }, { 'x-ms-retry-after-ms': '1' });
    };
    await withServer({ intercept }, async (own) => {
      const store = await openCosmosStore({
        ...baseOptions(own),
        connectionPolicy: { enableEndpointDiscovery: false, retryOptions: { maxRetryAttemptCount: 1, maxWaitTimeInSeconds: 1 } },
        bulkThrottleResubmits: 2,
        bulkResubmitDelayInMs: 1,
      });
      try {
        const error = await failure(store.events.upsertEvents([testEventDocument({ id: 'never', time: '2026-11-07T00:00:00.000Z' })]));
        expect(isStorageError(error) && [error.code, error.statusCode]).toEqual(['Throttled', 429]);
        // 3 rounds (first + 2 re-submits), each with the SDK's bounded retries: finite, and more than one.
        expect(batches).toBeGreaterThanOrEqual(3);
        expect(batches).toBeLessThanOrEqual(12);
      } finally {
        await store.close();
      }
    });
  });
});

describe('Cosmos watermark writes', () => {
  it('sends the etag as If-Match and maps the 412 of a stale etag to ConcurrencyError', async () => {
    const ifMatch: string[] = [];
    await withServer({ intercept: (req) => (req.headers['if-match'] && ifMatch.push(String(req.headers['if-match'])), false) }, async (own) => {
      const store = await openCosmosStore(baseOptions(own));
      try {
        const w = { tenantId: TEST_TENANT, contentType: 'Audit.General' as const, value: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' };
        const first = await store.checkpoints.putWatermark(w, null);
        const second = await store.checkpoints.putWatermark({ ...w, value: '2026-11-02T00:00:00.000Z' }, first.etag!);
        const stale = await failure(store.checkpoints.putWatermark({ ...w, value: '2026-11-03T00:00:00.000Z' }, first.etag!));
        expect(stale).toMatchObject({ name: 'ConcurrencyError', code: 'WatermarkConflict', statusCode: 412 });
        expect(ifMatch).toEqual([first.etag, first.etag]);
        expect((await store.checkpoints.getWatermark(TEST_TENANT, 'Audit.General'))?.etag).toBe(second.etag);
      } finally {
        await store.close();
      }
    });
  });
});
