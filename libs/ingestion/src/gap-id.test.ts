import { describe, expect, it } from 'vitest';
import { gapId, type GapIdentity } from './gap-id';

const gap: GapIdentity = {
  tenantId: 't1',
  contentType: 'Audit.Exchange',
  window: { start: '2026-11-15T00:00:00.000Z', end: '2026-11-18T12:10:00.000Z' },
  reason: 'beyond-api-retention',
};

describe('gapId', () => {
  it('is deterministic and shaped gap-<sha256>', () => {
    expect(gapId(gap)).toMatch(/^gap-[0-9a-f]{64}$/);
    expect(gapId({ ...gap, window: { ...gap.window } })).toBe(gapId(gap));
  });

  it('reads the window bounds as instants', () => {
    expect(gapId({ ...gap, window: { start: '2026-11-15T00:00:00Z', end: '2026-11-18T12:10:00' } })).toBe(gapId(gap));
  });

  it.each([
    ['tenant', { tenantId: 't2' }],
    ['content type', { contentType: 'Audit.General' }],
    ['reason', { reason: 'content-expired' }],
    ['window start', { window: { ...gap.window, start: '2026-11-15T00:00:00.001Z' } }],
    ['window end', { window: { ...gap.window, end: '2026-11-18T12:11:00.000Z' } }],
    ['content id', { contentId: 'blob-1' }],
  ])('changes with the %s', (_name, change) => {
    expect(gapId({ ...gap, ...(change as Partial<GapIdentity>) })).not.toBe(gapId(gap));
  });
});
