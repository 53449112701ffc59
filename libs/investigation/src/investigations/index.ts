// The three named investigations of the seed (issue 11, "The seed's three scenarios").
import type { EventDocument } from '@auditflow/ingestion';
import type { InvestigationContext } from '../context';
import { exchangeAdminChanges } from './exchange-admin-changes';
import type { InvestigationName, InvestigationOptions, InvestigationResult } from './investigation';
import { sensitiveContentAccess } from './sensitive-content';
import { signInFailuresByIp } from './sign-in-failures';

export { exchangeAdminChanges, givesDataAccess, type ExchangeAdminSummary } from './exchange-admin-changes';
export { signInFailuresByIp, type SignInFailuresSummary } from './sign-in-failures';
export { objectKeysOf, sensitiveContentAccess, type SensitiveContentSummary } from './sensitive-content';
export type { InvestigationName, InvestigationOptions, InvestigationResult } from './investigation';

export const INVESTIGATIONS: Readonly<Record<InvestigationName, { title: string; run: (docs: Iterable<EventDocument>, ctx: InvestigationContext, o?: InvestigationOptions) => InvestigationResult<unknown> }>> = {
  a: { title: 'Exchange admin changes', run: exchangeAdminChanges },
  b: { title: 'Sign-in failures by IP', run: signInFailuresByIp },
  c: { title: 'Access to sensitive content', run: sensitiveContentAccess },
};

export function runInvestigation(name: InvestigationName, docs: Iterable<EventDocument>, ctx: InvestigationContext, options?: InvestigationOptions): InvestigationResult<unknown> {
  return INVESTIGATIONS[name].run(docs, ctx, options);
}
