// How an activity fails, and how that failure crosses the Durable boundary. What another attempt
// cannot help is RETURNED as a typed failure value (code, HTTP status, category and the message),
// not thrown, and the orchestrator fails on it without retrying; everything else is thrown for
// Durable to retry. Why, and which layer retries what: CONTRACTS.md section 6, "One retry layer".
// The value is turned back into an ActivityFailedError in one place only (shared/call-activity.ts).
// The message keeps the client's own words, which say what to do.
import type { ErrorCategory } from '@auditflow/activity-api';
import { apiErrorOf } from './management-api-port';

interface FailureFields {
  readonly code: string;
  readonly statusCode: number;
  /** The API client's category for API errors; 'fatal' for the app's own refusals (settings, scope). */
  readonly category: ErrorCategory;
}

/** Thrown by activity bodies; `retryable: false` ones are returned as a failure value instead. */
export class ActivityFailure extends Error implements FailureFields {
  override readonly name = 'ActivityFailure';
  readonly code: string;
  readonly statusCode: number;
  readonly category: ErrorCategory;
  readonly retryable: boolean;

  constructor(message: string, options: FailureFields & { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.statusCode = options.statusCode;
    this.category = options.category;
    this.retryable = options.retryable;
  }
}

/** Throws an ActivityFailure describing `error` while doing `what`. */
export function failActivity(error: unknown, what: string): never {
  const apiError = apiErrorOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (apiError?.category === 'throttled' || apiError?.category === 'transient') {
    throw new ActivityFailure(`non-retryable: ${what} failed after the API client's own retries (${apiError.category}): ${message}; the next collection cycle tries again`, {
      code: apiError.code ?? 'ManagementApiUnavailable',
      statusCode: apiError.statusCode ?? 503,
      category: apiError.category,
      retryable: false,
      cause: error,
    });
  }
  if (apiError?.category === 'fatal') {
    throw new ActivityFailure(`non-retryable: ${what} failed: ${message}`, {
      code: apiError.code ?? 'ManagementApiFatal',
      statusCode: apiError.statusCode ?? 500,
      category: 'fatal',
      retryable: false,
      cause: error,
    });
  }
  throw new ActivityFailure(`${what} failed (Durable retries it): ${message}`, {
    code: apiError?.code ?? (error as { code?: string } | null)?.code ?? 'ActivityFailed',
    statusCode: apiError?.statusCode ?? 500,
    category: apiError?.category ?? 'transient',
    retryable: true,
    cause: error,
  });
}

/** What a registered activity returns instead of throwing a failure another attempt cannot help. */
export interface FailureValue {
  readonly nonRetryable: FailureFields & { readonly message: string };
}

/** Runs an activity body; a non-retryable ActivityFailure comes back as a FailureValue. */
export async function returningNonRetryable<O>(run: () => Promise<O>): Promise<O | FailureValue> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ActivityFailure && !error.retryable) {
      const { message, code, statusCode, category } = error;
      return { nonRetryable: { message, code, statusCode, category } };
    }
    throw error;
  }
}

/** The orchestrator's view of a returned failure: the same code, status, category and message. */
export class ActivityFailedError extends Error implements FailureFields {
  override readonly name = 'ActivityFailedError';
  readonly code: string;
  readonly statusCode: number;
  readonly category: ErrorCategory;

  constructor(failure: FailureValue['nonRetryable']) {
    super(failure.message);
    this.code = failure.code;
    this.statusCode = failure.statusCode;
    this.category = failure.category;
  }
}

export function isFailureValue(result: unknown): result is FailureValue {
  const failure = typeof result === 'object' && result !== null ? (result as { nonRetryable?: unknown }).nonRetryable : undefined;
  return typeof failure === 'object' && failure !== null && typeof (failure as { message?: unknown }).message === 'string';
}
