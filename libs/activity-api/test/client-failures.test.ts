// Failures over real sockets: throttling, transient errors, broken and oversized bodies, timeouts,
// aborts, the subscription start rules, and that the token never shows up in an error.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ManagementApiClient, type ManagementApiClientOptions } from '../src/index';
import { failure, fakeApiPerTest, TEST_TENANT } from './api-test-kit';
import { fakeCredential, sendError, sendJson, type FakeApi } from './fake-api-server';

const TENANT = TEST_TENANT;
const api = fakeApiPerTest();

function clientFor(server: FakeApi, extra: Partial<ManagementApiClientOptions> = {}) {
  return new ManagementApiClient({ tenantId: TENANT, credential: fakeCredential(), apiBaseUrl: server.url, retry: { baseDelayInMs: 1, maxDelayInMs: 5 }, ...extra });
}

const blobUri = (server: FakeApi) => `${server.url}/api/v1.0/${TENANT}/activity/feed/audit/blob-1`;

function truncated(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
  res.write('[{"Id":"a"},{"Id"');
  setTimeout(() => res.socket?.destroy(), 10);
}

describe('retried inside the client', () => {
  it.each([
    ['AF429 on HTTP 429', 429, 'AF429'],
    ['AF429 on HTTP 403', 403, 'AF429'],
    ['code "429" on HTTP 403', 403, '429'],
  ])('%s: throttled, then success', async (_name, status, code) => {
    const server = await api((_req, res, i) => (i === 0 ? sendError(res, status, code, 'Too many requests') : sendJson(res, 200, [{ Id: 'a' }])));
    const client = clientFor(server);
    expect(await client.fetchContent(blobUri(server))).toEqual([{ Id: 'a' }]);
    expect(client.stats).toEqual({ requests: 2, throttled: 1, transientRetries: 0 });
  });

  it('honours Retry-After (seconds) before the next attempt', async () => {
    const server = await api((_req, res, i) => (i === 0 ? sendError(res, 429, 'AF429', 'slow down', { 'Retry-After': '1' }) : sendJson(res, 200, [])));
    const client = clientFor(server);
    const started = Date.now();
    await client.fetchContent(blobUri(server));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it.each([
    ['HTTP 503', (res: ServerResponse) => sendError(res, 503, 'ServiceUnavailable')],
    ['AF50005 on HTTP 500', (res: ServerResponse) => sendError(res, 500, 'AF50005')],
    ['HTTP 408', (res: ServerResponse) => sendJson(res, 408, {})],
    ['a truncated body', truncated],
    ['a non-JSON body', (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('<html>proxy error</html>')],
    ['a connection reset', (res: ServerResponse) => void res.socket?.destroy()],
  ])('%s, then success', async (_name, fail) => {
    const server = await api((_req, res, i) => (i === 0 ? fail(res) : sendJson(res, 200, [{ Id: 'ok' }])));
    const client = clientFor(server);
    expect(await client.fetchContent(blobUri(server))).toEqual([{ Id: 'ok' }]);
    expect(client.stats).toEqual({ requests: 2, throttled: 0, transientRetries: 1 });
  });

  it('refreshes the token once after a 401', async () => {
    const server = await api((_req, res, i) => (i === 0 ? sendJson(res, 401, {}) : sendJson(res, 200, [])));
    const credential = fakeCredential();
    await clientFor(server, { credential }).listSubscriptions();
    expect(credential.scopes).toHaveLength(2);
  });
});

describe('final errors', () => {
  it('gives a typed transient error when the retries are used up', async () => {
    const server = await api((_req, res) => sendError(res, 500, 'AF50000', 'internal'));
    const client = clientFor(server, { retry: { maxRetries: 2, baseDelayInMs: 1, maxDelayInMs: 2 } });
    const error = await failure(client.fetchContent(blobUri(server)));
    expect(error).toMatchObject({ code: 'AF50000', statusCode: 500, category: 'transient' });
    expect(server.requests).toHaveLength(3);
  });

  it('gives a typed error for a truncated body every time (ConnectionError)', async () => {
    const server = await api((_req, res) => truncated(res));
    const error = await failure(clientFor(server, { retry: { maxRetries: 1, baseDelayInMs: 1 } }).fetchContent(blobUri(server)));
    expect(error).toMatchObject({ code: 'ConnectionError', category: 'transient' });
    expect(server.requests).toHaveLength(2);
  });

  it('a blob body that is not an array is InvalidResponse (content-lost), not retried', async () => {
    const server = await api((_req, res) => sendJson(res, 200, { value: [{ Id: 'a' }] }));
    const error = await failure(clientFor(server).fetchContent(blobUri(server)));
    expect(error).toMatchObject({ code: 'InvalidResponse', category: 'content-lost', statusCode: 200 });
    expect(server.requests).toHaveLength(1);
  });

  it('a listing that is not an array is InvalidResponse (fatal)', async () => {
    const server = await api((_req, res) => sendJson(res, 200, { contentUri: 'x' }));
    const error = await failure(clientFor(server).listContentPage('Audit.General', { startTime: 's', endTime: 'e' }));
    expect(error).toMatchObject({ code: 'InvalidResponse', category: 'fatal' });
  });

  it('stops reading an oversized streamed blob at maxBlobBytes (BlobTooLarge, content-lost)', async () => {
    let written = 0;
    let closed!: () => void;
    const serverDone = new Promise<void>((resolve) => (closed = resolve));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const server = await api((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no length to judge by
      res.on('close', closed);
      const pump = () => {
        while (!res.destroyed && written < 200 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const error = await failure(clientFor(server, { maxBlobBytes: 256 * 1024 }).fetchContent(blobUri(server)));
    expect(error).toMatchObject({ code: 'BlobTooLarge', category: 'content-lost' });
    await serverDone;
    expect(written).toBeLessThan(20 * 1024 * 1024);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a blob whose Content-Length is over the limit before reading it', async () => {
    const server = await api((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(500 * 1024 * 1024) });
      res.write('[');
    });
    const error = await failure(clientFor(server, { maxBlobBytes: 1024 }).fetchContent(blobUri(server)));
    expect(error.code).toBe('BlobTooLarge');
  });

  it.each([
    ['AF20051', 410, 'content-lost'],
    ['AF20050', 400, 'content-lost'],
    ['NotFound', 404, 'content-lost'],
    ['AF20022', 400, 'resubscribe'],
    ['AF20023', 400, 'disabled'],
    ['AF20055', 400, 'window'],
    ['AF10001', 401, 'fatal'],
  ])('%s (HTTP %i) comes out at once as %s', async (code, status, category) => {
    const server = await api((_req, res) => sendError(res, status, code, 'documented failure'));
    const error = await failure(clientFor(server).fetchContent(blobUri(server)));
    expect(error).toMatchObject({ code, statusCode: status, category });
    expect(server.requests.length).toBe(status === 401 ? 2 : 1); // a 401 earns one fresh token
  });

  it('a 404 without a code is lost content on a blob, but fatal on a listing (wrong URL)', async () => {
    const server = await api((_req, res) => sendJson(res, 404, {}));
    expect((await failure(clientFor(server).fetchContent(blobUri(server)))).category).toBe('content-lost');
    expect((await failure(clientFor(server).listSubscriptions())).category).toBe('fatal');
  });

  it('times out an attempt after requestTimeoutInMs (RequestTimeout, retried, then final)', async () => {
    const server = await api(() => undefined); // never answers
    const client = clientFor(server, { requestTimeoutInMs: 100, retry: { maxRetries: 1, baseDelayInMs: 1 } });
    const started = Date.now();
    const error = await failure(client.listSubscriptions());
    expect(error).toMatchObject({ code: 'RequestTimeout', category: 'transient' });
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('honours abortSignal during a request and during a throttling wait', async () => {
    const hanging = await api(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(clientFor(hanging).listSubscriptions({ abortSignal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });

    const throttling = await api((_req, res) => sendError(res, 429, 'AF429', 'wait', { 'Retry-After': '30' }));
    const second = new AbortController();
    const started = Date.now();
    setTimeout(() => second.abort(new Error('shutting down')), 100);
    await expect(clientFor(throttling).listSubscriptions({ abortSignal: second.signal })).rejects.toThrow('shutting down');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(throttling.requests).toHaveLength(1);
  });

  it('hands a throttling wait longer than maxThrottleWaitInMs to the caller with retryAfterInMs', async () => {
    const server = await api((_req, res) => sendError(res, 429, 'AF429', 'wait', { 'Retry-After': '120' }));
    const error = await failure(clientFor(server).listSubscriptions());
    expect(error).toMatchObject({ category: 'throttled', retryAfterInMs: 120_000 });
    expect(server.requests).toHaveLength(1);

    // The publisher's shared budget is paused: another client of the same tenant waits too.
    const other = clientFor(server);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(other.listSubscriptions({ abortSignal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('credential failures', () => {
  it('a refused credential is AuthenticationFailed (fatal) and nothing is sent', async () => {
    const server = await api((_req, res) => sendJson(res, 200, []));
    const credential = { getToken: () => Promise.reject(Object.assign(new Error('AADSTS7000215: Invalid client secret provided.'), { statusCode: 401 })) };
    const error = await failure(clientFor(server, { credential }).listSubscriptions());
    expect(error).toMatchObject({ code: 'AuthenticationFailed', category: 'fatal' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('subscription start', () => {
  it('AF20024 (already enabled) is success', async () => {
    const server = await api((_req, res) => sendError(res, 400, 'AF20024', 'The subscription is already enabled. No property change.'));
    expect(await clientFor(server).startSubscription('Audit.Exchange')).toEqual({ contentType: 'Audit.Exchange', status: 'enabled', webhook: null });
  });

  it('the 15-minute guard (403, code "429") is a throttled error with retryAfterInMs, not slept through', async () => {
    const server = await api((_req, res) =>
      sendError(res, 403, '429', 'Too many frequent subscription start requests. Please retry again after 8m 46s.'),
    );
    const started = Date.now();
    // Even when the client may sleep through long throttling waits, the start guard is the caller's.
    const client = clientFor(server, { retry: { baseDelayInMs: 1, maxThrottleWaitInMs: 3_600_000 } });
    const error = await failure(client.startSubscription('Audit.SharePoint'));
    expect(error).toMatchObject({ category: 'throttled', statusCode: 403, retryAfterInMs: 526_000 });
    expect(error.message).toContain('list subscriptions first');
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('is not retried after an ambiguous failure (reset, gateway timeout)', async () => {
    const reset = await api((_req, res) => void res.socket?.destroy());
    expect((await failure(clientFor(reset).startSubscription('Audit.General'))).code).toBe('ConnectionError');
    expect(reset.requests).toHaveLength(1);

    const gateway = await api((_req, res) => sendError(res, 504, 'GatewayTimeout'));
    expect((await failure(clientFor(gateway).startSubscription('Audit.General'))).statusCode).toBe(504);
    expect(gateway.requests).toHaveLength(1);
  });

  it('is retried after a definite 503', async () => {
    const server = await api((_req, res, i) =>
      i === 0 ? sendError(res, 503, 'AF50000') : sendJson(res, 200, { contentType: 'Audit.General', status: 'enabled', webhook: null }),
    );
    expect((await clientFor(server).startSubscription('Audit.General')).status).toBe('enabled');
    expect(server.requests).toHaveLength(2);
  });
});
