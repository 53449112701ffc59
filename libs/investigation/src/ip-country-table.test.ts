import { describe, expect, it } from 'vitest';
import { parseIpCountryTable } from './ip-country-table';

describe('parseIpCountryTable', () => {
  const table = parseIpCountryTable(
    ['# network,country', '0.0.0.0/0,NL', '5.0.0.0/8,RU', '5.6.0.0/16,de', '2001:db8::/32,BR', '::/0,NL', ''].join('\n'),
  );

  it.each([
    ['5.6.7.8', 'DE'], // the longest prefix wins
    ['5.7.0.1', 'RU'],
    ['198.51.100.7', 'NL'],
    ['2001:db8::1', 'BR'],
    ['2001:db9::1', 'NL'],
    ['::ffff:5.1.2.3', 'RU'], // an IPv4-mapped address is the IPv4 address
    ['[2001:db8::5]:443', 'BR'], // as records write it, through normalizeIp
    ['not-an-ip', undefined],
  ])('%s -> %s', (ip, country) => {
    expect(table.countryOf(ip)).toBe(country);
  });

  it('counts its networks', () => {
    expect(table.size).toBe(5);
  });

  it('refuses a bad line, naming the line and what is wrong', () => {
    expect(() => parseIpCountryTable('5.0.0.0/8,RU\n5.0.0.0/33,RU\n10.0.0.0/8,Nowhere\n1.2.3,NL')).toThrow(
      /line 2.*prefix[\s\S]*line 3.*country[\s\S]*line 4/,
    );
  });

  it('has no answer for an address no network covers', () => {
    expect(parseIpCountryTable('5.0.0.0/8,RU').countryOf('6.0.0.1')).toBeUndefined();
  });
});
