// A user-assigned managed identity as App Service serves it (IDENTITY_ENDPOINT + IDENTITY_HEADER,
// api-version 2019-08-01), on loopback http, so the REAL ManagedIdentityCredential (MSAL's App
// Service source) runs against the simulator. For `api://AzureADTokenExchange` it issues the
// signed JWT that the app registration's federated credential trusts (issuer = the authority's
// tenant issuer, subject = the identity's principal id); the authority verifies it as a
// jwt-bearer client assertion. For an http(s) resource (the API) it issues an API token, which is
// what `managed-identity` mode uses. The signing key is random per run; nothing here is a secret
// of any real system.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenStore } from './token-store';

export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
const LIFETIME_S = 3600;

export interface ManagedIdentityInfo {
  /** IDENTITY_ENDPOINT, e.g. http://127.0.0.1:PORT/msi/token */
  readonly endpoint: string;
  /** IDENTITY_HEADER: per-run random value the endpoint requires (as App Service's is). */
  readonly header: string;
  /** The user-assigned identity's client id (AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID). */
  readonly clientId: string;
  /** Its principal (object) id: the federated credential's subject. */
  readonly principalId: string;
}

export interface AssertionClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string;
  readonly exp: number;
  readonly nbf: number;
  readonly [claim: string]: unknown;
}

/** Signs and verifies the identity's tokens (HS256 with a per-run key: issuer and verifier are both the simulator). */
export class AssertionSigner {
  private readonly key = randomBytes(32);

  sign(claims: AssertionClaims): string {
    const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${head}.${body}.${this.mac(`${head}.${body}`)}`;
  }

  /** The claims of a token this signer made, or why it is not one. */
  verify(jwt: string): { claims: AssertionClaims } | { problem: string } {
    const [head, body, signature, extra] = jwt.split('.');
    if (!head || !body || !signature || extra !== undefined) return { problem: 'the assertion is not a signed JWT (three parts)' };
    const expected = Buffer.from(this.mac(`${head}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { problem: 'the assertion signature does not verify' };
    try {
      return { claims: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AssertionClaims };
    } catch {
      return { problem: 'the assertion payload is not JSON' };
    }
  }

  private mac(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}

export interface ManagedIdentityOptions {
  readonly host: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly principalId: string;
  /** `${authorityHost}/${tenantId}/v2.0`. */
  readonly issuer: () => string;
  readonly signer: AssertionSigner;
  readonly tokens: TokenStore;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startManagedIdentityEndpoint(o: ManagedIdentityOptions): Promise<ManagedIdentityInfo & { close(): Promise<void> }> {
  const header = randomBytes(16).toString('hex');
  let endpoint = '';
  const server: Server = createServer((req, res) => {
    req.resume();
    const url = new URL(req.url ?? '/', endpoint);
    if (url.pathname !== '/msi/token' || req.method !== 'GET') return send(res, 404, { statusCode: 404, message: 'Not found' });
    if (req.headers['x-identity-header'] !== header) return send(res, 401, { statusCode: 401, message: 'X-IDENTITY-HEADER is missing or wrong.' });
    if (url.searchParams.get('api-version') !== '2019-08-01') return send(res, 400, { statusCode: 400, message: 'api-version 2019-08-01 is required.' });
    const resource = url.searchParams.get('resource') ?? '';
    const clientId = url.searchParams.get('client_id');
    if (!resource) return send(res, 400, { statusCode: 400, message: 'resource is required.' });
    // Only the one user-assigned identity is attached to this "app" (no system-assigned one).
    if (clientId !== o.clientId) return send(res, 400, { statusCode: 400, message: 'Unable to load the proper Managed Identity.', correlationId: randomUUID() });
    const now = Math.floor(Date.now() / 1000);
    // An `api://` resource (an application ID URI such as the token-exchange audience) gets a
    // signed JWT with that audience; an https/http resource (the API) an API token.
    const audience = resource.replace(/\/\.default$/, '');
    const accessToken = audience.startsWith('api://')
      ? o.signer.sign({ iss: o.issuer(), sub: o.principalId, aud: audience, oid: o.principalId, tid: o.tenantId, appid: o.clientId, iat: now, nbf: now, exp: now + LIFETIME_S })
      : o.tokens.issue(o.tenantId).accessToken;
    send(res, 200, { access_token: accessToken, expires_on: String(now + LIFETIME_S), resource, token_type: 'Bearer', client_id: o.clientId });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, o.host, () => resolve());
  });
  endpoint = `http://${o.host}:${(server.address() as AddressInfo).port}/msi/token`;
  return {
    endpoint,
    header,
    clientId: o.clientId,
    principalId: o.principalId,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
