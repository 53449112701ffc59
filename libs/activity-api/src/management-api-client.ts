// The typed client of the Office 365 Management Activity API (CONTRACTS.md section 4). Every call
// goes through one RequestSender: the shared per-publisher budget, the token, PublisherIdentifier,
// timeouts and the one retry layer for throttled and transient failures. What comes out is final.
import type { AuditRecord, ContentBlob, ContentType } from '@auditflow/ingestion';
import { isManagementApiError } from './management-api-error';
import { tokenScopeFor } from '@auditflow/config';
import { feedRootFor } from './cloud-endpoints';
import { resolveClientOptions, type ManagementApiClientOptions, type OperationOptions, type ResolvedClientOptions } from './client-options';
import { iteratePages, nextPageLink } from './paging';
import { RequestSender, type ApiRequest, type ApiResponse, type RequestStats } from './request-sender';
import {
  toAuditRecords,
  toContentBlobs,
  toNotifications,
  toSubscription,
  toSubscriptions,
  toArray,
  type ContentPage,
  type Notification,
  type Subscription,
  type SubscriptionWebhook,
} from './response-shapes';
import { sharedTokenBucket } from './token-bucket';
import { TokenCache } from './token-cache';

/** Listings, subscription answers and error bodies are small; cap them well below a blob. */
const MAX_LISTING_BYTES = 16 * 1024 * 1024;

export interface TimeWindow {
  /** ISO 8601 UTC, inclusive; passed to the API as given. */
  readonly startTime: string;
  /** ISO 8601 UTC, exclusive; at most 24 h after startTime. */
  readonly endTime: string;
}

export type ContentPageRequest = TimeWindow | { readonly nextPageUri: string };

export interface StartSubscriptionOptions extends OperationOptions {
  webhook?: SubscriptionWebhook;
}

export interface ListDlpSensitiveTypesOptions extends OperationOptions {
  /** One language for Accept-Language, e.g. 'en-US' (the API refuses lists: AF20053). */
  language?: string;
}

export type ManagementApiStats = Readonly<RequestStats>;

export class ManagementApiClient {
  private readonly options: ResolvedClientOptions;
  private readonly sender: RequestSender;
  private readonly feedRoot: string;

  constructor(options: ManagementApiClientOptions) {
    this.options = resolveClientOptions(options);
    const { apiBaseUrl, tenantId, publisherIdentifier } = this.options;
    this.feedRoot = feedRootFor(apiBaseUrl, tenantId);
    this.sender = new RequestSender({
      apiOrigin: apiBaseUrl,
      publisherIdentifier,
      tokenCache: new TokenCache(this.options.credential, tokenScopeFor(apiBaseUrl)),
      bucket: sharedTokenBucket(apiBaseUrl, publisherIdentifier, this.options.rateLimitPerMinute),
      retryPolicy: this.options.retryPolicy,
      requestTimeoutInMs: this.options.requestTimeoutInMs,
    });
  }

  /** Requests sent (every attempt), throttled answers and transient retries of THIS client. */
  get stats(): ManagementApiStats {
    return this.sender.stats;
  }

  /** The API root in use (scheme://host[:port]). */
  get apiBaseUrl(): string {
    return this.options.apiBaseUrl;
  }

  async listSubscriptions(options: OperationOptions = {}): Promise<Subscription[]> {
    const response = await this.get('/subscriptions/list', 'List subscriptions', options);
    return toSubscriptions(response.body, this.shape('List subscriptions', response));
  }

  /**
   * Starts a subscription. "Already enabled" (AF20024) is success. Not retried after an ambiguous
   * failure (reset, timeout); the 15-minute start guard comes back as a 'throttled' error with
   * retryAfterInMs, never slept through here.
   */
  async startSubscription(contentType: ContentType, options: StartSubscriptionOptions = {}): Promise<Subscription> {
    const operation = `Start subscription (${contentType})`;
    try {
      const response = await this.sender.send(
        this.request('POST', this.url('/subscriptions/start', { contentType }), operation, {
          idempotent: false,
          ...(options.webhook ? { jsonBody: { webhook: options.webhook } } : {}),
        }),
        options.abortSignal,
      );
      return toSubscription(response.body, this.shape(operation, response));
    } catch (error) {
      if (isManagementApiError(error) && error.category === 'success') {
        return { contentType, status: 'enabled', webhook: options.webhook ?? null };
      }
      throw error;
    }
  }

  /** Stops a subscription. Content of a stopped interval is lost for good. */
  async stopSubscription(contentType: ContentType, options: OperationOptions = {}): Promise<void> {
    const operation = `Stop subscription (${contentType})`;
    await this.sender.send(
      this.request('POST', this.url('/subscriptions/stop', { contentType }), operation, { expectJson: false }),
      options.abortSignal,
    );
  }

  /** One page of the content listing: the first page of a window, or the page a nextPageUri names. */
  async listContentPage(contentType: ContentType, request: ContentPageRequest, options: OperationOptions = {}): Promise<ContentPage> {
    const operation = `List content (${contentType})`;
    const url =
      'nextPageUri' in request
        ? request.nextPageUri
        : this.url('/subscriptions/content', { contentType, startTime: request.startTime, endTime: request.endTime });
    const response = await this.sender.send(this.request('GET', url, operation), options.abortSignal);
    const blobs = toContentBlobs(response.body, this.shape(operation, response));
    const next = nextPageLink(response.headers);
    return next === undefined ? { blobs } : { blobs, nextPageUri: new URL(next, url).href };
  }

  /** The listing of one window, page by page (NextPageUri / NextPageUrl followed). */
  listContent(contentType: ContentType, window: TimeWindow, options: OperationOptions = {}): AsyncIterable<ContentBlob[]> {
    return iteratePages(async (nextPageUri) => {
      const page = await this.listContentPage(contentType, nextPageUri === undefined ? window : { nextPageUri }, options);
      return { items: page.blobs, nextPageUri: page.nextPageUri };
    });
  }

  /** The records of one blob. Throws ManagementApiError: content-lost (expired, missing, too large, not an array), ... */
  async fetchContent(contentUri: string, options: OperationOptions = {}): Promise<AuditRecord[]> {
    const operation = 'Fetch content';
    const response = await this.sender.send(
      this.request('GET', contentUri, operation, { maxBodyBytes: this.options.maxBlobBytes, fetchesContent: true }),
      options.abortSignal,
    );
    return toAuditRecords(response.body, this.shape(operation, response));
  }

  /** Notifications sent (or attempted) to the webhook, page by page. */
  listNotifications(contentType: ContentType, window?: TimeWindow, options: OperationOptions = {}): AsyncIterable<Notification[]> {
    const operation = `List notifications (${contentType})`;
    const first = this.url('/subscriptions/notifications', { contentType, ...(window ?? {}) });
    return iteratePages(async (nextPageUri) => {
      const url = nextPageUri ?? first;
      const response = await this.sender.send(this.request('GET', url, operation), options.abortSignal);
      const items = toNotifications(response.body, this.shape(operation, response));
      const next = nextPageLink(response.headers);
      return { items, nextPageUri: next === undefined ? undefined : new URL(next, url).href };
    });
  }

  /** DLP sensitive information type names, in one language. */
  async listDlpSensitiveTypes(options: ListDlpSensitiveTypesOptions = {}): Promise<unknown[]> {
    const operation = 'List DLP sensitive types';
    const headers = options.language ? { 'accept-language': options.language } : undefined;
    const response = await this.sender.send(
      this.request('GET', this.url('/resources/dlpSensitiveTypes', {}), operation, headers ? { headers } : {}),
      options.abortSignal,
    );
    return toArray(response.body, this.shape(operation, response), 'fatal');
  }

  private get(path: string, operation: string, options: OperationOptions): Promise<ApiResponse> {
    return this.sender.send(this.request('GET', this.url(path, {}), operation), options.abortSignal);
  }

  private url(path: string, query: Readonly<Record<string, string>>): string {
    const search = new URLSearchParams(query).toString();
    return `${this.feedRoot}${path}${search ? `?${search}` : ''}`;
  }

  private request(method: ApiRequest['method'], url: string, operation: string, extra: Partial<ApiRequest> = {}): ApiRequest {
    return { method, url, operation, idempotent: true, expectJson: true, maxBodyBytes: MAX_LISTING_BYTES, ...extra };
  }

  private shape(operation: string, response: ApiResponse) {
    return { operation, statusCode: response.status, requestId: response.requestId };
  }
}
