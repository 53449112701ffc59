// Opaque continuation tokens for keyset paging. A token carries the position after the last row
// of a page and a digest of the query it belongs to, so a token replayed with other filters (or
// another tenant) is refused instead of silently paging through the wrong rows.
import { createHash } from 'node:crypto';
import { StorageError } from '../storage-error';

export interface TokenPosition {
  /** The sort value of the last row (time, or a finding's end). */
  readonly v: string;
  /** Ids already returned at exactly that sort value (SQLite: just the last id). */
  readonly ids: readonly string[];
}

/** Digest of the filters that define a result set (paging options excluded). */
export function queryDigest(filters: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    Object.keys(filters)
      .sort()
      .filter((k) => filters[k] !== undefined)
      .map((k) => [k, filters[k]]),
  );
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

export function encodeToken(digest: string, position: TokenPosition): string {
  return Buffer.from(JSON.stringify({ q: digest, v: position.v, i: position.ids }), 'utf8').toString('base64url');
}

export function decodeToken(token: string, digest: string): TokenPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const t = parsed as { q?: unknown; v?: unknown; i?: unknown } | undefined;
  const valid =
    typeof t === 'object' &&
    t !== null &&
    typeof t.q === 'string' &&
    typeof t.v === 'string' &&
    Array.isArray(t.i) &&
    t.i.every((x) => typeof x === 'string');
  if (!valid) {
    throw new StorageError('InvalidContinuationToken', 400, 'continuationToken is not a token this store issued: drop it to start from the first page.');
  }
  if (t.q !== digest) {
    throw new StorageError(
      'InvalidContinuationToken',
      400,
      'continuationToken belongs to a query with other filters: repeat the exact query of the first page, or drop the token.',
    );
  }
  return { v: t.v as string, ids: t.i as string[] };
}
