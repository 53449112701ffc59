// Typed errors of the storage adapters. Each has a stable `code` and an HTTP-like `statusCode`
// so activity retry policies can tell transient failures (429, 5xx) from configuration errors.
import { COSMOS_DATA_CONTRIBUTOR_ROLE_ID, COSMOS_DATA_CONTRIBUTOR_ROLE_NAME } from '@auditflow/config';

export type StorageErrorCode =
  | 'InvalidStoreOptions'
  | 'KeyNotAllowed'
  | 'CosmosForbidden'
  | 'ContainerNotFound'
  | 'BulkWriteFailed'
  | 'Throttled'
  | 'StoreClosed'
  | 'InvalidContinuationToken'
  | 'InvalidQuery'
  // SQLite only:
  | 'StoreReplaced'
  | 'StoreFull'
  | 'StoreIoError'
  | 'StoreBusy'
  | 'UnsupportedSchema';

/**
 * Codes a later attempt can succeed on without a person (the write is idempotent): throttling,
 * a full disk or an I/O error once space or the device is back, a lock held too long.
 */
const RETRYABLE_CODES: ReadonlySet<StorageErrorCode> = new Set(['Throttled', 'StoreFull', 'StoreIoError', 'StoreBusy']);

export interface FailedOperation {
  readonly id: string;
  readonly partitionKey: string;
  readonly statusCode: number;
  readonly message: string;
}

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly statusCode: number;
  /** Per-document failures of a bulk write (at most the first 20). */
  readonly failures: readonly FailedOperation[];
  /**
   * True when retrying later can succeed with nothing changed by a person (nothing of the failed
   * write was kept half-done). False for configuration and identity errors (`StoreReplaced`,
   * `KeyNotAllowed`, ...), which need someone to act first.
   */
  readonly retryable: boolean;
  constructor(
    code: StorageErrorCode,
    statusCode: number,
    message: string,
    options: { cause?: unknown; failures?: readonly FailedOperation[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StorageError';
    this.code = code;
    this.statusCode = statusCode;
    this.failures = options.failures ?? [];
    this.retryable = RETRYABLE_CODES.has(code) || (code === 'BulkWriteFailed' && (statusCode === 429 || statusCode >= 500));
  }
}

export function isStorageError(error: unknown): error is StorageError {
  return error instanceof StorageError;
}

/** The data-plane role the app identity needs on the Cosmos DB account (read/write items, read metadata). */
export const COSMOS_DATA_CONTRIBUTOR_ROLE = `${COSMOS_DATA_CONTRIBUTOR_ROLE_NAME} (role definition id ${COSMOS_DATA_CONTRIBUTOR_ROLE_ID})`;
