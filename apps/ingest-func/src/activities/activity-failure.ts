// How an activity fails. Durable retries every failed activity (RetryOptions has no predicate), so
// the message must tell an operator whether another attempt can help: the API client already
// retried throttling and transient errors, and 'fatal' ones (permissions, tenant, a client bug)
// need a person. The message keeps the client's own words, which say what to do.
import { apiErrorOf } from '../activity-api-port';

export class ActivityFailure extends Error {
  override readonly name = 'ActivityFailure';
  readonly code: string;
  readonly statusCode: number;
  readonly retryable: boolean;

  constructor(message: string, options: { code: string; statusCode: number; retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.statusCode = options.statusCode;
    this.retryable = options.retryable;
  }
}

/** Throws an ActivityFailure describing `error` while doing `what`. */
export function failActivity(error: unknown, what: string): never {
  const apiError = apiErrorOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (apiError?.category === 'fatal') {
    throw new ActivityFailure(`non-retryable: ${what} failed: ${message}`, {
      code: apiError.code ?? 'ActivityApiFatal',
      statusCode: apiError.statusCode ?? 500,
      retryable: false,
      cause: error,
    });
  }
  throw new ActivityFailure(`${what} failed (Durable retries it): ${message}`, {
    code: apiError?.code ?? (error as { code?: string } | null)?.code ?? 'ActivityFailed',
    statusCode: apiError?.statusCode ?? 500,
    retryable: true,
    cause: error,
  });
}
