// Listing pages and fetching blobs over real sockets: paging headers, PublisherIdentifier on every
// request, the token scope, and the origin guard.
import { afterEach, describe, expect, it } from 'vitest';
import { ManagementApiClient, isManagementApiError, type ManagementApiClientOptions } from '../src/index';
import { fakeCredential, queryOf, sendJson, startFakeApi, TEST_TOKEN, type FakeApi } from './fake-api-server';

const TENANT = '0b5e7a12-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const FEED = `/api/v1.0/${TENANT}/activity/feed`;
const servers: FakeApi[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function api(handler: Parameters<typeof startFakeApi>[0]): Promise<FakeApi> {
  const server = await startFakeApi(handler);
  servers.push(server);
  return server;
}

function clientFor(server: FakeApi, extra: Partial<ManagementApiClientOptions> = {}) {
  return new ManagementApiClient({ tenantId: TENANT, credential: fakeCredential(), apiBaseUrl: server.url, retry: { baseDelayInMs: 1, maxDelayInMs: 5 }, ...extra });
}

function blob(base: string, id: string) {
  return {
    contentType: 'Audit.Exchange',
    contentId: id,
    contentUri: `${base}${FEED}/audit/${id}`,
    contentCreated: '2026-11-25T09:10:00.000Z',
    contentExpiration: '2026-12-02T09:10:00.000Z',
  };
}

describe('listContent paging', () => {
  it('follows NextPageUri, then a lower-case nextpageurl, with PublisherIdentifier on every request', async () => {
    const server = await api((req, res) => {
      const { params } = queryOf(req.url);
      const base = `http://${req.headers.host}`;
      if (req.url.startsWith(`${FEED}/subscriptions/content`)) {
        const page = params.get('nextPage');
        if (page === null) {
          res.setHeader('NextPageUri', `${base}${FEED}/subscriptions/content?contentType=Audit.Exchange&startTime=a&endTime=b&nextPage=p2`);
          return sendJson(res, 200, [blob(base, 'b1'), blob(base, 'b2')]);
        }
        if (page === 'p2') {
          res.setHeader('nextpageurl', `${base}${FEED}/subscriptions/content?contentType=Audit.Exchange&nextPage=p3`);
          return sendJson(res, 200, [blob(base, 'b3')]);
        }
        return sendJson(res, 200, [blob(base, 'b4')]);
      }
      if (req.url.startsWith(`${FEED}/audit/`)) return sendJson(res, 200, [{ Id: req.url.split('/').pop()?.split('?')[0] }]);
      return sendJson(res, 404, { error: { code: 'NotFound', message: req.url } });
    });
    const credential = fakeCredential();
    const client = clientFor(server, { credential });
    const pages: string[][] = [];
    const records: unknown[] = [];
    for await (const page of client.listContent('Audit.Exchange', { startTime: '2026-11-25T09:00:00.000Z', endTime: '2026-11-25T10:00:00.000Z' })) {
      pages.push(page.map((b) => b.contentId));
      for (const b of page) records.push(...(await client.fetchContent(b.contentUri)));
    }
    expect(pages).toEqual([['b1', 'b2'], ['b3'], ['b4']]);
    expect(records).toEqual([{ Id: 'b1' }, { Id: 'b2' }, { Id: 'b3' }, { Id: 'b4' }]);

    expect(server.requests).toHaveLength(7);
    for (const req of server.requests) {
      const { questionMarks, publisherIds } = queryOf(req.url);
      expect(questionMarks, req.url).toBe(1);
      expect(publisherIds, req.url).toEqual([TENANT]);
      expect(req.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    }
    const first = queryOf(server.requests[0]!.url).params;
    expect([first.get('contentType'), first.get('startTime'), first.get('endTime')]).toEqual([
      'Audit.Exchange',
      '2026-11-25T09:00:00.000Z',
      '2026-11-25T10:00:00.000Z',
    ]);
    expect(server.requests.filter((r) => r.url.includes('nextPage=')).length).toBe(2);
    expect(credential.scopes).toEqual([`${server.url}/.default`]); // one token, cached
    expect(client.stats).toEqual({ requests: 7, throttled: 0, transientRetries: 0 });
  });

  it('listContentPage returns the next page link and takes it back', async () => {
    const server = await api((req, res) => {
      const base = `http://${req.headers.host}`;
      if (req.url.includes('nextPage=2')) return sendJson(res, 200, []);
      return sendJson(res, 200, [blob(base, 'x')], { NEXTPAGEURI: `${base}${FEED}/subscriptions/content?contentType=Audit.Exchange&nextPage=2` });
    });
    const client = clientFor(server, { publisherIdentifier: 'publisher-guid' });
    const first = await client.listContentPage('Audit.Exchange', { startTime: 's', endTime: 'e' });
    expect(first.blobs.map((b) => b.contentId)).toEqual(['x']);
    expect(first.nextPageUri).toBe(`${server.url}${FEED}/subscriptions/content?contentType=Audit.Exchange&nextPage=2`);
    const second = await client.listContentPage('Audit.Exchange', { nextPageUri: first.nextPageUri! });
    expect(second).toEqual({ blobs: [] });
    expect(server.requests.map((r) => queryOf(r.url).publisherIds)).toEqual([['publisher-guid'], ['publisher-guid']]);
    expect(server.requests[1]!.url).toBe(`${FEED}/subscriptions/content?contentType=Audit.Exchange&nextPage=2&PublisherIdentifier=publisher-guid`);
  });

  it('refuses a blob or a next page on another origin without sending anything (UntrustedUrl)', async () => {
    const server = await api((req, res) =>
      sendJson(res, 200, [], { NextPageUri: `http://127.0.0.2:1${FEED}/subscriptions/content?nextPage=evil` }),
    );
    const credential = fakeCredential();
    const client = clientFor(server, { credential });
    const blobError = await client.fetchContent('https://attacker.example/steal').catch((e: unknown) => e);
    expect(isManagementApiError(blobError) && blobError.code).toBe('UntrustedUrl');
    expect(isManagementApiError(blobError) && blobError.category).toBe('fatal');
    expect(credential.scopes).toHaveLength(0); // not even a token was fetched

    const pages = client.listContent('Audit.Exchange', { startTime: 's', endTime: 'e' })[Symbol.asyncIterator]();
    expect((await pages.next()).value).toEqual([]);
    await expect(pages.next()).rejects.toMatchObject({ code: 'UntrustedUrl', category: 'fatal' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('other operations', () => {
  it('lists, starts and stops subscriptions; lists notifications; sends Accept-Language for DLP types', async () => {
    const server = await api((req, res) => {
      if (req.url.startsWith(`${FEED}/subscriptions/list`)) {
        return sendJson(res, 200, [{ contentType: 'Audit.Exchange', status: 'enabled', webhook: null }]);
      }
      if (req.url.startsWith(`${FEED}/subscriptions/start`)) {
        return sendJson(res, 200, { contentType: 'Audit.General', status: 'enabled', webhook: JSON.parse(req.body || '{}').webhook ?? null });
      }
      if (req.url.startsWith(`${FEED}/subscriptions/stop`)) {
        res.writeHead(204);
        return res.end();
      }
      if (req.url.startsWith(`${FEED}/subscriptions/notifications`)) {
        return sendJson(res, 200, [{ ...blob(`http://${req.headers.host}`, 'n1'), tenantId: TENANT, clientId: 'c' }]);
      }
      if (req.url.startsWith(`${FEED}/resources/dlpSensitiveTypes`)) {
        return sendJson(res, 200, [{ id: 'x', name: req.headers['accept-language'] }]);
      }
      return sendJson(res, 404, {});
    });
    const client = clientFor(server);
    expect(await client.listSubscriptions()).toEqual([{ contentType: 'Audit.Exchange', status: 'enabled', webhook: null }]);
    const webhook = { address: 'https://hook.example/x', authId: 'a', expiration: '' };
    expect(await client.startSubscription('Audit.General', { webhook })).toEqual({ contentType: 'Audit.General', status: 'enabled', webhook });
    await client.stopSubscription('Audit.General');
    const notifications = [];
    for await (const page of client.listNotifications('Audit.Exchange', { startTime: 's', endTime: 'e' })) notifications.push(...page);
    expect(notifications.map((n) => n.contentId)).toEqual(['n1']);
    expect(await client.listDlpSensitiveTypes({ language: 'de-DE' })).toEqual([{ id: 'x', name: 'de-DE' }]);

    const [list, start, stop, notes, dlp] = server.requests;
    expect([list!.method, start!.method, stop!.method, notes!.method, dlp!.method]).toEqual(['GET', 'POST', 'POST', 'GET', 'GET']);
    expect(queryOf(start!.url).params.get('contentType')).toBe('Audit.General');
    expect(JSON.parse(start!.body)).toEqual({ webhook });
    expect(queryOf(notes!.url).params.get('startTime')).toBe('s');
    for (const req of server.requests) expect(queryOf(req.url).publisherIds, req.url).toEqual([TENANT]);
  });

  it('uses the cloud hosts and validates options with TypeErrors naming the option', () => {
    const credential = fakeCredential();
    expect(new ManagementApiClient({ tenantId: TENANT, credential }).apiBaseUrl).toBe('https://manage.office.com');
    expect(new ManagementApiClient({ tenantId: TENANT, credential, cloud: 'GCC' }).apiBaseUrl).toBe('https://manage-gcc.office.com');
    expect(new ManagementApiClient({ tenantId: TENANT, credential, cloud: 'GCCHigh' }).apiBaseUrl).toBe('https://manage.office365.us');
    expect(new ManagementApiClient({ tenantId: TENANT, credential, cloud: 'DoD' }).apiBaseUrl).toBe('https://manage.protection.apps.mil');
    expect(() => new ManagementApiClient({ tenantId: TENANT, credential, cloud: 'Custom' })).toThrow(/apiBaseUrl/);
    expect(() => new ManagementApiClient({ tenantId: '', credential })).toThrow(/tenantId/);
    expect(() => new ManagementApiClient({ tenantId: TENANT, credential, rateLimitPerMinute: 0 })).toThrow(/rateLimitPerMinute/);
    expect(() => new ManagementApiClient({ tenantId: TENANT, credential, retry: { maxRetries: -1 } })).toThrow(/retry.maxRetries/);
  });
});
