// Content ids name a blob: the hour slot of its events, its index in that slot and a checksum of
// the seed, so a blob can be found (and rebuilt) from its id alone and forged or foreign ids are
// refused with AF20052. The shape mimics the real ids: `$`-separated opaque parts.
import { CONTENT_TYPES, type ContentType } from '@auditflow/ingestion';
import { hashOf } from './seeded-random';

export const HOUR_MS = 3_600_000;

export interface BlobKey {
  readonly contentType: ContentType;
  readonly slot: number;
  readonly index: number;
}

function slotStamp(slot: number): string {
  // yyyyMMddHH of the slot start
  return new Date(slot * HOUR_MS).toISOString().slice(0, 13).replace(/[-T]/g, '');
}

function contentTypeKey(contentType: ContentType): string {
  return contentType.replace('.', '_');
}

function checksum(seed: number, key: BlobKey): string {
  return hashOf(seed, key.contentType, key.slot, key.index, 'content-id').toString(16).padStart(8, '0');
}

export function encodeContentId(seed: number, key: BlobKey): string {
  const head = `${slotStamp(key.slot)}${String(key.index).padStart(5, '0')}${checksum(seed, key)}`;
  const kind = contentTypeKey(key.contentType);
  return `${head}$${head}$${kind.toLowerCase()}$${kind}$sim01`;
}

const HEAD = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{5})([0-9a-f]{8})$/;

/** The blob a content id names, or undefined when the id is not one this tenant issued. */
export function decodeContentId(seed: number, contentId: string): BlobKey | undefined {
  const parts = contentId.split('$');
  if (parts.length !== 5 || parts[0] !== parts[1]) return undefined;
  const m = HEAD.exec(parts[0] ?? '');
  const contentType = CONTENT_TYPES.find((ct) => contentTypeKey(ct) === parts[3]);
  if (!m || !contentType) return undefined;
  const slotMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]));
  const key: BlobKey = { contentType, slot: slotMs / HOUR_MS, index: Number(m[5]) };
  return checksum(seed, key) === m[6] ? key : undefined;
}
