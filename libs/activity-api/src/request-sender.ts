// Sends one API request the way every operation needs it: a token from the shared budget, the
// bearer token, PublisherIdentifier, a per-attempt timeout, the caller's abortSignal, typed errors
// and the one retry layer for throttled and transient failures.
import { randomUUID } from 'node:crypto';
import { abortableSleep, abortReason } from './abortable-sleep';
import { ManagementApiError } from './management-api-error';
import { parseJson, readBodyText, readJsonArrayBody } from './body-reader';
import { isRedirectStatus, redirectTarget } from './redirects';
import { withPublisherIdentifier } from './paging';
import { isSubscriptionStartGuard, retryAfterFromHeaders, retryAfterFromMessage } from './retry-after';
import { decideRetry, type RetryPolicy, type RetryState } from './retry-strategy';
import type { TokenBucket } from './token-bucket';
import type { TokenCache } from './token-cache';

/** Error bodies are small; never read more of one than this. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface ApiRequest {
  readonly method: 'GET' | 'POST';
  /** Absolute URL without PublisherIdentifier (added here). */
  readonly url: string;
  /** Words for messages, e.g. "List content (Audit.Exchange)". */
  readonly operation: string;
  /** False for a subscription start: an ambiguous failure is not retried. */
  readonly idempotent: boolean;
  readonly jsonBody?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Parse the success body as JSON (else it is discarded). */
  readonly expectJson: boolean;
  readonly maxBodyBytes: number;
  /** A content blob GET: only there does "not found / expired" mean lost content. */
  readonly fetchesContent?: boolean;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly requestId: string;
}

export interface RequestStats {
  /** HTTP requests sent (every attempt). */
  requests: number;
  /** Answers that were throttling (AF429 / 429 on 403 or 429). */
  throttled: number;
  /** Attempts repeated after a transient failure. */
  transientRetries: number;
}

export interface RequestSenderOptions {
  /** The API's origin: the token is only ever sent there. */
  readonly apiOrigin: string;
  readonly publisherIdentifier: string;
  readonly tokenCache: TokenCache;
  readonly bucket: TokenBucket;
  readonly retryPolicy: RetryPolicy;
  readonly requestTimeoutInMs: number;
}

export class RequestSender {
  readonly stats: RequestStats = { requests: 0, throttled: 0, transientRetries: 0 };

  constructor(private readonly options: RequestSenderOptions) {}

  async send(request: ApiRequest, abortSignal?: AbortSignal): Promise<ApiResponse> {
    const url = this.trustedUrl(request);
    const state: RetryState = { transientRetries: 0, throttleRetries: 0 };
    let tokenRefreshed = false;
    for (;;) {
      try {
        return await this.attempt(request, url, abortSignal);
      } catch (error) {
        if (abortSignal?.aborted) throw abortReason(abortSignal);
        if (!(error instanceof ManagementApiError)) throw error;
        // The 15-minute start guard is not this process's budget: hand it to the caller at once.
        if (isSubscriptionStartGuard(error.apiMessage)) throw error;
        // A refused token may just have expired early: one retry with a fresh one (cache cleared).
        if (error.statusCode === 401 && !tokenRefreshed) {
          tokenRefreshed = true;
          continue;
        }
        // A gateway timeout is as ambiguous as a reset: the API may have acted on the request.
        const answered = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode !== 504;
        const decision = decideRetry(error, state, this.options.retryPolicy, { idempotent: request.idempotent, answered });
        // The whole publisher is throttled, not just this call: every caller in the process waits,
        // also when the wait is too long for this call and goes back to the caller.
        if (error.category === 'throttled') this.options.bucket.pauseFor(decision.retry ? decision.delayInMs : (error.retryAfterInMs ?? 0));
        if (!decision.retry) throw error;
        if (error.category !== 'throttled') this.stats.transientRetries += 1;
        await abortableSleep(decision.delayInMs, abortSignal);
      }
    }
  }

  /** PublisherIdentifier added; a URL on another origin is refused before any token is fetched. */
  private trustedUrl(request: ApiRequest): string {
    let origin: string | undefined;
    try {
      origin = new URL(request.url).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== this.options.apiOrigin) {
      throw new ManagementApiError({
        code: 'UntrustedUrl',
        category: 'fatal',
        operation: request.operation,
        apiMessage: `the URL ${origin === undefined ? 'is not a valid absolute URL' : `is on ${origin}`}, not on the API's origin ${this.options.apiOrigin}`,
        action: 'nothing was sent (the token goes only to the API); check apiBaseUrl, or report the API answer that pointed elsewhere',
      });
    }
    return withPublisherIdentifier(request.url, this.options.publisherIdentifier);
  }

  private async attempt(request: ApiRequest, url: string, abortSignal?: AbortSignal): Promise<ApiResponse> {
    // Token first: a failing credential must not spend the publisher's request budget.
    const token = await this.options.tokenCache.getToken(abortSignal);
    await this.options.bucket.take(abortSignal);
    const controller = new AbortController();
    const timeout = AbortSignal.timeout(this.options.requestTimeoutInMs);
    const signal = AbortSignal.any(abortSignal ? [controller.signal, timeout, abortSignal] : [controller.signal, timeout]);
    const clientRequestId = randomUUID();
    const headers: Record<string, string> = {
      ...request.headers,
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'client-request-id': clientRequestId,
    };
    if (request.jsonBody !== undefined) headers['content-type'] = 'application/json; charset=utf-8';

    let requestId: string = clientRequestId;
    try {
      const response = await this.fetchFollowingRedirects(request, url, headers, signal, abortSignal, (id) => (requestId = id));
      requestId = response.headers.get('request-id') ?? response.headers.get('client-request-id') ?? clientRequestId;
      const context = { operation: request.operation, requestId, abort: () => controller.abort() };
      if (!response.ok) {
        const text = await readBodyText(response, MAX_ERROR_BODY_BYTES, context).catch((error: unknown) => {
          if (error instanceof ManagementApiError) return ''; // an oversized error body: the status still classifies it
          throw error;
        });
        throw this.errorFromResponse(request, response, text, requestId);
      }
      if (!request.expectJson) {
        await response.body?.cancel().catch(() => undefined);
        return { status: response.status, headers: response.headers, body: undefined, requestId };
      }
      // A blob is parsed as it streams in (never whole next to its records); listings are small.
      const body = request.fetchesContent
        ? await readJsonArrayBody(response, request.maxBodyBytes, { ...context, statusCode: response.status })
        : parseJson(await readBodyText(response, request.maxBodyBytes, context), { operation: request.operation, statusCode: response.status, requestId });
      return { status: response.status, headers: response.headers, body, requestId };
    } catch (error) {
      if (error instanceof ManagementApiError || abortSignal?.aborted) throw error;
      throw networkError(error, timeout.aborted, request, requestId, this.options.requestTimeoutInMs);
    }
  }

  /**
   * fetch with `redirect: 'manual'`: each hop is checked by redirectTarget (same origin as the API,
   * at most MAX_REDIRECTS) before it is sent, takes its own token from the shared budget and gets
   * PublisherIdentifier like any call. undici would otherwise follow a 3xx to any host.
   */
  private async fetchFollowingRedirects(
    request: ApiRequest,
    firstUrl: string,
    headers: Record<string, string>,
    signal: AbortSignal,
    abortSignal: AbortSignal | undefined,
    onRequestId: (id: string) => void,
  ): Promise<Response> {
    let url = firstUrl;
    let method: string = request.method;
    let body = request.jsonBody === undefined ? (request.method === 'POST' ? '' : undefined) : JSON.stringify(request.jsonBody);
    for (let hops = 0; ; hops += 1) {
      if (hops > 0) await this.options.bucket.take(abortSignal);
      this.stats.requests += 1;
      const response = await fetch(url, { method, headers, body, signal, redirect: 'manual' });
      const requestId = response.headers.get('request-id') ?? response.headers.get('client-request-id') ?? headers['client-request-id'];
      if (requestId) onRequestId(requestId);
      if (!isRedirectStatus(response.status)) return response;
      const hop = redirectTarget(response.status, response.headers.get('location'), url, method, {
        operation: request.operation,
        allowedOrigin: this.options.apiOrigin,
        hops,
        requestId,
      });
      if (!hop) return response; // a 3xx without Location: an HTTP error like any other
      await response.body?.cancel().catch(() => undefined);
      url = withPublisherIdentifier(hop.url, this.options.publisherIdentifier);
      if (hop.method === 'GET') {
        method = 'GET';
        body = undefined;
        delete headers['content-type'];
      }
    }
  }

  private errorFromResponse(request: ApiRequest, response: Response, text: string, requestId: string): ManagementApiError {
    const { code, message } = parseErrorBody(text);
    const retryAfterInMs = retryAfterFromHeaders(response.headers, Date.now()) ?? retryAfterFromMessage(message);
    const error = new ManagementApiError({
      code: code ?? `HTTP${response.status}`,
      statusCode: response.status,
      requestId,
      operation: request.operation,
      apiMessage: message,
      retryAfterInMs,
      ...(isSubscriptionStartGuard(message)
        ? { category: 'throttled' as const, action: 'wait, then start again; list subscriptions first and start only the missing ones, never on every poll' }
        : {}),
      // A 404 from anything but a blob is a wrong URL (base URL, tenant), not lost content.
      ...(!request.fetchesContent && code === undefined && response.status === 404
        ? { category: 'fatal' as const, action: 'check apiBaseUrl and the tenant id' }
        : {}),
    });
    if (error.category === 'throttled') this.stats.throttled += 1;
    if (response.status === 401) this.options.tokenCache.clear();
    return error;
  }
}

/** `{"error":{"code","message"}}` (or a bare `{code,message}`); anything else becomes the message. */
export function parseErrorBody(text: string): { code?: string; message?: string } {
  try {
    const parsed = JSON.parse(text) as unknown;
    const inner = isObject(parsed) && isObject(parsed.error) ? parsed.error : parsed;
    if (isObject(inner)) {
      const code = inner.code === undefined || inner.code === null ? undefined : String(inner.code);
      const message = typeof inner.message === 'string' ? inner.message : undefined;
      return { code, message };
    }
  } catch {
    // not JSON: keep the start of the text as the message
  }
  const trimmed = text.trim();
  return trimmed ? { message: trimmed.slice(0, 300) } : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function networkError(error: unknown, timedOut: boolean, request: ApiRequest, requestId: string, timeoutInMs: number): ManagementApiError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = [(error as Error).message, cause?.code, cause?.message].filter(Boolean).join(': ');
  return new ManagementApiError({
    code: timedOut ? 'RequestTimeout' : 'ConnectionError',
    category: 'transient',
    requestId,
    operation: request.operation,
    apiMessage: timedOut ? `no complete answer within ${timeoutInMs} ms` : `the connection failed or the body was cut off (${detail})`,
    action: 'retry with backoff; if it persists check the network path to the API',
    cause: error,
  });
}
