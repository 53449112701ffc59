// The InvestigationContext of a tenant from what the store caches: its domains (inferred from the
// records as they arrive, counted across cycles, since the API names no accepted domains) and the
// DLP sensitive-type names (resources/dlpSensitiveTypes, see dlp-sensitive-types.ts).
import type { EventDocument } from '@auditflow/ingestion';
import { inferTenantDomains, type InvestigationContext } from '@auditflow/investigation';
import type { InvestigationStore } from '@auditflow/storage';
import { DLP_TYPES_REFERENCE, sensitiveTypeLookup } from './dlp-sensitive-types';

export const TENANT_DOMAINS_REFERENCE = 'tenantDomains';
/** A domain counts as the tenant's when it holds at least this share of the evidence seen. */
const MIN_SHARE = 0.05;

interface DomainCounts {
  readonly counts: Record<string, number>;
}

export async function loadTenantContext(investigation: InvestigationStore, tenantId: string): Promise<InvestigationContext> {
  const [domains, dlp] = await Promise.all([
    investigation.getReference(tenantId, TENANT_DOMAINS_REFERENCE),
    investigation.getReference(tenantId, DLP_TYPES_REFERENCE),
  ]);
  return {
    tenantId,
    tenantDomains: domainsOf(domains?.value as DomainCounts | undefined),
    sensitiveTypeName: sensitiveTypeLookup(dlp?.value),
  };
}

/** Adds what a batch of new events says about the tenant's domains; returns the domains now known. */
export async function learnTenantDomains(
  investigation: InvestigationStore,
  tenantId: string,
  events: readonly EventDocument[],
  at: string,
): Promise<string[]> {
  const found = inferTenantDomains(events);
  const stored = (await investigation.getReference(tenantId, TENANT_DOMAINS_REFERENCE))?.value as DomainCounts | undefined;
  if (found.length === 0) return domainsOf(stored);
  const counts: Record<string, number> = { ...(stored?.counts ?? {}) };
  for (const d of found) counts[d] = (counts[d] ?? 0) + events.length;
  await investigation.putReference({ tenantId, name: TENANT_DOMAINS_REFERENCE, fetchedAt: at, value: { counts } });
  return domainsOf({ counts });
}

function domainsOf(value: DomainCounts | undefined): string[] {
  const entries = Object.entries(value?.counts ?? {});
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return entries.filter(([, n]) => n >= total * MIN_SHARE).map(([d]) => d).sort();
}
