// Where an IP is, from a table the operator owns (a GeoIP export, or the simulator's geography):
// CSV lines `network,country` (CIDR, ISO 3166 alpha-2), `#` comments. The Management Activity API's
// records carry no geolocation, so this is what makes "sign-in from a new country" possible.
// Longest prefix wins; a lookup costs one map probe per distinct prefix length in the table.
import { normalizeIp } from '@auditflow/ingestion';
import { InvestigationError } from './investigation-error';

export interface IpCountryTable {
  /** Networks in the table. */
  readonly size: number;
  /** The country of the most specific network holding `ip` (any form normalizeIp takes); undefined when none does. */
  countryOf(ip: string): string | undefined;
}

interface Family {
  readonly bits: number;
  /** prefix length -> network (as a bigint, host bits zero) -> country; longest prefixes first. */
  readonly byPrefix: Map<number, Map<bigint, string>>;
}

/** 4 or 6 for a well-formed address (dotted quad, or hex groups with at most one '::'), else 0. */
function ipVersion(ip: string): 0 | 4 | 6 {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return ip.split('.').every((p) => Number(p) <= 255) ? 4 : 0;
  if (!/^[0-9a-f:.]+$/i.test(ip) || !ip.includes(':') || ip.split('::').length > 2) return 0;
  const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (v4 && ipVersion(v4[1]!) !== 4) return 0;
  const groups = (v4 ? ip.slice(0, -v4[1]!.length - 1) : ip).split(':').filter((g) => g !== '');
  const count = groups.length + (v4 ? 2 : 0);
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return 0;
  return (ip.includes('::') ? count < 8 : count === 8) ? 6 : 0;
}

function toBigInt(ip: string, version: 4 | 6): bigint {
  if (version === 4) return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
  // expand '::' and any embedded IPv4 tail into eight 16-bit groups
  let groups = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups);
  if (v4) {
    const n = toBigInt(v4[1]!, 4);
    groups = `${groups.slice(0, -v4[1]!.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = groups.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function mask(value: bigint, bits: number, prefix: number): bigint {
  return prefix === 0 ? 0n : (value >> BigInt(bits - prefix)) << BigInt(bits - prefix);
}

export function parseIpCountryTable(csv: string): IpCountryTable {
  const families: Record<4 | 6, Family> = { 4: { bits: 32, byPrefix: new Map() }, 6: { bits: 128, byPrefix: new Map() } };
  const problems: string[] = [];
  let size = 0;
  csv.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `line ${index + 1} ("${line.slice(0, 60)}")`;
    const [network, country, ...rest] = line.split(',').map((s) => s.trim());
    const [address, prefixText] = (network ?? '').split('/');
    const version = ipVersion(address ?? '');
    if (version !== 4 && version !== 6) return void problems.push(`${where}: "${network}" is not a network in CIDR form (e.g. 203.0.113.0/24)`);
    const family = families[version];
    const prefix = prefixText === undefined ? family.bits : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > family.bits) return void problems.push(`${where}: prefix must be 0..${family.bits}`);
    if (!country || !/^[A-Za-z]{2}$/.test(country) || rest.length > 0) return void problems.push(`${where}: country must be a 2-letter ISO 3166 code`);
    let networks = family.byPrefix.get(prefix);
    if (!networks) family.byPrefix.set(prefix, (networks = new Map()));
    networks.set(mask(toBigInt(address!, version), family.bits, prefix), country.toUpperCase());
    size += 1;
  });
  if (problems.length > 0) throw new InvestigationError('InvalidIpCountryTable', `invalid IP-country table: ${problems.join('; ')}`, problems);
  for (const family of Object.values(families)) {
    const sorted = [...family.byPrefix].sort(([a], [b]) => b - a);
    family.byPrefix.clear();
    for (const [prefix, networks] of sorted) family.byPrefix.set(prefix, networks);
  }
  return {
    size,
    countryOf(ip) {
      const normalized = normalizeIp(ip);
      const version = normalized === null ? 0 : ipVersion(normalized);
      if (version !== 4 && version !== 6) return undefined;
      const family = families[version];
      const value = toBigInt(normalized!, version);
      for (const [prefix, networks] of family.byPrefix) {
        const country = networks.get(mask(value, family.bits, prefix));
        if (country !== undefined) return country;
      }
      return undefined;
    },
  };
}
