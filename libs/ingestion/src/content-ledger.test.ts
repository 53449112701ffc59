import { describe, expect, it } from 'vitest';
import { blobsToFetch } from './content-ledger';
import type { ContentBlob, LedgerEntry, LedgerState } from './model';

function blob(contentId: string, uri = `https://example.invalid/${contentId}`): ContentBlob {
  return {
    contentType: 'Audit.SharePoint',
    contentId,
    contentUri: uri,
    contentCreated: '2026-11-24T01:00:00.000Z',
    contentExpiration: '2026-12-01T01:00:00.000Z',
  };
}

function ledgerOf(states: Record<string, LedgerState>): Map<string, LedgerEntry> {
  return new Map(
    Object.entries(states).map(([id, state]) => [
      id,
      { ...blob(id), tenantId: 't', contentType: 'Audit.SharePoint', state, updatedAt: '2026-11-24T02:00:00.000Z' },
    ]),
  );
}

const page = [blob('a'), blob('b'), blob('c'), blob('d'), blob('a', 'https://example.invalid/a-again')];
const ledger = ledgerOf({ a: 'stored', b: 'lost', c: 'listed' });
const withQuarantine = ledgerOf({ a: 'stored', b: 'quarantined', c: 'listed' });

describe('blobsToFetch', () => {
  it.each([
    { force: false, want: ['c', 'd'] },
    { force: true, want: ['a', 'b', 'c', 'd'] },
  ])('force=$force -> $want', ({ force, want }) => {
    expect(blobsToFetch(page, ledger, force).map((b) => b.contentId)).toEqual(want);
  });

  it.each([
    { force: false, want: ['c', 'd'] },
    { force: true, want: ['a', 'b', 'c', 'd'] },
  ])('a quarantined blob is fetched only by a rerun (force=$force -> $want)', ({ force, want }) => {
    expect(blobsToFetch(page, withQuarantine, force).map((b) => b.contentId)).toEqual(want);
  });

  it('keeps the first of a repeated contentId', () => {
    expect(blobsToFetch(page, new Map(), false).find((b) => b.contentId === 'a')!.contentUri).toBe(
      'https://example.invalid/a',
    );
  });

  it('an empty page gives nothing to fetch', () => {
    expect(blobsToFetch([], ledger, true)).toEqual([]);
  });

  it.each([
    ['blobs', () => blobsToFetch('x' as unknown as ContentBlob[], ledger, false)],
    ['ledger', () => blobsToFetch(page, {} as unknown as Map<string, LedgerEntry>, false)],
    ['force', () => blobsToFetch(page, ledger, 'yes' as unknown as boolean)],
  ])('rejects a bad %s with a TypeError', (field, call) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(field);
  });
});
