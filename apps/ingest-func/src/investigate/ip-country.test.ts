import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipCountryResolver } from './ip-country';

const dir = mkdtempSync(join(tmpdir(), 'auditflow-ip-country-'));

describe('ipCountryResolver', () => {
  it('is absent without the setting', () => {
    expect(ipCountryResolver(undefined)).toBeUndefined();
  });

  it('resolves from the file, read once', () => {
    const path = join(dir, 'geo.csv');
    writeFileSync(path, '0.0.0.0/0,NL\n5.0.0.0/8,RU\n');
    const countryOf = ipCountryResolver(path)!;
    expect(countryOf('5.1.2.3')).toBe('RU');
    writeFileSync(path, '0.0.0.0/0,BR\n'); // changed on disk: the process keeps what it read
    expect(ipCountryResolver(path)!('5.1.2.3')).toBe('RU');
    expect(countryOf('10.0.0.1')).toBe('NL');
  });

  it('names the file and the fix when it cannot be read or parsed', () => {
    expect(() => ipCountryResolver(join(dir, 'missing.csv'))).toThrow(/missing\.csv cannot be read \(ENOENT\).*unset it/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '5.0.0.0/8,Russia\n');
    expect(() => ipCountryResolver(bad)).toThrow(/bad\.csv: invalid IP-country table: line 1/);
  });
});
