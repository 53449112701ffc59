// The one error type the client throws for anything the API or the network did wrong. `category`
// comes from the error table and tells the caller what to do; the message says it in words.
import { lookupError, type ErrorCategory } from './error-table';

/** Codes the client itself assigns when the API gave none (the API's AF codes pass through). */
export type ClientErrorCode =
  | 'ConnectionError' // socket reset, DNS, refused connection, body cut off mid-stream
  | 'RequestTimeout' // no complete answer within requestTimeoutInMs
  | 'InvalidJson' // the body is not JSON (or was truncated)
  | 'InvalidResponse' // JSON, but not the shape the operation returns (e.g. an object instead of an array)
  | 'BlobTooLarge' // the body is larger than maxBlobBytes
  | 'UntrustedUrl' // a contentUri / next page on another origin than the API (the token would leak)
  | 'UntrustedRedirect' // a 3xx to another origin than the one asked (API or authority): not followed
  | 'TooManyRedirects' // more than MAX_REDIRECTS hops within the origin: a loop
  | 'AuthenticationFailed' // the credential could not produce a token
  | `HTTP${number}`; // an HTTP error without a body code

export interface ManagementApiErrorInit {
  readonly code: string;
  readonly statusCode?: number;
  readonly requestId?: string;
  readonly category?: ErrorCategory;
  /** The API's own message, if any. */
  readonly apiMessage?: string;
  /** Overrides the table's advice. */
  readonly action?: string;
  readonly operation?: string;
  /** For throttling: how long the API asked us to wait. */
  readonly retryAfterInMs?: number;
  /** Redirect errors: the origin that redirected and the origin it pointed to. */
  readonly fromOrigin?: string;
  readonly toOrigin?: string;
  readonly cause?: unknown;
}

export class ManagementApiError extends Error {
  override readonly name = 'ManagementApiError';
  readonly code: string;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;
  readonly category: ErrorCategory;
  readonly operation: string | undefined;
  readonly apiMessage: string | undefined;
  readonly retryAfterInMs: number | undefined;
  readonly fromOrigin: string | undefined;
  readonly toOrigin: string | undefined;

  constructor(init: ManagementApiErrorInit) {
    const entry = lookupError(init.code, init.statusCode);
    const category = init.category ?? entry.category;
    const action = init.action ?? entry.action;
    const parts = [
      `${init.operation ?? 'Management API request'} failed: ${init.code}`,
      init.statusCode === undefined ? '' : ` (HTTP ${init.statusCode})`,
      init.apiMessage ? `: ${init.apiMessage}` : ` (${entry.meaning})`,
      `. What to do: ${action}.`,
      init.retryAfterInMs === undefined ? '' : ` Retry after ${Math.ceil(init.retryAfterInMs / 1000)} s.`,
      init.requestId ? ` Request id: ${init.requestId}.` : '',
    ];
    super(parts.join(''), init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.statusCode = init.statusCode;
    this.requestId = init.requestId;
    this.category = category;
    this.operation = init.operation;
    this.apiMessage = init.apiMessage;
    this.retryAfterInMs = init.retryAfterInMs;
    this.fromOrigin = init.fromOrigin;
    this.toOrigin = init.toOrigin;
  }
}

export function isManagementApiError(error: unknown): error is ManagementApiError {
  return error instanceof ManagementApiError;
}
