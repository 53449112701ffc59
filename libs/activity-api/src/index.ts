// Public face of @auditflow/activity-api (CONTRACTS.md section 4).
export { ManagementApiClient, type ManagementApiStats, type ContentPageRequest, type ListDlpSensitiveTypesOptions, type StartSubscriptionOptions, type TimeWindow } from './management-api-client';
export { DEFAULT_MAX_BLOB_BYTES, DEFAULT_REQUEST_TIMEOUT_IN_MS, type ManagementApiClientOptions, type OperationOptions } from './client-options';
export { ManagementApiError, isManagementApiError, type ManagementApiErrorInit, type ClientErrorCode } from './management-api-error';
export { AF_ERROR_TABLE, ERROR_CATEGORIES, HTTP_STATUS_TABLE, classifyError, lookupError, type ErrorCategory, type ErrorTableEntry } from './error-table';
export { authorityCaPolicy, createCredential, type CreateCredentialOptions } from './create-credential';
export { feedRootFor, resolveEndpoints, type CloudEndpoints, type ResolveEndpointsOptions } from './cloud-endpoints';
export { MAX_REDIRECTS } from './redirects';
export { DEFAULT_RETRY_POLICY, type RetryOptions, type RetryPolicy } from './retry-strategy';
export { DEFAULT_RATE_LIMIT_PER_MINUTE } from './token-bucket';
export { retryAfterFromHeaders, retryAfterFromMessage } from './retry-after';
export type { RequestStats } from './request-sender';
export type { ContentPage, Notification, Subscription, SubscriptionWebhook } from './response-shapes';
export type { TokenCredential } from '@azure/identity';
