// Event document ids are deterministic, so storing a record twice (a retried batch, a rerun, the
// same record in two blobs) is an upsert of the same document, never a second one.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { AuditRecord } from './model';

/** Cosmos DB refuses these in ids (and they would break id-addressed reads); a hash stands in. */
const UNSAFE_ID = /[/\\?#\p{Cc}]/u;
const MAX_ID_LENGTH = 255;

/**
 * The record's `Id` (trimmed, case kept) when it is a usable id, else 'h-' + sha256 of the
 * record's canonical JSON (keys sorted at every depth), so the same content gets the same id.
 */
export function documentId(record: AuditRecord): string {
  const id = record['Id'];
  if (typeof id === 'string') {
    const trimmed = id.trim();
    if (trimmed !== '' && trimmed.length <= MAX_ID_LENGTH && !UNSAFE_ID.test(trimmed)) return trimmed;
  }
  return `h-${createHash('sha256').update(canonicalJson(record)).digest('hex')}`;
}
