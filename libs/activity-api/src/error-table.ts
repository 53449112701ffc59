// THE one classification of Management Activity API failures (o365-api.md, "Errors"). Every AF
// code and HTTP status maps to a category that decides who acts: the client retries 'transient'
// and 'throttled'; callers handle the rest. Classify by the body's code first (AF429 arrives as
// HTTP 403 as often as 429), and fall back to the HTTP status only when the body has no code.

/**
 * THE error categories (CONTRACTS.md section 4). Apps import `ErrorCategory` (and this list) from
 * here instead of keeping a copy, so a new category is a compile error wherever it is not handled.
 * - fatal: configuration or programming error: a person must act; retrying cannot help
 * - transient: retry with backoff (the client already did)
 * - throttled: wait (Retry-After) and retry (the client already did, or gives retryAfterInMs)
 * - resubscribe: no subscription: start it, then retry
 * - window: the listing window or next page is invalid: re-plan / relist
 * - content-lost: the blob is gone or unusable for good: record a gap and go on
 * - success: AF20024, the subscription is already enabled
 * - disabled: AF20023, an admin disabled the subscription; alert, never restart automatically
 */
export const ERROR_CATEGORIES = ['fatal', 'transient', 'throttled', 'resubscribe', 'window', 'content-lost', 'success', 'disabled'] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

export interface ErrorTableEntry {
  readonly category: ErrorCategory;
  /** What the documentation says the code means. */
  readonly meaning: string;
  /** What the operator or the caller should do about it. */
  readonly action: string;
}

const CONFIG = 'check the app registration, its admin-consented app roles and the tenant settings';

export const AF_ERROR_TABLE: Readonly<Record<string, ErrorTableEntry>> = Object.freeze({
  AF10001: { category: 'fatal', meaning: 'the permission set in the token lacks ActivityFeed.Read', action: 'grant ActivityFeed.Read (application) to the app or managed identity and admin-consent it' },
  AF20001: { category: 'fatal', meaning: 'missing parameter', action: 'this is a client bug: report it with the request id' },
  AF20002: { category: 'fatal', meaning: 'invalid parameter type', action: 'this is a client bug: report it with the request id' },
  AF20003: { category: 'fatal', meaning: 'webhook expiration is in the past', action: 'give a future expiration or none' },
  AF20010: { category: 'fatal', meaning: 'the tenant in the URL does not match the token', action: 'make AUDITFLOW_TENANT_ID the tenant the credential signs in to' },
  AF20011: { category: 'fatal', meaning: 'the tenant does not exist or was deleted', action: `${CONFIG}; turn on unified audit logging` },
  AF20012: { category: 'fatal', meaning: 'the tenant is incorrectly configured', action: `${CONFIG}; turn on unified audit logging` },
  AF20013: { category: 'fatal', meaning: 'the tenant id in the URL is not a GUID', action: 'set AUDITFLOW_TENANT_ID to the tenant GUID' },
  AF20020: { category: 'fatal', meaning: 'the content type is not valid', action: 'use Audit.AzureActiveDirectory, Audit.Exchange, Audit.SharePoint, Audit.General or DLP.All' },
  AF20021: { category: 'fatal', meaning: 'the webhook endpoint could not be validated', action: 'make the webhook answer its validation POST with 200 over HTTPS, or start without a webhook' },
  AF20022: { category: 'resubscribe', meaning: 'no subscription for the content type', action: 'start the subscription, then list again' },
  AF20023: { category: 'disabled', meaning: 'the subscription was disabled by an admin', action: 'alert an operator; do not restart it automatically' },
  AF20024: { category: 'success', meaning: 'the subscription is already enabled', action: 'nothing: treat as started' },
  AF20030: { category: 'window', meaning: 'start and end must both be given, at most 24 h apart, start at most 7 days back', action: 're-plan the window (use the response Date header if the clocks disagree)' },
  AF20031: { category: 'window', meaning: 'invalid nextPage input', action: 'list the window again from its first page' },
  AF20050: { category: 'content-lost', meaning: 'the content does not exist', action: 'record the blob as lost (gap) and go on' },
  AF20051: { category: 'content-lost', meaning: 'the content has expired (older than 7 days)', action: 'record the blob as lost (gap) and go on' },
  AF20052: { category: 'content-lost', meaning: 'the content id in the URL is invalid', action: 'record the blob as lost (gap) and go on' },
  AF20053: { category: 'fatal', meaning: 'only one language may be present in Accept-Language', action: 'send a single language, e.g. en-US' },
  AF20054: { category: 'fatal', meaning: 'invalid syntax in Accept-Language', action: 'send a single language, e.g. en-US' },
  AF20055: { category: 'window', meaning: 'start and end must both be given, start before end, at most 24 h apart, start at most 7 days back', action: 're-plan the window (use the response Date header if the clocks disagree)' },
  AF429: { category: 'throttled', meaning: 'too many requests for this PublisherIdentifier', action: 'wait for Retry-After and retry; lower AUDITFLOW_RATE_LIMIT_PER_MINUTE if it persists' },
  '429': { category: 'throttled', meaning: 'too many requests (or subscription starts within 15 minutes)', action: 'wait for the time given and retry; list subscriptions before starting them' },
  AF50000: { category: 'transient', meaning: 'internal server error', action: 'retry with backoff' },
  AF50005: { category: 'transient', meaning: 'internal server error', action: 'retry with backoff' },
  AF50006: { category: 'transient', meaning: 'internal server error', action: 'retry with backoff' },
});

/** Statuses that classify a response whose body carries no known code. */
export const HTTP_STATUS_TABLE: Readonly<Record<number, ErrorTableEntry>> = Object.freeze({
  401: { category: 'fatal', meaning: 'the token was refused', action: `${CONFIG}; check the token scope matches the cloud` },
  403: { category: 'fatal', meaning: 'forbidden', action: CONFIG },
  404: { category: 'content-lost', meaning: 'not found (expired or missing content)', action: 'record the blob as lost (gap) and go on' },
  408: { category: 'transient', meaning: 'request timeout', action: 'retry with backoff' },
  429: { category: 'throttled', meaning: 'too many requests', action: 'wait for Retry-After and retry' },
  500: { category: 'transient', meaning: 'internal server error', action: 'retry with backoff' },
  502: { category: 'transient', meaning: 'bad gateway', action: 'retry with backoff' },
  503: { category: 'transient', meaning: 'service unavailable', action: 'retry with backoff' },
  504: { category: 'transient', meaning: 'gateway timeout', action: 'retry with backoff' },
});

const OTHER_CLIENT_ERROR: ErrorTableEntry = { category: 'fatal', meaning: 'the request was refused', action: 'this is a client bug or a configuration error: report it with the request id' };
const OTHER_SERVER_ERROR: ErrorTableEntry = { category: 'transient', meaning: 'server error', action: 'retry with backoff' };
const SUCCESS: ErrorTableEntry = { category: 'success', meaning: 'success', action: 'nothing' };

/** The table row for a body code and/or HTTP status (body code wins). */
export function lookupError(code?: string, status?: number): ErrorTableEntry {
  const byCode = code === undefined ? undefined : AF_ERROR_TABLE[code.trim().toUpperCase()];
  if (byCode) return byCode;
  if (status === undefined) return OTHER_SERVER_ERROR;
  const byStatus = HTTP_STATUS_TABLE[status];
  if (byStatus) return byStatus;
  if (status >= 200 && status < 300) return SUCCESS;
  if (status >= 500) return OTHER_SERVER_ERROR;
  return OTHER_CLIENT_ERROR;
}

/** The category of a body code and/or HTTP status (contract: CONTRACTS.md section 4). */
export function classifyError(code?: string, status?: number): ErrorCategory {
  return lookupError(code, status).category;
}
