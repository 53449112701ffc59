import { describe, expect, it } from 'vitest';
import { JsonArrayReader, type JsonArrayProblem } from './json-array-reader';

/** Feeds the body in chunks of `size` bytes (0 = whole) and returns the items or the problem. */
function read(body: string | Buffer, size = 0): unknown[] | JsonArrayProblem {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const reader = new JsonArrayReader();
  const step = size || Math.max(1, bytes.length);
  for (let offset = 0; offset < bytes.length; offset += step) {
    const problem = reader.push(new Uint8Array(bytes.subarray(offset, offset + step)));
    if (problem) return problem;
  }
  const result = reader.end();
  return 'items' in result ? result.items : result;
}

const VALID = [
  '[]',
  ' \n[ \t]\r\n',
  '[1,2,3]',
  '[{"Id":"a","n":1},{"Id":"b","nested":{"x":[1,{"y":"}]"}]}}]',
  '["a\\"b", "c\\\\", "d\\\\\\"e", "\\\\\\\\"]',
  '[{"k":"ends with backslash \\\\"},{"k":"quote \\" inside"}]',
  '["é", "😀 multi-byte", {"ü": "漢字"}]',
  '[true, false, null, -1.5e3, 0, 42]',
  '[[1,[2,[3]]], [], {}, ""]',
  '[ {"a" : 1} , {"b" : [ ] } ]',
];

const INVALID = ['[1,]', '[,1]', '[1 2]', '[1] x', '[{"a":1}', '[{"a":1},', '[{"a":}]', '[tru]', '[', '[{"a":"b}]', ''];

describe('JsonArrayReader', () => {
  it.each(VALID)('reads %s like JSON.parse, whatever the chunking', (body) => {
    for (const size of [0, 1, 2, 3, 5, 7, 64]) expect(read(body, size)).toEqual(JSON.parse(body));
  });

  it.each(INVALID)('refuses %s as invalid, whatever the chunking', (body) => {
    for (const size of [0, 1, 2, 3]) expect(read(body, size)).toMatchObject({ kind: 'invalid' });
  });

  it.each(['{"a":1}', '"text"', '<html>', '\u001f\u008b gzip bytes', '  null'])('says %s is not an array at all', (body) => {
    expect(read(body)).toEqual({ kind: 'not-an-array' });
  });

  it('says where the body ended when it is cut off', () => {
    expect(read('[{"Id":"a"},{"Id"', 4)).toEqual({ kind: 'invalid', message: expect.stringContaining('truncated') });
  });

  it('matches JSON.parse on random arrays cut at random points', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.3) return ['x', 'a"b', 'c\\', '\\"', 'ü😀', 1.5, -3, true, null][Math.floor(random() * 9)];
      if (r < 0.65) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, (_, i) => [`k${i}"\\`, value(depth + 1)]));
    };
    for (let n = 0; n < 200; n++) {
      const items = Array.from({ length: Math.floor(random() * 6) }, () => value(0));
      const body = JSON.stringify(items, null, n % 3 === 0 ? 2 : undefined);
      expect(read(body, 1 + Math.floor(random() * 9))).toEqual(items);
    }
  });
});
