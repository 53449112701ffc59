// The event partition key (CONTRACTS.md section 1; the reasons are in libs/storage's README):
// `${tenantId}|${lower-cased UserId or '-'}|${yyyy-mm-dd}`. Derived from the record alone, so a
// re-delivered record lands in the same partition; user x day spreads writes and keeps every
// logical partition far below 20 GB, and "what did U do from A to B" reads a known set of keys.
import { normalizeCreationTime } from './creation-time';
import type { ContentType } from './model';

export interface PartitionKeyInput {
  readonly tenantId: string;
  readonly contentType?: ContentType;
  readonly time: string;
  readonly actor: { readonly userId: string | null };
}

export function partitionKeyFor(doc: PartitionKeyInput): string {
  const time = normalizeCreationTime(doc.time);
  if (time === null) throw new TypeError(`time must be an ISO 8601 timestamp, got ${JSON.stringify(doc.time)}`);
  const user = doc.actor.userId?.trim().toLowerCase() || '-';
  return `${doc.tenantId}|${user}|${time.slice(0, 10)}`;
}
