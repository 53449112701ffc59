// The client's options bag and its validation: defaults applied once, every bad value reported as a
// TypeError that names the option and says what to give instead.
import type { TokenCredential } from '@azure/identity';
import type { CloudName } from '@auditflow/config';
import { resolveEndpoints } from './cloud-endpoints';
import { resolveRetryPolicy, type RetryOptions, type RetryPolicy } from './retry-strategy';
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from './token-bucket';

export const DEFAULT_REQUEST_TIMEOUT_IN_MS = 60_000;
export const DEFAULT_MAX_BLOB_BYTES = 100 * 1024 * 1024;

export interface ManagementApiClientOptions {
  /** The tenant whose audit trail is read (a GUID); it goes into every URL. */
  tenantId: string;
  /** Any @azure/identity credential; asked for `${apiBaseUrl}/.default`. */
  credential: TokenCredential;
  /** Enterprise (default), GCC, GCCHigh, DoD, or Custom (then apiBaseUrl is required). */
  cloud?: CloudName;
  /** Overrides the cloud's API root, e.g. a simulator's http://127.0.0.1:7070. */
  apiBaseUrl?: string;
  /** Selects the throttling pool; default the tenant id. */
  publisherIdentifier?: string;
  /** Default 2000. ONE budget per (apiBaseUrl, publisherIdentifier) in the process; the lowest asked wins. */
  rateLimitPerMinute?: number;
  /** Per attempt, from sending to the last body byte. Default 60 000. */
  requestTimeoutInMs?: number;
  /** A content blob larger than this fails with BlobTooLarge (category content-lost). Default 100 MiB. */
  maxBlobBytes?: number;
  retry?: RetryOptions;
}

/** Options of every operation. */
export interface OperationOptions {
  abortSignal?: AbortSignal;
}

export interface ResolvedClientOptions {
  readonly tenantId: string;
  readonly credential: TokenCredential;
  readonly apiBaseUrl: string;
  readonly publisherIdentifier: string;
  readonly rateLimitPerMinute: number;
  readonly requestTimeoutInMs: number;
  readonly maxBlobBytes: number;
  readonly retryPolicy: RetryPolicy;
}

export function resolveClientOptions(options: ManagementApiClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('ManagementApiClient needs an options object: { tenantId, credential, ... }.');
  }
  const tenantId = requireText(options.tenantId, 'tenantId', 'the tenant GUID');
  if (typeof options.credential?.getToken !== 'function') {
    throw new TypeError('credential must be a TokenCredential (e.g. from createCredential or @azure/identity).');
  }
  const { apiBaseUrl } = resolveEndpoints({ cloud: options.cloud, apiBaseUrl: options.apiBaseUrl });
  const publisherIdentifier =
    options.publisherIdentifier === undefined ? tenantId : requireText(options.publisherIdentifier, 'publisherIdentifier', 'the tenant GUID');
  return Object.freeze({
    tenantId,
    credential: options.credential,
    apiBaseUrl,
    publisherIdentifier,
    rateLimitPerMinute: positive(options.rateLimitPerMinute, DEFAULT_RATE_LIMIT_PER_MINUTE, 'rateLimitPerMinute', 1),
    requestTimeoutInMs: positive(options.requestTimeoutInMs, DEFAULT_REQUEST_TIMEOUT_IN_MS, 'requestTimeoutInMs', 1),
    maxBlobBytes: positive(options.maxBlobBytes, DEFAULT_MAX_BLOB_BYTES, 'maxBlobBytes', 1),
    retryPolicy: resolveRetryPolicy(options.retry),
  });
}

function requireText(value: unknown, name: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${name} must be a non-empty string (${what}), got ${JSON.stringify(value)}.`);
  }
  return value.trim();
}

function positive(value: number | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new TypeError(`${name} must be a number >= ${min}, got ${String(value)}.`);
  }
  return value;
}
