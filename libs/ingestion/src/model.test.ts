import { describe, expect, it } from 'vitest';
import { CONTENT_TYPES, isContentType } from './model';

describe('isContentType', () => {
  it.each(CONTENT_TYPES)('accepts %s', (ct) => expect(isContentType(ct)).toBe(true));
  it.each(['audit.exchange', 'Audit.Teams', '', 42, null])('rejects %s', (v) => expect(isContentType(v)).toBe(false));
});
