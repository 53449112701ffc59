// What each operation's success body must look like. A body of the wrong shape becomes an
// InvalidResponse error instead of a silent partial result; blobs of the wrong shape are
// 'content-lost' (the caller records a gap), listings of the wrong shape are 'fatal'.
import type { AuditRecord, ContentBlob, ContentType } from '@auditflow/ingestion';
import { ManagementApiError } from './management-api-error';
import type { ErrorCategory } from './error-table';

export interface SubscriptionWebhook {
  readonly address: string;
  readonly authId?: string;
  readonly expiration?: string | null;
}

export interface Subscription {
  readonly contentType: string;
  /** 'enabled' or 'disabled' as the API says it. */
  readonly status: string;
  readonly webhook: SubscriptionWebhook | null;
}

/** A notification as `GET /subscriptions/notifications` lists it (webhook debugging). */
export interface Notification {
  readonly contentType: string;
  readonly contentId: string;
  readonly contentUri: string;
  readonly contentCreated: string;
  readonly contentExpiration: string;
  readonly [field: string]: unknown;
}

export interface ContentPage {
  readonly blobs: ContentBlob[];
  /** The next page as the API gave it (without our PublisherIdentifier); absent on the last page. */
  readonly nextPageUri?: string;
}

export interface ShapeContext {
  readonly operation: string;
  readonly statusCode: number;
  readonly requestId?: string;
}

export function invalidResponse(context: ShapeContext, what: string, category: ErrorCategory): ManagementApiError {
  return new ManagementApiError({
    code: 'InvalidResponse',
    category,
    statusCode: context.statusCode,
    requestId: context.requestId,
    operation: context.operation,
    apiMessage: what,
    action:
      category === 'content-lost'
        ? 'record the blob as a gap (content-invalid) and go on'
        : 'report it with the request id: the API answered in a shape this client does not know',
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a JSON ${typeof value}`;
}

export function toArray(body: unknown, context: ShapeContext, category: ErrorCategory): unknown[] {
  if (!Array.isArray(body)) throw invalidResponse(context, `expected a JSON array, got ${describe(body)}`, category);
  return body;
}

/** A blob's records: the array itself; each record's shape is judged later by normalization. */
export function toAuditRecords(body: unknown, context: ShapeContext): AuditRecord[] {
  return toArray(body, context, 'content-lost') as AuditRecord[];
}

const BLOB_FIELDS = ['contentType', 'contentId', 'contentUri', 'contentCreated', 'contentExpiration'] as const;

export function toContentBlobs(body: unknown, context: ShapeContext): ContentBlob[] {
  return toArray(body, context, 'fatal').map((item, index) => {
    if (!isObject(item) || BLOB_FIELDS.some((field) => typeof item[field] !== 'string')) {
      throw invalidResponse(context, `item ${index} of the content list lacks one of ${BLOB_FIELDS.join(', ')}`, 'fatal');
    }
    return {
      contentType: item.contentType as ContentType,
      contentId: item.contentId as string,
      contentUri: item.contentUri as string,
      contentCreated: item.contentCreated as string,
      contentExpiration: item.contentExpiration as string,
    };
  });
}

export function toSubscription(body: unknown, context: ShapeContext): Subscription {
  if (!isObject(body) || typeof body.contentType !== 'string' || typeof body.status !== 'string') {
    throw invalidResponse(context, `expected a subscription {contentType, status, webhook}, got ${describe(body)}`, 'fatal');
  }
  const webhook = isObject(body.webhook) && typeof body.webhook.address === 'string' ? (body.webhook as unknown as SubscriptionWebhook) : null;
  return { contentType: body.contentType, status: body.status, webhook };
}

export function toSubscriptions(body: unknown, context: ShapeContext): Subscription[] {
  return toArray(body, context, 'fatal').map((item) => toSubscription(item, context));
}

export function toNotifications(body: unknown, context: ShapeContext): Notification[] {
  return toArray(body, context, 'fatal').map((item, index) => {
    if (!isObject(item) || typeof item.contentUri !== 'string') {
      throw invalidResponse(context, `item ${index} of the notifications is not a content notification`, 'fatal');
    }
    return item as Notification;
  });
}
