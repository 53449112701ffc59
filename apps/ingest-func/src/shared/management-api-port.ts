// The part of @auditflow/activity-api's ManagementApiClient the activities use. Activities depend on
// this shape (the real client satisfies it) so tests inject a small fake instead of a server.
import type { ErrorCategory } from '@auditflow/activity-api';
import type { AuditRecord, ContentBlob, ContentType } from '@auditflow/ingestion';

export interface SubscriptionInfo {
  readonly contentType: string;
  readonly status: string; // 'enabled' | 'disabled'
}

export interface ContentPage {
  readonly blobs: ContentBlob[];
  readonly nextPageUri?: string;
}

export type ContentPageRequest =
  | { readonly startTime: string; readonly endTime: string }
  | { readonly nextPageUri: string };

export interface ManagementApi {
  listSubscriptions(): Promise<SubscriptionInfo[]>;
  startSubscription(contentType: ContentType): Promise<SubscriptionInfo>;
  listContentPage(contentType: ContentType, request: ContentPageRequest): Promise<ContentPage>;
  fetchContent(contentUri: string): Promise<AuditRecord[]>;
}

/** Error categories of the API client (CONTRACTS.md section 4): THE list, imported, not copied. */
export type ApiErrorCategory = ErrorCategory;

export interface ApiErrorLike {
  readonly code?: string;
  readonly statusCode?: number;
  readonly category: ApiErrorCategory;
  readonly message: string;
  /** Throttling: how long the API asked to wait (Retry-After, or "retry again after Xm Ys"). */
  readonly retryAfterInMs?: number;
}

/**
 * Structural guard: the app must recognise the client's typed errors even when they cross a
 * bundle boundary (instanceof would not), so it reads `category` like isManagementApiError does.
 */
export function apiErrorOf(error: unknown): ApiErrorLike | undefined {
  if (error instanceof Error && typeof (error as { category?: unknown }).category === 'string') {
    return error as unknown as ApiErrorLike;
  }
  return undefined;
}
