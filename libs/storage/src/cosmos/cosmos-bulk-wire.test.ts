// The bulk path over the wire (real SDK, Cosmos-protocol server): per-operation answers of a bulk
// response (a 429 with the server's retry-after inside a 207) are re-submitted, a 409 does not stop
// the rest of its batch, and a 403 on the bulk request names the role to grant.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStorageError } from '../storage-error';
import { startCosmosTestServer, TEST_TENANT, testEventDocument, type CosmosTestServer } from '../testing';
import { openCosmosStore } from './open-cosmos-store';

let server: CosmosTestServer;
let script: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
let counter = 0;
beforeAll(async () => {
  server = await startCosmosTestServer({ intercept: (req, res) => script?.(req, res) ?? false });
});
afterAll(async () => server.close());

const isBatch = (req: IncomingMessage): boolean => String(req.headers['x-ms-cosmos-is-batch-request']).toLowerCase() === 'true';
const open = () =>
  openCosmosStore({
    endpoint: server.endpoint,
    databaseId: `bulk-${++counter}`,
    key: server.key,
    agent: server.agent,
    retentionSeconds: 86_400,
    connectionPolicy: { enableEndpointDiscovery: false, retryOptions: { maxRetryAttemptCount: 0, maxWaitTimeInSeconds: 1 } },
    bulkResubmitDelayInMs: 60_000, // never used when the server gives a retry-after
  });
const doc = (id: string) => testEventDocument({ id, time: '2026-11-08T09:00:00.000Z' });

describe('Cosmos bulk writes on the wire', () => {
  it('re-submits an operation answered 429 inside the bulk response, after the retry-after it carries', async () => {
    const store = await open();
    let batches = 0;
    script = (req, res) => {
      if (!isBatch(req)) return false;
      if (++batches > 1) return false;
      req.resume();
      res.writeHead(207, { 'content-type': 'application/json' });
      res.end(JSON.stringify([{ statusCode: 429, requestCharge: 0, retryAfterMilliseconds: 5 }]));
      return true;
    };
    try {
      const started = Date.now();
      expect(await store.events.upsertEvents([doc('one')])).toEqual({ written: 1, duplicates: 0 });
      expect(batches).toBe(2);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await store.events.queryEvents({ tenantId: TEST_TENANT })).map((d) => d.id)).toEqual(['one']);
    } finally {
      script = undefined;
      await store.close();
    }
  });

  it('a duplicate (409) in the middle of a call does not fail the operations after it', async () => {
    const store = await open();
    try {
      await store.events.upsertEvents([doc('m-2')]);
      const batch = ['m-1', 'm-2', 'm-3', 'm-4'].map(doc);
      expect(await store.events.upsertEvents(batch)).toEqual({ written: 3, duplicates: 1 });
      expect(await store.events.countEvents({ tenantId: TEST_TENANT })).toBe(4);
    } finally {
      await store.close();
    }
  });

  it('a 403 on the bulk request is CosmosForbidden naming the data-plane role', async () => {
    const store = await open();
    script = (req, res) => {
      if (!isBatch(req)) return false;
      req.resume();
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'Forbidden', message: 'Request blocked by Auth: principal does not have required RBAC permissions' }));
      return true;
    };
    try {
      const error = await store.events.upsertEvents([doc('x')]).then(() => undefined, (e: unknown) => e);
      expect(isStorageError(error) && [error.code, error.retryable]).toEqual(['CosmosForbidden', false]);
      expect((error as Error).message).toMatch(/Data Contributor/);
    } finally {
      script = undefined;
      await store.close();
    }
  });
});
