import { describe, expect, it } from 'vitest';
import { blobGap } from './blob-gap';
import { gapId } from './gap-id';

const blob = { tenantId: 't1', contentType: 'Audit.Exchange' as const, contentId: 'c-1', contentCreated: '2026-11-25T09:00:00.000Z' };
const NOW = new Date('2026-11-25T12:00:00.000Z');

describe('blobGap', () => {
  it.each(['content-expired', 'content-missing', 'content-invalid', 'content-unreadable'] as const)('%s: one blob, a 1 ms window at its contentCreated, id from gapId', (reason) => {
    const gap = blobGap(blob, reason, 'why', NOW);
    const window = { start: blob.contentCreated, end: '2026-11-25T09:00:00.001Z' };
    expect(gap).toEqual({
      id: gapId({ tenantId: 't1', contentType: 'Audit.Exchange', window, reason, contentId: 'c-1' }),
      tenantId: 't1',
      contentType: 'Audit.Exchange',
      window,
      reason,
      detail: 'blob c-1: why',
      contentId: 'c-1',
      recordedAt: NOW.toISOString(),
    });
  });

  it('the same blob and reason give the same id whatever the detail and time', () => {
    expect(blobGap(blob, 'content-unreadable', 'a', NOW).id).toBe(blobGap(blob, 'content-unreadable', 'b', new Date(0)).id);
    expect(blobGap(blob, 'content-unreadable', 'a', NOW).id).not.toBe(blobGap(blob, 'content-invalid', 'a', NOW).id);
  });
});
