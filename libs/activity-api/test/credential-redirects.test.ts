// Token requests and redirects (CONTRACTS.md C2): @azure/identity's pipeline follows redirects
// itself; createCredential constrains it to the origin each request went to, at most
// MAX_REDIRECTS hops. A token endpoint redirected elsewhere never reaches the other origin.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential, ManagementApiClient, ManagementApiError, MAX_REDIRECTS } from '../src/index';
import { sendJson, startFakeApi, type FakeApi } from './fake-api-server';

const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENT = '99999999-8888-4777-8666-555555555555';

interface Https {
  server: Server;
  origin: string;
  seen: string[];
}

let pems: { cert: string; private: string };
let authority: Https;
let other: Https;
let api: FakeApi;
/** What the authority's token endpoint does: answer, or redirect to this Location. */
let tokenRedirect: string | undefined;

async function https(handle: (url: string, method: string) => { status: number; body?: unknown; location?: string }): Promise<Https> {
  const seen: string[] = [];
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(`${req.method} ${req.url?.split('?')[0]}`);
      const answer = handle(req.url ?? '', req.method ?? '');
      res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.location ? { location: answer.location } : {}) });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const TOKEN = { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: 'token-from-authority' };

beforeAll(async () => {
  pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notAfterDate: new Date(Date.now() + 2 * 86_400_000),
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  other = await https(() => ({ status: 200, body: { ...TOKEN, access_token: 'forged-token' } }));
  authority = await https((url, method) => {
    const base = `${authority.origin}/${TENANT}`;
    if (url.startsWith(`/${TENANT}/v2.0/.well-known/openid-configuration`)) {
      return {
        status: 200,
        body: { issuer: `${base}/v2.0`, authorization_endpoint: `${base}/oauth2/v2.0/authorize`, token_endpoint: `${base}/oauth2/v2.0/token`, jwks_uri: `${base}/keys` },
      };
    }
    if (url.startsWith(`/${TENANT}/oauth2/v2.0/token`) && method === 'POST') {
      return tokenRedirect ? { status: 307, location: tokenRedirect } : { status: 200, body: TOKEN };
    }
    if (url.startsWith('/moved-token') && method === 'POST') return { status: 200, body: TOKEN };
    return { status: 404, body: {} };
  });
  api = await startFakeApi((_req, res) => sendJson(res, 200, [{ Id: 'a' }]));
});

afterAll(async () => {
  for (const { server } of [authority, other]) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await api.close();
});

const credential = () =>
  createCredential({ authMode: 'client-secret', tenantId: TENANT, clientId: CLIENT, clientSecret: 's3cret', authorityHost: authority.origin, authorityCaPem: pems.cert });

describe('token requests and redirects', () => {
  it('a token endpoint redirected to another origin is refused: the other origin gets nothing', async () => {
    tokenRedirect = `${other.origin}/${TENANT}/oauth2/v2.0/token`;
    other.seen.length = 0;
    const client = new ManagementApiClient({ tenantId: TENANT, credential: credential(), apiBaseUrl: api.url });
    const error = await client.fetchContent(`${api.url}/api/v1.0/${TENANT}/activity/feed/audit/b`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error).toMatchObject({ code: 'UntrustedRedirect', category: 'fatal', fromOrigin: authority.origin, toOrigin: other.origin });
    expect((error as Error).message).toContain(authority.origin);
    expect((error as Error).message).toContain(other.origin);
    expect(other.seen).toEqual([]);
    expect(api.requests).toEqual([]); // no token, nothing sent to the API
  });

  it('a token endpoint redirected within the authority origin still works', async () => {
    tokenRedirect = `${authority.origin}/moved-token`;
    const token = await credential().getToken('http://127.0.0.1:7070/.default');
    expect(token?.token).toBe('token-from-authority');
    expect(authority.seen.at(-1)).toBe('POST /moved-token');
  });

  it('a token endpoint redirect loop within the origin ends in TooManyRedirects, each ask bounded', async () => {
    tokenRedirect = `${authority.origin}/${TENANT}/oauth2/v2.0/token`;
    const before = authority.seen.filter((r) => r.startsWith('POST')).length;
    const client = new ManagementApiClient({ tenantId: TENANT, credential: credential(), apiBaseUrl: api.url });
    const error = await client.listSubscriptions().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'TooManyRedirects', category: 'fatal', fromOrigin: authority.origin });
    // One token POST plus MAX_REDIRECTS hops (identity may ask again; never unbounded).
    const posts = authority.seen.filter((r) => r.startsWith('POST')).length - before;
    expect(posts % (MAX_REDIRECTS + 1)).toBe(0);
    expect(posts).toBeGreaterThan(0);
    expect(posts).toBeLessThanOrEqual(4 * (MAX_REDIRECTS + 1));
  });
});
