// The simulated Entra ID authority: https (MSAL refuses plain http) with a self-signed certificate
// made at start, serving just what ClientSecretCredential with `disableInstanceDiscovery: true`
// calls: the tenant's OpenID configuration and the v2 token endpoint (client credentials), with a
// client secret or a jwt-bearer client assertion (the managed identity's token for
// api://AzureADTokenExchange that the app registration's federated credential trusts).
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { TOKEN_EXCHANGE_AUDIENCE, type AssertionSigner } from './managed-identity';
import type { TokenStore } from './token-store';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface AuthorityOptions {
  readonly host: string;
  readonly tenantId: string;
  readonly tenantDomain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokens: TokenStore;
  /** Verifies client assertions (the simulator's managed identity signs them). */
  readonly signer: AssertionSigner;
  /** The federated credential's subject: the managed identity's principal id. */
  readonly federatedSubject: string;
}

export interface RunningAuthority {
  readonly authorityHost: string;
  readonly caPem: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function aadError(res: ServerResponse, status: number, error: string, code: number, description: string): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  send(res, status, {
    error,
    error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${new Date().toISOString().replace('T', ' ').slice(0, 19)}Z`,
    error_codes: [code],
    timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
    trace_id: traceId,
    correlation_id: correlationId,
  });
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new RangeError('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startAuthority(options: AuthorityOptions, port = 0): Promise<RunningAuthority> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 2 * 24 * 3_600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  let base = '';
  const knownTenant = (t: string): boolean => t.toLowerCase() === options.tenantId || t.toLowerCase() === options.tenantDomain;

  /** Why a federated client assertion is refused (the AADSTS code and text Entra uses), or undefined. */
  const assertionProblem = (assertion: string, type: string | null, issuer: string): { code: number; description: string } | undefined => {
    if (type !== JWT_BEARER) return { code: 50027, description: `client_assertion_type must be ${JWT_BEARER}.` };
    const verified = options.signer.verify(assertion);
    if ('problem' in verified) return { code: 50027, description: `JWT token is invalid or is malformed: ${verified.problem}.` };
    const { claims } = verified;
    if (claims.iss !== issuer) return { code: 700211, description: `No matching federated identity record found for presented assertion issuer '${String(claims.iss)}'.` };
    if (claims.aud !== TOKEN_EXCHANGE_AUDIENCE) return { code: 700212, description: `No matching federated identity record found for presented assertion audience '${String(claims.aud)}'.` };
    if (claims.sub !== options.federatedSubject) return { code: 700213, description: `No matching federated identity record found for presented assertion subject '${String(claims.sub)}'.` };
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now || (typeof claims.nbf === 'number' && claims.nbf > now + 300)) {
      return { code: 700024, description: 'Client assertion is not within its valid time range.' };
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', base);
    const [tenant, ...rest] = url.pathname.split('/').filter(Boolean);
    const route = rest.join('/');
    if (!tenant || (route !== 'v2.0/.well-known/openid-configuration' && route !== 'oauth2/v2.0/token')) {
      send(res, 404, { error: 'not_found', error_description: `No such endpoint: ${url.pathname}` });
      return;
    }
    if (!knownTenant(tenant)) {
      aadError(res, 400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
      return;
    }
    const root = `${base}/${options.tenantId}`;
    if (route.startsWith('v2.0/')) {
      if (req.method !== 'GET') return send(res, 405, { error: 'invalid_request', error_description: 'Use GET.' });
      send(res, 200, {
        issuer: `${root}/v2.0`,
        authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
        token_endpoint: `${root}/oauth2/v2.0/token`,
        jwks_uri: `${root}/discovery/v2.0/keys`,
        end_session_endpoint: `${root}/oauth2/v2.0/logout`,
        device_authorization_endpoint: `${root}/oauth2/v2.0/devicecode`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
      });
      return;
    }
    if (req.method !== 'POST') return send(res, 405, { error: 'invalid_request', error_description: 'Use POST.' });
    const form = new URLSearchParams(await readBody(req));
    if (form.get('grant_type') !== 'client_credentials') {
      aadError(res, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.get('grant_type') ?? ''}'.`);
      return;
    }
    const scope = form.get('scope') ?? '';
    if (!scope.split(' ').some((s) => s.endsWith('/.default'))) {
      aadError(res, 400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
      return;
    }
    if (form.get('client_id') !== options.clientId) {
      aadError(res, 400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory '${options.tenantId}'.`);
      return;
    }
    const assertion = form.get('client_assertion');
    if (assertion !== null || form.get('client_assertion_type') !== null) {
      const refusal = assertionProblem(assertion ?? '', form.get('client_assertion_type'), `${root}/v2.0`);
      if (refusal) {
        aadError(res, 401, 'invalid_client', refusal.code, refusal.description);
        return;
      }
    } else if (form.get('client_secret') !== options.clientSecret) {
      aadError(res, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${options.clientId}'.`);
      return;
    }
    const { accessToken, expiresIn } = options.tokens.issue(options.tenantId);
    send(res, 200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken });
  };

  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: 'server_error', error_description: `AADSTS50000: ${(error as Error).message}` });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host, () => resolve());
  });
  base = `https://${options.host}:${(server.address() as AddressInfo).port}`;
  return {
    authorityHost: base,
    caPem: pems.cert,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
