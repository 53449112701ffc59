// How an activity fails. Durable retries every thrown failure (RetryOptions has no predicate), so
// what another attempt cannot help is returned as data instead (returningNonRetryable) and the
// orchestrator fails without retrying: 'fatal' API errors (permissions, tenant, a client bug) need
// a person, and throttled/transient ones were already retried inside the API client, the one
// retry layer for them (CONTRACTS.md section 4): the next collection cycle tries again from the
// watermark. Everything else (a store hiccup, a watermark conflict) is thrown for Durable to
// retry. The message keeps the client's own words, which say what to do.
import { apiErrorOf } from './management-api-port';

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
  if (apiError?.category === 'throttled' || apiError?.category === 'transient') {
    throw new ActivityFailure(`non-retryable: ${what} failed after the API client's own retries (${apiError.category}): ${message}; the next collection cycle tries again`, {
      code: apiError.code ?? 'ActivityApiUnavailable',
      statusCode: apiError.statusCode ?? 503,
      retryable: false,
      cause: error,
    });
  }
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

/**
 * What a registered activity returns instead of throwing a failure another attempt cannot help
 * (see the header; invalid settings too). The orchestrator turns it back into a failure with
 * `unwrapActivityResult` (called only by shared/call-activity.ts), without retrying.
 */
export interface NonRetryableFailure {
  readonly nonRetryable: string;
}

/** Runs an activity body; a non-retryable ActivityFailure comes back as a NonRetryableFailure. */
export async function returningNonRetryable<O>(run: () => Promise<O>): Promise<O | NonRetryableFailure> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ActivityFailure && !error.retryable) return { nonRetryable: error.message };
    throw error;
  }
}

/** Orchestrator side (shared/call-activity.ts only): the activity's result, or the failure thrown. */
export function unwrapActivityResult<O>(result: unknown): O {
  if (isNonRetryableFailure(result)) throw failureError(result);
  return result as O;
}

/** The Error a returned failure stands for in the orchestrator. */
export function failureError(failure: NonRetryableFailure): Error {
  return new Error(failure.nonRetryable);
}

export function isNonRetryableFailure(result: unknown): result is NonRetryableFailure {
  return typeof result === 'object' && result !== null && typeof (result as Partial<NonRetryableFailure>).nonRetryable === 'string';
}
