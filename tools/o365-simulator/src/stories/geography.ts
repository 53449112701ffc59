// The simulated tenant's geography: where its IPs are. Real records carry no country, so
// auditflow's "new country" indicator takes a resolver; this is the simulator's, for tests and
// the demo. Tenant users' addresses (and any address the simulator does not know) are in the
// tenant's home country; the stories' attacker ranges are elsewhere.
import { normalizeIp } from '@auditflow/ingestion';

export const HOME_COUNTRY = 'NL';

/** First octets reserved for story attackers (the directory never draws these) and their countries. */
export const ATTACKER_RANGES: Readonly<Record<number, string>> = { 5: 'RU', 41: 'NG', 102: 'BR', 196: 'VN' };

export function countryOfSimulatedIp(ip: string): string | undefined {
  const normalized = normalizeIp(ip);
  if (normalized === null) return undefined;
  const m = /^(\d+)\./.exec(normalized);
  const first = m ? Number(m[1]) : NaN;
  return ATTACKER_RANGES[first] ?? HOME_COUNTRY;
}
