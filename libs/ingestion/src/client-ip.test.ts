import { describe, expect, it } from 'vitest';
import { normalizeIp } from './client-ip';

describe('normalizeIp', () => {
  it.each([
    ['10.11.12.13', '10.11.12.13'],
    ['10.11.12.13:12345', '10.11.12.13'],
    ['[10.11.12.13]', '10.11.12.13'],
    ['[10.11.12.13]:12345', '10.11.12.13'],
    ['::ffff:10.11.12.13', '10.11.12.13'],
    ['[::ffff:10.11.12.13]:12345', '10.11.12.13'],
    ['::FFFF:a0b:c0d', '10.11.12.13'],
    ['2001:db8::abcd', '2001:db8::abcd'],
    ['2001:DB8:0:0:0:0:0:ABCD', '2001:db8::abcd'],
    ['[2001:db8::abcd]', '2001:db8::abcd'],
    ['[2001:db8::abcd]:12345', '2001:db8::abcd'],
    ['[fdfd::555]:12346', 'fdfd::555'],
    ['::1', '::1'],
    [' 81.2.69.143 ', '81.2.69.143'],
    ['FE80::1%eth0', 'fe80::1%eth0'], // a zone id is not a URL host: kept, lower-cased
  ])('%s -> %s', (raw, want) => expect(normalizeIp(raw)).toBe(want));

  it.each([
    'localhost',
    'localhost:12345',
    '[localhost]:12345',
    'cool.client.local',
    'cool.client.local:12345',
    '[cool.client.local]:12345',
    '',
    '   ',
    '256.1.1.1',
    '1.2.3',
    '[]',
    '[10.11.12.13]:port',
    12345,
    null,
    undefined,
  ])('%o -> null', (raw) => expect(normalizeIp(raw)).toBeNull());
});
