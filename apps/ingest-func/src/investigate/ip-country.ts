// Where an IP is, for the "sign-in from a new country" indicator: the operator's IP-country table
// (AUDITFLOW_IP_COUNTRY_FILE, a GeoIP export as `network,country` CSV), read once per process.
// Without the setting the indicator uses only countries the records state (none in practice).
import { readFileSync } from 'node:fs';
import { parseIpCountryTable, type IpCountryTable } from '@auditflow/investigation';

export type CountryOf = (ip: string) => string | undefined;

export class IpCountryFileError extends Error {
  readonly code = 'IpCountryFile';
  constructor(message: string) {
    super(message);
    this.name = 'IpCountryFileError';
  }
}

const tables = new Map<string, IpCountryTable>();

/** The resolver of the table at `path` (undefined when unset); throws IpCountryFileError naming the file and the fix. */
export function ipCountryResolver(path: string | undefined): CountryOf | undefined {
  if (path === undefined) return undefined;
  let table = tables.get(path);
  if (!table) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new IpCountryFileError(
        `AUDITFLOW_IP_COUNTRY_FILE ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ` +
          'point it at a readable network,country CSV, or unset it',
      );
    }
    try {
      table = parseIpCountryTable(text);
    } catch (error) {
      throw new IpCountryFileError(`AUDITFLOW_IP_COUNTRY_FILE ${path}: ${(error as Error).message}`);
    }
    tables.set(path, table);
  }
  const found = table;
  return (ip) => found.countryOf(ip);
}
