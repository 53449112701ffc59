// What the pure library needs to know about the tenant that the records do not say, passed in by
// the caller (inv-data's store and API): the tenant's own domains, names of DLP sensitive types
// and, optionally, where an IP is.
import type { EventDocument } from '@auditflow/ingestion';
import { InvestigationError } from './investigation-error';

export interface InvestigationContext {
  readonly tenantId: string;
  /**
   * The tenant's accepted domains (e.g. contoso.com, contoso.onmicrosoft.com). An address in any
   * other domain is external. Subdomains count as the tenant's. Use inferTenantDomains when the
   * caller has no list.
   */
  readonly tenantDomains: readonly string[];
  /** Sensitive-information type GUID -> name (the API's resources/dlpSensitiveTypes, cached by the caller). */
  readonly sensitiveTypeName?: (guid: string) => string | undefined;
  /**
   * Country (ISO 3166 alpha-2) of an IP. The Management Activity API's records carry no
   * geolocation, so "new country" needs a resolver (a GeoIP database the caller owns); without
   * one only a country the record itself states is used (see countryOfEvent) and the indicator
   * stays silent otherwise, never guessing.
   */
  readonly countryOf?: (ip: string, doc: EventDocument) => string | undefined;
}

/** Checks a context; throws InvestigationError `InvalidContext` naming the bad fields. */
export function checkContext(ctx: InvestigationContext): InvestigationContext {
  const problems: string[] = [];
  if (typeof ctx !== 'object' || ctx === null) throw new InvestigationError('InvalidContext', 'the investigation context must be an object');
  if (typeof ctx.tenantId !== 'string' || ctx.tenantId.trim() === '') problems.push('tenantId must be a non-empty string');
  if (!Array.isArray(ctx.tenantDomains) || ctx.tenantDomains.some((d) => typeof d !== 'string' || !d.includes('.'))) {
    problems.push('tenantDomains must be a list of domain names (e.g. ["contoso.com"])');
  }
  if (problems.length > 0) throw new InvestigationError('InvalidContext', `invalid investigation context: ${problems.join('; ')}`, problems);
  return ctx;
}

/** The domain part of an address, lower-cased; null when it is not an address. */
export function domainOf(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) return null;
  return address.slice(at + 1).toLowerCase().replace(/[>\]\s]+$/, '');
}

export function isTenantDomain(domain: string, tenantDomains: readonly string[]): boolean {
  const d = domain.toLowerCase();
  return tenantDomains.some((t) => {
    const td = t.toLowerCase();
    return d === td || d.endsWith(`.${td}`);
  });
}

/** An address outside the tenant's domains (addresses without a domain are not judged external). */
export function isExternalAddress(address: string, tenantDomains: readonly string[]): boolean {
  if (address.includes('#ext#')) return true;
  const d = domainOf(address);
  return d !== null && !isTenantDomain(d, tenantDomains);
}

/**
 * Tenant domains from the records themselves, for callers without a list: Exchange's
 * OrganizationName, and the domains of member accounts (UserType 0 or 2) that sign in
 * successfully. A guess, so callers with the tenant's accepted domains should pass those.
 */
export function inferTenantDomains(docs: Iterable<EventDocument>): string[] {
  const counts = new Map<string, number>();
  const add = (d: string | null, weight: number): void => {
    if (d) counts.set(d, (counts.get(d) ?? 0) + weight);
  };
  for (const doc of docs) {
    const org = doc.raw?.['OrganizationName'];
    if (typeof org === 'string' && org.includes('.')) add(org.toLowerCase(), 5);
    const user = doc.actor.userId;
    if (user && (doc.actor.userType === 0 || doc.actor.userType === 2) && !user.toLowerCase().includes('#ext#')) {
      if (doc.operation === 'UserLoggedIn') add(domainOf(user), 1);
    }
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [...counts.entries()].filter(([, n]) => n * 20 >= total).map(([d]) => d).sort();
}
