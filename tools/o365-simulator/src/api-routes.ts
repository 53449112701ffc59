// The Management Activity API operations under /api/v1.0/{tenant}/activity/feed/, with the real
// service's rules for windows, paging and content retrieval (o365-api.md, "Operations").
import { isContentType, type ContentType } from '@auditflow/ingestion';
import { apiErrors } from './api-error';
import type { BlobFaultPlan, UnreadableMode } from './blob-faults';
import { DAY_MS, RETENTION_MS, type BlobCatalog, type ListingEntry } from './blob-catalog';
import { decodeContentId } from './content-id';
import { DLP_SENSITIVE_TYPES } from './dlp-sensitive-types';
import { hashOf } from './seeded-random';
import type { Subscriptions, Webhook } from './subscriptions';

export interface RouteContext {
  readonly catalog: BlobCatalog;
  readonly subscriptions: Subscriptions;
  readonly nowMs: number;
  /** API root, e.g. http://127.0.0.1:7070 */
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly pageSize: number;
  readonly blobFaults: BlobFaultPlan;
  /** The second origin of the redirect faults, when they are on. */
  readonly secondOrigin: string | undefined;
}

export interface RouteRequest {
  readonly method: string;
  /** Path after /activity/feed/ */
  readonly route: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  /** A content blob (the truncated-body fault applies to these only). */
  readonly isBlob?: boolean;
  /** An adversarial answer (blob-faults.ts): a 302, or a blob body that never reads. */
  readonly special?: { readonly kind: 'redirect'; readonly location: string } | { readonly kind: 'unreadable'; readonly mode: UnreadableMode; readonly trickleMs: number };
}

/** Query parameters are matched case-insensitively, as the service does. */
export function queryValue(query: URLSearchParams, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of query) if (key.toLowerCase() === lower) return value;
  return undefined;
}

const TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?(Z|[+-]\d{2}:\d{2})?$/i;

function parseTime(name: string, value: string): number {
  if (!TIME.test(value)) throw apiErrors.invalidParameter(name, 'datetime');
  const withZone = /(Z|[+-]\d{2}:\d{2})$/i.test(value) ? value : `${value.length === 10 ? `${value}T00:00:00` : value}Z`;
  const ms = Date.parse(withZone);
  if (Number.isNaN(ms)) throw apiErrors.invalidParameter(name, 'datetime');
  return ms;
}

function contentTypeOf(query: URLSearchParams): ContentType {
  const value = queryValue(query, 'contentType');
  if (value === undefined) throw apiErrors.missingParameter('contentType');
  if (!isContentType(value)) throw apiErrors.badContentType();
  return value;
}

/** The listing window: both bounds or neither (last 24 h), <= 24 h, start < end, start <= 7 days back. */
export function listingWindow(query: URLSearchParams, nowMs: number): { startMs: number; endMs: number } {
  const start = queryValue(query, 'startTime');
  const end = queryValue(query, 'endTime');
  if (start === undefined && end === undefined) return { startMs: nowMs - DAY_MS, endMs: nowMs };
  if (start === undefined || end === undefined) throw apiErrors.badWindow();
  const startMs = parseTime('startTime', start);
  const endMs = parseTime('endTime', end);
  if (startMs >= endMs || endMs - startMs > DAY_MS || startMs < nowMs - RETENTION_MS) throw apiErrors.badWindow();
  return { startMs, endMs };
}

function pageToken(contentType: ContentType, startMs: number, endMs: number, offset: number): string {
  const check = hashOf(contentType, startMs, endMs, offset, 'page').toString(16).padStart(8, '0');
  return `${new Date(startMs).toISOString().slice(0, 13).replace(/[-T]/g, '')}R${String(offset).padStart(8, '0')}${check}`;
}

function pageOffset(token: string, contentType: ContentType, startMs: number, endMs: number): number {
  const m = /^\d{10}R(\d{8})[0-9a-f]{8}$/.exec(token);
  const offset = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(offset) || pageToken(contentType, startMs, endMs, offset) !== token) throw apiErrors.badNextPage(token);
  return offset;
}

function paged<T>(ctx: RouteContext, op: string, query: URLSearchParams, entries: ListingEntry[], map: (e: ListingEntry) => T): RouteResult {
  const contentType = contentTypeOf(query);
  const { startMs, endMs } = listingWindow(query, ctx.nowMs);
  const next = queryValue(query, 'nextPage');
  const offset = next === undefined ? 0 : pageOffset(next, contentType, startMs, endMs);
  if (op === 'content' && ctx.secondOrigin && ctx.blobFaults.redirectsListing(contentType, Math.floor(offset / ctx.pageSize))) {
    return { status: 302, body: undefined, special: { kind: 'redirect', location: `${ctx.secondOrigin}${feedPath(ctx)}/subscriptions/content?${query.toString()}` } };
  }
  const page = entries.slice(offset, offset + ctx.pageSize);
  const headers: Record<string, string> = {};
  if (offset + ctx.pageSize < entries.length) {
    const params = new URLSearchParams({
      contentType,
      startTime: new Date(startMs).toISOString(),
      endTime: new Date(endMs).toISOString(),
      nextPage: pageToken(contentType, startMs, endMs, offset + ctx.pageSize),
    });
    headers['NextPageUri'] = `${ctx.baseUrl}${feedPath(ctx)}/subscriptions/${op}?${params.toString()}`;
  }
  return { status: 200, body: page.map(map), headers };
}

function feedPath(ctx: RouteContext): string {
  return `/api/v1.0/${ctx.tenantId}/activity/feed`;
}

function contentObject(ctx: RouteContext, e: ListingEntry): Record<string, string> {
  return {
    contentType: e.blob.contentType,
    contentId: e.blob.contentId,
    contentUri: `${ctx.baseUrl}/api/v1.0/${ctx.tenantId}/activity/feed/audit/${e.blob.contentId}`,
    contentCreated: new Date(e.contentCreatedMs).toISOString(),
    contentExpiration: new Date(e.blob.createdMs + RETENTION_MS).toISOString(),
  };
}

function parseWebhook(body: string): Webhook | null {
  if (!body.trim()) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw apiErrors.invalidParameter('body', 'json');
  }
  const hook = (parsed as { webhook?: { address?: unknown; authId?: unknown; expiration?: unknown } } | null)?.webhook;
  if (!hook) return null;
  if (typeof hook.address !== 'string' || !hook.address) throw apiErrors.missingParameter('webhook.address');
  const authId = typeof hook.authId === 'string' && hook.authId ? hook.authId : null;
  const expiration = typeof hook.expiration === 'string' && hook.expiration ? hook.expiration : null;
  return { status: 'enabled', address: hook.address, authId, expiration };
}

function getBlob(ctx: RouteContext, rawId: string): RouteResult {
  let contentId: string;
  try {
    contentId = decodeURIComponent(rawId);
  } catch {
    throw apiErrors.contentIdInvalid(rawId);
  }
  const key = decodeContentId(ctx.catalog.params.seed, contentId);
  if (!key) throw apiErrors.contentIdInvalid(contentId);
  const blob = ctx.catalog.find(key);
  if (!blob || blob.createdMs > ctx.nowMs) throw apiErrors.contentMissing(contentId);
  ctx.subscriptions.require(key.contentType);
  if (blob.lost || blob.createdMs + RETENTION_MS <= ctx.nowMs) throw apiErrors.contentExpired(contentId);
  const fault = ctx.blobFaults.blobFault(contentId);
  if (fault?.kind === 'redirect' && ctx.secondOrigin) {
    return { status: 302, body: undefined, special: { kind: 'redirect', location: `${ctx.secondOrigin}${feedPath(ctx)}/audit/${encodeURIComponent(contentId)}` } };
  }
  if (fault?.kind === 'unreadable' && fault.mode === 'redirect-loop') {
    // Same origin, same URL: a collector that follows redirects within the API origin loops.
    return { status: 302, body: undefined, special: { kind: 'redirect', location: `${ctx.baseUrl}${feedPath(ctx)}/audit/${encodeURIComponent(contentId)}` } };
  }
  if (fault?.kind === 'unreadable') return { status: 200, body: ctx.catalog.records(blob), isBlob: true, special: { kind: 'unreadable', mode: fault.mode, trickleMs: fault.trickleMs } };
  return { status: 200, body: ctx.catalog.records(blob), isBlob: true };
}

function dlpSensitiveTypes(req: RouteRequest): RouteResult {
  const raw = req.headers['accept-language'];
  const language = (Array.isArray(raw) ? raw.join(',') : raw ?? 'en-US').trim();
  if (language.includes(',')) throw apiErrors.languages();
  if (!/^[a-z]{1,8}(-[a-z0-9]{1,8})*$/i.test(language)) throw apiErrors.languageSyntax();
  return { status: 200, body: DLP_SENSITIVE_TYPES, headers: { 'Content-Language': language } };
}

function requireMethod(req: RouteRequest, method: string): void {
  if (req.method !== method) throw apiErrors.methodNotAllowed(req.method);
}

export function handleRoute(ctx: RouteContext, req: RouteRequest): RouteResult {
  const { route, query } = req;
  if (route.startsWith('audit/')) {
    requireMethod(req, 'GET');
    return getBlob(ctx, route.slice('audit/'.length));
  }
  switch (route) {
    case 'subscriptions/start': {
      requireMethod(req, 'POST');
      const contentType = contentTypeOf(query);
      return { status: 200, body: ctx.subscriptions.start(contentType, parseWebhook(req.body)) };
    }
    case 'subscriptions/stop':
      requireMethod(req, 'POST');
      ctx.subscriptions.stop(contentTypeOf(query));
      return { status: 200, body: undefined };
    case 'subscriptions/list':
      requireMethod(req, 'GET');
      return { status: 200, body: ctx.subscriptions.list() };
    case 'subscriptions/content': {
      requireMethod(req, 'GET');
      const contentType = contentTypeOf(query);
      const { startMs, endMs } = listingWindow(query, ctx.nowMs);
      ctx.subscriptions.require(contentType);
      const entries = ctx.catalog.listing(contentType, startMs, endMs, ctx.nowMs);
      return paged(ctx, 'content', query, entries, (e) => contentObject(ctx, e));
    }
    case 'subscriptions/notifications': {
      requireMethod(req, 'GET');
      const contentType = contentTypeOf(query);
      const { startMs, endMs } = listingWindow(query, ctx.nowMs);
      const subscription = ctx.subscriptions.require(contentType);
      // Only a subscription with a webhook has notifications (none are actually sent: polling is the path).
      const entries = subscription.webhook ? ctx.catalog.listing(contentType, startMs, endMs, ctx.nowMs) : [];
      return paged(ctx, 'notifications', query, entries, (e) => ({
        ...contentObject(ctx, e),
        notificationSent: new Date(e.contentCreatedMs + 5_000).toISOString(),
        notificationStatus: 'Succeeded',
      }));
    }
    case 'resources/dlpSensitiveTypes':
      requireMethod(req, 'GET');
      return dlpSensitiveTypes(req);
    default:
      throw apiErrors.notFound(route);
  }
}
