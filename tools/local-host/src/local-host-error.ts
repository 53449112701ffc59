/** Typed failure of the local host; `statusCode` is what the HTTP layer answers with. */
export class LocalHostError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 500,
    /** For 503s: when the client may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'LocalHostError';
  }
}

export function isLocalHostError(e: unknown): e is LocalHostError {
  return e instanceof LocalHostError;
}
