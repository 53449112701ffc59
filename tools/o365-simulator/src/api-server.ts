// The API's HTTP front: authentication, tenant binding, PublisherIdentifier, the sliding-window
// throttle, and the injected faults (5xx, slow answers, truncated blobs, connection resets), then
// the operation itself (api-routes). Faults are drawn per request from one seeded stream, so a
// retry of a failed request can succeed; only expired blobs are fixed per blob (blob-catalog).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { ApiError, apiErrors } from './api-error';
import { handleRoute, queryValue, type RouteContext, type RouteResult } from './api-routes';
import type { BlobCatalog } from './blob-catalog';
import type { BlobFaultPlan } from './blob-faults';
import { SlidingWindowLimiter } from './rate-limiter';
import { SeededRandom, hashOf } from './seeded-random';
import type { ResolvedFaults } from './simulator-options';
import type { Subscriptions } from './subscriptions';
import type { TokenStore } from './token-store';

export interface ApiServerOptions {
  readonly host: string;
  readonly port: number;
  readonly tenantId: string;
  readonly seed: number;
  readonly pageSize: number;
  readonly faults: ResolvedFaults;
  readonly catalog: BlobCatalog;
  readonly subscriptions: Subscriptions;
  readonly tokens: TokenStore;
  readonly nowMs: () => number;
  readonly blobFaults: BlobFaultPlan;
  readonly secondOrigin: string | undefined;
}

export interface ApiStats {
  requests: number;
  throttled: number;
  /** Responses by HTTP status; 0 counts connections reset on purpose. */
  byStatus: Record<number, number>;
}

export interface RunningApi {
  readonly url: string;
  readonly stats: ApiStats;
  close(): Promise<void>;
}

const ROUTE = /^\/api\/v1(?:\.0)?\/([^/]+)\/activity\/feed\/(.+)$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const METHOD_NAMES: Record<string, string> = {
  'subscriptions/start': 'StartSubscription',
  'subscriptions/stop': 'StopSubscription',
  'subscriptions/list': 'ListSubscriptions',
  'subscriptions/content': 'ListContent',
  'subscriptions/notifications': 'ListNotifications',
  'resources/dlpSensitiveTypes': 'GetDlpSensitiveTypes',
};

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw apiErrors.invalidParameter('body', 'json (at most 64 KiB)');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startApiServer(o: ApiServerOptions): Promise<RunningApi> {
  const stats: ApiStats = { requests: 0, throttled: 0, byStatus: {} };
  const limiter = new SlidingWindowLimiter(o.faults.rateLimitPerMinute);
  const dice = new SeededRandom(hashOf(o.seed, 'faults'));
  let baseUrl = '';
  const count = (status: number) => {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
  };

  const send = (res: ServerResponse, result: RouteResult, requestId: string): void => {
    const text = result.body === undefined ? '' : JSON.stringify(result.body);
    const headers: Record<string, string | number> = { 'request-id': requestId, 'client-request-id': requestId, ...result.headers };
    if (text) headers['content-type'] = 'application/json; charset=utf-8';
    if (result.special) {
      sendSpecial(res, result, headers, text);
      return;
    }
    const full = Buffer.from(text, 'utf8');
    if (result.status === 200 && full.length >= 2 && dice.chance(o.faults.connectionResetRate)) {
      // Headers and part of the body go out, then the connection dies: the client must retry.
      count(0);
      res.writeHead(200, { ...headers, 'content-length': full.length });
      res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.socket?.destroy());
      return;
    }
    let body = full;
    if (result.isBlob && full.length > 2 && dice.chance(o.faults.truncatedBodyRate)) {
      body = full.subarray(0, 1 + Math.floor(dice.next() * (full.length - 2)));
    }
    count(result.status);
    res.writeHead(result.status, { ...headers, 'content-length': body.length });
    res.end(body);
  };

  /** The adversarial answers of blob-faults.ts; never subject to the per-request dice. */
  const sendSpecial = (res: ServerResponse, result: RouteResult, headers: Record<string, string | number>, text: string): void => {
    const special = result.special!;
    count(result.status);
    if (special.kind === 'redirect') {
      res.writeHead(302, { ...headers, location: special.location, 'content-length': 0 });
      res.end();
      return;
    }
    const json = { ...headers, 'content-type': 'application/json; charset=utf-8' };
    if (special.mode === 'not-json') {
      const body = '<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>';
      res.writeHead(200, { ...json, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } else if (special.mode === 'gzip-no-header') {
      // The records gzip-compressed, but no Content-Encoding: the bytes are not JSON as sent.
      const body = gzipSync(text);
      res.writeHead(200, { ...json, 'content-length': body.length });
      res.end(body);
    } else {
      // 'trickle': a never-ending body, one byte at a time, past any read timeout.
      res.writeHead(200, json);
      res.write('[');
      const timer = setInterval(() => res.write(' '), special.trickleMs);
      res.on('close', () => clearInterval(timer));
    }
  };

  const handle = async (req: IncomingMessage): Promise<RouteResult> => {
    const url = new URL(req.url ?? '/', baseUrl);
    const m = ROUTE.exec(url.pathname);
    const auth = req.headers.authorization ?? '';
    const tokenTenant = auth.toLowerCase().startsWith('bearer ') ? o.tokens.tenantOf(auth.slice(7).trim()) : undefined;
    if (!tokenTenant) {
      return { status: 401, body: { Message: 'Authorization has been denied for this request.' }, headers: { 'WWW-Authenticate': 'Bearer' } };
    }
    if (!m) throw apiErrors.notFound(url.pathname);
    const urlTenant = decodeURIComponent(m[1] ?? '');
    if (!GUID.test(urlTenant)) throw apiErrors.tenantNotGuid(urlTenant);
    if (urlTenant.toLowerCase() !== tokenTenant) throw apiErrors.tenantMismatch(urlTenant, tokenTenant);
    const publisher = queryValue(url.searchParams, 'PublisherIdentifier');
    if (!publisher) throw apiErrors.missingParameter('PublisherIdentifier');
    const route = m[2] ?? '';
    const admitted = limiter.tryAcquire(publisher);
    if (!admitted.ok) {
      stats.throttled += 1;
      const status = o.faults.throttleStatus === 'mixed' ? (dice.chance(0.5) ? 403 : 429) : o.faults.throttleStatus;
      const method = route.startsWith('audit/') ? 'GetBlob' : (METHOD_NAMES[route] ?? 'Unknown');
      throw new ApiError(status, 'AF429', `Too many requests. Method=${method}, PublisherId=${publisher}`, {
        'Retry-After': String(Math.max(1, Math.ceil(admitted.retryAfterMs / 1000))),
      });
    }
    if (dice.chance(o.faults.serverErrorRate)) throw apiErrors.internal(dice.chance(0.5) ? 500 : 503);
    if (dice.chance(o.faults.slowResponseRate)) await sleep(o.faults.slowResponseMs);
    const body = req.method === 'POST' ? await readBody(req) : '';
    const ctx: RouteContext = {
      catalog: o.catalog,
      subscriptions: o.subscriptions,
      nowMs: o.nowMs(),
      baseUrl,
      tenantId: o.tenantId,
      pageSize: o.pageSize,
      blobFaults: o.blobFaults,
      secondOrigin: o.secondOrigin,
    };
    return handleRoute(ctx, { method: req.method ?? 'GET', route, query: url.searchParams, headers: req.headers, body });
  };

  const server: Server = createServer((req, res) => {
    stats.requests += 1;
    const requestId = randomUUID();
    handle(req)
      .then((result) => send(res, result, requestId))
      .catch((error: unknown) => {
        const apiError = error instanceof ApiError ? error : apiErrors.internal(500);
        if (!(error instanceof ApiError)) console.error('o365-simulator: unexpected error', error);
        if (res.headersSent) {
          res.destroy();
          return;
        }
        send(res, { status: apiError.statusCode, body: apiError.body(), headers: { ...apiError.headers } }, requestId);
      });
  });
  // Long idle keep-alive (clients reuse sockets across slow phases); undici honours the hint.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  baseUrl = `http://${o.host}:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
