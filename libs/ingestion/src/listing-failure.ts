// THE decision after a content listing failed, from the API error's category (CONTRACTS.md
// section 4) and what was already tried for this window: each recovery happens once, then the
// failure stands. Used by the listing activity and by the orchestrator (which sees a refused next
// page come back as a relisted first page), so "list this window again once" is decided here only.
export type ListingFailureAction =
  | 'start-subscription-and-list-again' // AF20022: no subscription; start it, list the same page again
  | 'list-window-again' // AF20030/31/55: window or next page refused; list the window from its first page
  | 'report-disabled' // AF20023: an admin disabled it; record a gap, collect nothing
  | 'fail-window-refused' // refused again from its first page: every attempt is refused the same way
  | 'fail'; // anything else: the caller's failure rules (retry layer, non-retryable)

export interface ListingRecoveries {
  readonly resubscribed: boolean;
  readonly relisted: boolean;
}

export function listingFailureAction(category: string | undefined, done: ListingRecoveries): ListingFailureAction {
  switch (category) {
    case 'disabled':
      return 'report-disabled';
    case 'resubscribe':
      return done.resubscribed ? 'fail' : 'start-subscription-and-list-again';
    case 'window':
      return done.relisted ? 'fail-window-refused' : 'list-window-again';
    default:
      return 'fail';
  }
}
