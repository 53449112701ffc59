import { describe, expect, it } from 'vitest';
import { decodeContentId, encodeContentId, HOUR_MS } from './content-id';

describe('content ids', () => {
  it('round-trip the blob key and refuse ids of another seed or forged ones', () => {
    const key = { contentType: 'DLP.All' as const, slot: Math.floor(Date.parse('2026-04-05T17:20:00Z') / HOUR_MS), index: 12 };
    const id = encodeContentId(3, key);
    expect(id).toMatch(/^2026040517\d{5}[0-9a-f]{8}\$2026040517\d{5}[0-9a-f]{8}\$dlp_all\$DLP_All\$sim01$/);
    expect(decodeContentId(3, id)).toEqual(key);
    expect(decodeContentId(4, id)).toBeUndefined();
    expect(decodeContentId(3, id.replace('DLP_All', 'Audit_General'))).toBeUndefined();
    expect(decodeContentId(3, 'x$y')).toBeUndefined();
  });
});
