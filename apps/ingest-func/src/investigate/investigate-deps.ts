// What the investigation handlers need: the store, the tenant, a clock. Built once per request by
// the registration (or the console), so tests pass a real store and a fixed time.
import type { IndicatorSettings } from '@auditflow/investigation';
import type { AuditStore } from '@auditflow/storage';

export interface InvestigateDeps {
  readonly store: AuditStore;
  readonly tenantId: string;
  readonly now: Date;
  /** The content types the app collects (health reports each). */
  readonly contentTypes: readonly string[];
  readonly settings?: Partial<IndicatorSettings>;
}

/** Default range when a request names none: the last 7 days (what the API itself keeps). */
export const DEFAULT_RANGE_MS = 7 * 86_400_000;

export function defaultRange(now: Date, from: string | undefined, to: string | undefined): { from: string; to: string } {
  const end = to ?? now.toISOString();
  return { from: from ?? new Date(Date.parse(end) - DEFAULT_RANGE_MS).toISOString(), to: end };
}
