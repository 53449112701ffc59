import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManagementApiError } from './management-api-error';
import { AF_ERROR_TABLE, classifyError, lookupError, type ErrorCategory } from './error-table';

// o365-api.md, "Errors": every code with the class the document gives it.
const DOCUMENTED: ReadonlyArray<[string, ErrorCategory]> = [
  ['AF10001', 'fatal'],
  ['AF20001', 'fatal'],
  ['AF20002', 'fatal'],
  ['AF20003', 'fatal'],
  ['AF20010', 'fatal'],
  ['AF20011', 'fatal'],
  ['AF20012', 'fatal'],
  ['AF20013', 'fatal'],
  ['AF20020', 'fatal'],
  ['AF20021', 'fatal'],
  ['AF20022', 'resubscribe'],
  ['AF20023', 'disabled'],
  ['AF20024', 'success'],
  ['AF20030', 'window'],
  ['AF20055', 'window'],
  ['AF20031', 'window'],
  ['AF20050', 'content-lost'],
  ['AF20051', 'content-lost'],
  ['AF20052', 'content-lost'],
  ['AF20053', 'fatal'],
  ['AF20054', 'fatal'],
  ['AF429', 'throttled'],
  ['429', 'throttled'],
  ['AF50000', 'transient'],
  ['AF50005', 'transient'],
  ['AF50006', 'transient'],
];

describe('AF error table', () => {
  it.each(DOCUMENTED)('%s is %s (whatever the HTTP status)', (code, category) => {
    expect(classifyError(code)).toBe(category);
    expect(classifyError(code, 400)).toBe(category);
    expect(classifyError(code, 403)).toBe(category);
    expect(classifyError(code, 500)).toBe(category);
  });

  it('has exactly the documented codes', () => {
    expect(Object.keys(AF_ERROR_TABLE).sort()).toEqual(DOCUMENTED.map(([code]) => code).sort());
  });

  // The repo root's sibling ../shared holds the design (read-only in CI too).
  const docPath = resolve(__dirname, '../../../../shared/design/o365-api.md');
  it('covers every AF code the design document lists (ranges expanded)', () => {
    const text = readFileSync(docPath, 'utf8');
    const section = text.slice(text.indexOf('## Errors'), text.indexOf('## Records'));
    const codes = new Set<string>();
    for (const match of section.matchAll(/AF(\d+)(?:-AF(\d+))?/g)) {
      const from = Number(match[1]);
      const to = match[2] === undefined ? from : Number(match[2]);
      for (let n = from; n <= to; n += 1) codes.add(`AF${String(n).padStart(match[1]!.length, '0')}`);
    }
    expect(codes.size).toBeGreaterThan(20);
    for (const code of codes) expect(AF_ERROR_TABLE[code], code).toBeDefined();
  });

  it('AF429 is throttled on HTTP 403 and 429, also as code "429"', () => {
    expect(classifyError('AF429', 403)).toBe('throttled');
    expect(classifyError('AF429', 429)).toBe('throttled');
    expect(classifyError('429', 403)).toBe('throttled');
    expect(classifyError('429', 429)).toBe('throttled');
    expect(classifyError('af429', 403)).toBe('throttled');
  });

  it.each([
    [401, 'fatal'],
    [403, 'fatal'],
    [404, 'content-lost'],
    [408, 'transient'],
    [429, 'throttled'],
    [500, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
    [504, 'transient'],
    [507, 'transient'],
    [400, 'fatal'],
    [418, 'fatal'],
  ] as const)('HTTP %i without a body code is %s', (status, category) => {
    expect(classifyError(undefined, status)).toBe(category);
    expect(classifyError('SomethingUnknown', status)).toBe(category);
  });

  it('gives every entry a meaning and an action', () => {
    for (const code of Object.keys(AF_ERROR_TABLE)) {
      const entry = lookupError(code);
      expect(entry.meaning.length, code).toBeGreaterThan(5);
      expect(entry.action.length, code).toBeGreaterThan(5);
    }
  });
});

describe('ManagementApiError', () => {
  it('carries code, statusCode, category and a message that says what to do', () => {
    const error = new ManagementApiError({ code: 'AF20022', statusCode: 400, operation: 'List content (Audit.Exchange)', requestId: 'r-1' });
    expect(error).toMatchObject({ code: 'AF20022', statusCode: 400, category: 'resubscribe', requestId: 'r-1' });
    expect(error.message).toContain('List content (Audit.Exchange) failed: AF20022 (HTTP 400)');
    expect(error.message).toContain('What to do: start the subscription');
  });

  it('lets an explicit category override the table', () => {
    expect(new ManagementApiError({ code: 'InvalidJson', category: 'transient' }).category).toBe('transient');
  });
});
