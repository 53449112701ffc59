// A scripted ManagementApi for activity tests: blobs per content type in pages, records per content
// uri, and errors (shaped like the client's, read structurally) injected per call.
import type { AuditRecord, ContentBlob, ContentType } from '@auditflow/ingestion';
import type { ManagementApi, ApiErrorCategory, ContentPage, ContentPageRequest, SubscriptionInfo } from '../src/shared/management-api-port';

export class FakeApiError extends Error {
  constructor(
    readonly category: ApiErrorCategory,
    readonly code: string,
    readonly statusCode = 400,
    /** Throttling: how long the API asked to wait (the client reads it from Retry-After or the message). */
    readonly retryAfterInMs?: number,
  ) {
    super(`fake ${code} (${category})${retryAfterInMs === undefined ? '' : `: retry again after ${Math.ceil(retryAfterInMs / 1000)}s`}`);
  }
}

/** The client's network errors (ConnectionError, RequestTimeout) carry no HTTP status. */
export function withoutStatus(error: FakeApiError): FakeApiError {
  return Object.defineProperty(error, 'statusCode', { value: undefined });
}

export interface FakeCall {
  readonly op: 'listSubscriptions' | 'startSubscription' | 'listContentPage' | 'fetchContent';
  readonly arg?: unknown;
}

export class FakeManagementApi implements ManagementApi {
  readonly calls: FakeCall[] = [];
  subscriptions: SubscriptionInfo[] = [];
  /** Pages of the listing per content type (page i+1 is reached through nextPageUri `page:i+1`). */
  pages = new Map<ContentType, ContentBlob[][]>();
  records = new Map<string, AuditRecord[]>();
  /** Errors thrown by the next calls of an operation, in order (undefined = succeed). */
  failures = new Map<FakeCall['op'], (Error | undefined)[]>();
  /** Errors for particular content uris, thrown on every fetch. */
  fetchFailures = new Map<string, Error>();

  private next(op: FakeCall['op'], arg?: unknown): void {
    this.calls.push({ op, arg });
    const error = this.failures.get(op)?.shift();
    if (error) throw error;
  }

  async listSubscriptions(): Promise<SubscriptionInfo[]> {
    this.next('listSubscriptions');
    return this.subscriptions;
  }

  async startSubscription(contentType: ContentType): Promise<SubscriptionInfo> {
    this.next('startSubscription', contentType);
    const started = { contentType, status: 'enabled' };
    this.subscriptions = [...this.subscriptions.filter((s) => s.contentType !== contentType), started];
    return started;
  }

  /** When set, listings filter every blob of `pages` by the window's contentCreated, like the API, in pages of this size. */
  windowPageSize: number | undefined;

  async listContentPage(contentType: ContentType, request: ContentPageRequest): Promise<ContentPage> {
    this.next('listContentPage', { contentType, ...request });
    if (this.windowPageSize !== undefined) return this.windowPage(contentType, request, this.windowPageSize);
    const pages = this.pages.get(contentType) ?? [[]];
    const index = 'nextPageUri' in request ? Number(request.nextPageUri.split(':')[1]) : 0;
    const blobs = pages[index] ?? [];
    return { blobs, ...(index + 1 < pages.length ? { nextPageUri: `page:${index + 1}` } : {}) };
  }

  private windowPage(contentType: ContentType, request: ContentPageRequest, size: number): ContentPage {
    const [start, end, index] =
      'nextPageUri' in request ? (request.nextPageUri.split('|') as [string, string, string]) : [request.startTime, request.endTime, '0'];
    const inWindow = (this.pages.get(contentType) ?? [])
      .flat()
      .filter((b) => Date.parse(b.contentCreated) >= Date.parse(start) && Date.parse(b.contentCreated) < Date.parse(end));
    const from = Number(index) * size;
    const blobs = inWindow.slice(from, from + size);
    return { blobs, ...(from + size < inWindow.length ? { nextPageUri: `${start}|${end}|${Number(index) + 1}` } : {}) };
  }

  async fetchContent(contentUri: string): Promise<AuditRecord[]> {
    this.next('fetchContent', contentUri);
    const failure = this.fetchFailures.get(contentUri);
    if (failure) throw failure;
    const records = this.records.get(contentUri);
    if (!records) throw new FakeApiError('content-lost', 'AF20050', 404);
    return records;
  }

  count(op: FakeCall['op']): number {
    return this.calls.filter((c) => c.op === op).length;
  }
}

/** A blob and its records: `n` audit records with ids `${contentId}-r${i}`. */
export function testBlob(
  api: FakeManagementApi,
  contentType: ContentType,
  contentId: string,
  contentCreated: string,
  n = 2,
): ContentBlob {
  const contentUri = `https://fake.example/content/${contentId}`;
  api.records.set(
    contentUri,
    Array.from({ length: n }, (_, i) => ({
      Id: `${contentId}-r${i}`,
      CreationTime: contentCreated.replace(/\.\d+Z$/, '').replace(/Z$/, ''),
      Operation: 'FileAccessed',
      UserId: `user${i}@contoso.example`,
      Workload: 'SharePoint',
      RecordType: 6,
    })),
  );
  return {
    contentType,
    contentId,
    contentUri,
    contentCreated,
    contentExpiration: new Date(Date.parse(contentCreated) + 7 * 86_400_000).toISOString(),
  };
}
