import { describe, expect, it } from 'vitest';
import { partitionKeyFor } from './partition-key';

describe('partitionKeyFor', () => {
  it.each([
    [{ tenantId: 't1', time: '2026-11-25T23:59:59.999Z', actor: { userId: 'Alice@Contoso.com' } }, 't1|alice@contoso.com|2026-11-25'],
    [{ tenantId: 't1', time: '2026-11-26T00:00:00.000Z', actor: { userId: 'alice@contoso.com' } }, 't1|alice@contoso.com|2026-11-26'],
    [{ tenantId: 't1', time: '2026-11-25T10:00:00.000Z', actor: { userId: null } }, 't1|-|2026-11-25'],
    [{ tenantId: 't1', time: '2026-11-25T10:00:00.000Z', actor: { userId: '  ' } }, 't1|-|2026-11-25'],
    [{ tenantId: 't1', time: '2026-11-25T23:30:00-01:00', actor: { userId: 'u' } }, 't1|u|2026-11-26'],
  ])('%o -> %s', (doc, want) => expect(partitionKeyFor({ contentType: 'Audit.Exchange', ...doc })).toBe(want));

  it('refuses a time that is not a timestamp', () => {
    expect(() => partitionKeyFor({ tenantId: 't', time: 'today', actor: { userId: null } })).toThrow(TypeError);
  });
});
