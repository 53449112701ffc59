// The simulator's geography as an IP-country table resolves every address as the simulator does.
import { describe, expect, it } from 'vitest';
import { parseIpCountryTable } from '@auditflow/investigation';
import { ATTACKER_RANGES, countryOfSimulatedIp, ipCountryCsv } from '../src';

describe('ipCountryCsv', () => {
  const table = parseIpCountryTable(ipCountryCsv());
  const samples = ['10.1.2.3', '198.51.100.20', '2001:db8::7', ...Object.keys(ATTACKER_RANGES).map((octet) => `${octet}.20.30.40`)];

  it.each(samples)('%s resolves as the simulator places it', (ip) => {
    expect(table.countryOf(ip)).toBe(countryOfSimulatedIp(ip));
  });

  it('puts the attacker ranges outside the home country', () => {
    expect(new Set(Object.keys(ATTACKER_RANGES).map((o) => table.countryOf(`${o}.1.1.1`))).size).toBeGreaterThan(1);
  });
});
