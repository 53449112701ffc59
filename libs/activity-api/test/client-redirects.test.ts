// Redirects over real sockets (issue 8 item 1, CONTRACTS.md C2): the client follows a redirect only
// within the API's origin, at most MAX_REDIRECTS hops; a redirect elsewhere is UntrustedRedirect
// (never followed: the second origin gets no request) and a loop is TooManyRedirects. Both fatal.
import { describe, expect, it } from 'vitest';
import { ManagementApiClient, MAX_REDIRECTS } from '../src/index';
import { failure, fakeApiPerTest, TEST_TENANT } from './api-test-kit';
import { fakeCredential, queryOf, sendJson, TEST_TOKEN, type FakeApi, type Handler } from './fake-api-server';

const TENANT = TEST_TENANT;
const api = fakeApiPerTest();

const clientFor = (server: FakeApi) =>
  new ManagementApiClient({ tenantId: TENANT, credential: fakeCredential(), apiBaseUrl: server.url, retry: { baseDelayInMs: 1, maxDelayInMs: 5 } });
const feed = (server: FakeApi) => `${server.url}/api/v1.0/${TENANT}/activity/feed`;
const window = { startTime: '2026-11-30T00:00:00Z', endTime: '2026-11-30T12:00:00Z' };

function redirect(res: Parameters<Handler>[1], status: number, location: string): void {
  res.writeHead(status, { location, 'content-length': 0 });
  res.end();
}

describe('a redirect to another origin is refused, never followed', () => {
  it('listing: 302 to a second loopback server that would answer [] (the window must not look empty)', async () => {
    const other = await api((_req, res) => sendJson(res, 200, []));
    const server = await api((_req, res) => redirect(res, 302, `${other.url}/api/v1.0/${TENANT}/activity/feed/subscriptions/content`));
    const error = await failure(clientFor(server).listContentPage('Audit.Exchange', window));
    expect(error).toMatchObject({ code: 'UntrustedRedirect', category: 'fatal', statusCode: 302, fromOrigin: server.url, toOrigin: other.url });
    expect(error.message).toContain(server.url);
    expect(error.message).toContain(other.url);
    expect(other.requests).toEqual([]);
    expect(server.requests).toHaveLength(1); // fatal: not retried
  });

  it('blob: 302 to a second loopback server serving one made-up record (nothing from it is returned)', async () => {
    const other = await api((_req, res) => sendJson(res, 200, [{ Id: 'forged-record' }]));
    const server = await api((_req, res) => redirect(res, 302, `${other.url}/blob`));
    const error = await failure(clientFor(server).fetchContent(`${feed(server)}/audit/blob-1`));
    expect(error).toMatchObject({ code: 'UntrustedRedirect', category: 'fatal', fromOrigin: server.url, toOrigin: other.url });
    expect(other.requests).toEqual([]);
  });

  it('a relative Location that changes the scheme or port is another origin too', async () => {
    const server = await api((_req, res) => redirect(res, 307, '//127.0.0.1:1/elsewhere'));
    const error = await failure(clientFor(server).fetchContent(`${feed(server)}/audit/blob-1`));
    expect(error).toMatchObject({ code: 'UntrustedRedirect', toOrigin: 'http://127.0.0.1:1' });
  });

  it('a same-origin hop that then leaves the origin is refused at the hop that leaves', async () => {
    const other = await api((_req, res) => sendJson(res, 200, [{ Id: 'forged-record' }]));
    const server = await api((req, res) => (req.url.startsWith('/hop') ? redirect(res, 302, `${other.url}/x`) : redirect(res, 301, '/hop')));
    const error = await failure(clientFor(server).fetchContent(`${feed(server)}/audit/blob-1`));
    expect(error.code).toBe('UntrustedRedirect');
    expect(server.requests.map((r) => r.url.split('?')[0])).toEqual([`/api/v1.0/${TENANT}/activity/feed/audit/blob-1`, '/hop']);
    expect(other.requests).toEqual([]);
  });
});

describe('redirects within the API origin', () => {
  it('a same-origin 302 on a blob is followed, with the token and PublisherIdentifier once', async () => {
    const server = await api((req, res) =>
      req.url.startsWith('/moved/') ? sendJson(res, 200, [{ Id: 'a' }]) : redirect(res, 302, '/moved/blob-1?x=1'),
    );
    const client = clientFor(server);
    expect(await client.fetchContent(`${feed(server)}/audit/blob-1`)).toEqual([{ Id: 'a' }]);
    expect(server.requests).toHaveLength(2);
    const hop = server.requests[1]!;
    expect(hop.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(queryOf(hop.url).publisherIds).toEqual([TENANT]);
    expect(client.stats.requests).toBe(2);
  });

  it('a same-origin 307 on a listing page keeps the listing and its next page', async () => {
    const server = await api((req, res) =>
      req.url.startsWith('/page2')
        ? sendJson(res, 200, [{ contentType: 'Audit.Exchange', contentId: 'c1', contentUri: `${feed(server)}/audit/c1`, contentCreated: 'x', contentExpiration: 'y' }], {
            NextPageUri: `${feed(server)}/subscriptions/content?nextPage=3`,
          })
        : redirect(res, 307, `${server.url}/page2`),
    );
    const page = await clientFor(server).listContentPage('Audit.Exchange', window);
    expect(page.blobs.map((b) => b.contentId)).toEqual(['c1']);
    expect(page.nextPageUri).toBe(`${feed(server)}/subscriptions/content?nextPage=3`);
  });

  it(`a redirect loop ends in TooManyRedirects after ${MAX_REDIRECTS} hops, not retried`, async () => {
    const server = await api((req, res) => redirect(res, 302, req.url.startsWith('/a') ? '/b' : '/a'));
    const error = await failure(clientFor(server).fetchContent(`${feed(server)}/audit/blob-1`));
    expect(error).toMatchObject({ code: 'TooManyRedirects', category: 'fatal' });
    expect(error.message).toContain(server.url);
    expect(server.requests).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('a 3xx without Location is not a result', async () => {
    const server = await api((_req, res) => {
      res.writeHead(302, { 'content-length': 2 });
      res.end('[]');
    });
    const error = await failure(clientFor(server).listContentPage('Audit.Exchange', window));
    expect(error.code).not.toBe('UntrustedRedirect');
    expect(error.category).toBe('fatal');
  });
});
