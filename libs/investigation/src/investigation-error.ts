// Typed errors of the library: a caller's bad argument, named so a 400 can list every problem.
export type InvestigationErrorCode = 'InvalidSettings' | 'InvalidGraphQuery' | 'InvalidWatchList' | 'InvalidContext' | 'InvalidIpCountryTable';

export class InvestigationError extends Error {
  override readonly name = 'InvestigationError';

  constructor(
    readonly code: InvestigationErrorCode,
    message: string,
    /** Each problem on its own, for responses that list them. */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

export function isInvestigationError(error: unknown): error is InvestigationError {
  return error instanceof InvestigationError;
}
