// The one redirect rule (CONTRACTS.md C2): follow a redirect only to the origin the request went
// to (the API's origin; for token requests the authority's or the identity endpoint's), at most
// MAX_REDIRECTS hops. A redirect elsewhere is never followed and never a result: a listing that
// came back `[]` from another host would look like an empty window, a blob from another host would
// be stored as the tenant's events, and the bearer token would go with it.
import { ManagementApiError } from './management-api-error';

/** Hops followed for one request before TooManyRedirects (the fetch standard allows 20; we need few). */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

export interface RedirectHop {
  readonly url: string;
  /** 303, and 301/302 after a POST, turn into a GET without a body (the fetch standard's rule). */
  readonly method: 'keep' | 'GET';
}

export interface RedirectContext {
  readonly operation: string;
  /** The only origin a hop may go to. */
  readonly allowedOrigin: string;
  /** Hops already followed for this request. */
  readonly hops: number;
  readonly requestId?: string;
}

/**
 * Where a 3xx answer may lead. Throws ManagementApiError `UntrustedRedirect` (another origin, with
 * `fromOrigin`/`toOrigin`) or `TooManyRedirects` (more than MAX_REDIRECTS hops), both `fatal`.
 * Returns undefined when the answer carries no Location (the caller treats it as an HTTP error).
 */
export function redirectTarget(status: number, location: string | null, currentUrl: string, method: string, context: RedirectContext): RedirectHop | undefined {
  if (!location?.trim()) return undefined;
  const from = new URL(currentUrl);
  let target: URL | undefined;
  try {
    target = new URL(location.trim(), from);
  } catch {
    target = undefined;
  }
  const toOrigin = target?.origin ?? `an invalid Location (${location.trim().slice(0, 100)})`;
  if (!target || target.origin !== context.allowedOrigin) {
    throw new ManagementApiError({
      code: 'UntrustedRedirect',
      category: 'fatal',
      statusCode: status,
      requestId: context.requestId,
      operation: context.operation,
      fromOrigin: from.origin,
      toOrigin,
      apiMessage: `${from.origin} answered HTTP ${status} redirecting to ${toOrigin}, which is not ${context.allowedOrigin}; the redirect was not followed and nothing from it was used`,
      action: `check that the configured host is the real one (a proxy or a compromised host redirects elsewhere); nothing is collected from ${toOrigin}`,
    });
  }
  if (context.hops >= MAX_REDIRECTS) {
    throw new ManagementApiError({
      code: 'TooManyRedirects',
      category: 'fatal',
      statusCode: status,
      requestId: context.requestId,
      operation: context.operation,
      fromOrigin: from.origin,
      toOrigin: target.origin,
      apiMessage: `more than ${MAX_REDIRECTS} redirects within ${context.allowedOrigin} (last: ${from.pathname} -> ${target.pathname}); a redirect loop`,
      action: 'report it: the host keeps redirecting; nothing was collected from this request',
    });
  }
  const toGet = status === 303 || ((status === 301 || status === 302) && method.toUpperCase() === 'POST');
  return { url: target.href, method: toGet ? 'GET' : 'keep' };
}
