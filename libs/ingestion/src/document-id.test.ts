import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { documentId } from './document-id';

describe('documentId', () => {
  it.each([
    [{ Id: '3be78a31-dbd3-4c2c-eaf9-08d7b3cc8226' }, '3be78a31-dbd3-4c2c-eaf9-08d7b3cc8226'],
    [{ Id: '  3BE78A31-DBD3-4C2C-EAF9-08D7B3CC8226 ' }, '3BE78A31-DBD3-4C2C-EAF9-08D7B3CC8226'], // trimmed, case kept
    [{ Id: 'abc-def-123' }, 'abc-def-123'],
  ])('uses the record Id: %o', (record, want) => expect(documentId(record)).toBe(want));

  it.each([
    ['no Id', { Operation: 'X' }],
    ['blank Id', { Id: '  ', Operation: 'X' }],
    ['numeric Id', { Id: 42, Operation: 'X' }],
    ['Id with a slash', { Id: 'a/b', Operation: 'X' }],
    ['Id with a question mark', { Id: 'a?b', Operation: 'X' }],
    ['overlong Id', { Id: 'x'.repeat(256), Operation: 'X' }],
  ])('hashes the canonical record when it has no usable Id (%s)', (_name, record) => {
    const id = documentId(record);
    expect(id).toMatch(/^h-[0-9a-f]{64}$/);
    expect(documentId(structuredClone(record))).toBe(id);
  });

  it('the hash ignores key order at every depth but not content', () => {
    const a = { Operation: 'X', Nested: { b: 1, a: [{ y: 2, x: 1 }] } };
    const b = { Nested: { a: [{ x: 1, y: 2 }], b: 1 }, Operation: 'X' };
    expect(documentId(a)).toBe(documentId(b));
    expect(documentId({ ...a, Operation: 'Y' })).not.toBe(documentId(a));
    expect(documentId({ Nested: { a: [{ x: 1, y: 2 }], b: 1 }, Operation: 'X', Extra: null })).not.toBe(documentId(a));
  });

  it('canonical JSON sorts keys recursively and keeps array order', () => {
    expect(canonicalJson({ b: [3, { d: 1, c: 2 }], a: 'x' })).toBe('{"a":"x","b":[3,{"c":2,"d":1}]}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
