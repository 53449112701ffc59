// Reading typed fields out of an untrusted audit record. The API's data is loose (RecordType as
// "15", UserType as "0", blank strings): these readers accept the loose forms and give null for
// anything else instead of throwing.
import type { AuditRecord } from './model';

const INTEGER_TEXT = /^[+-]?\d+(?:\.0*)?$/;

/** The first of `keys` holding a non-blank string (kept as given). */
export function stringField(record: AuditRecord, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** An integer given as a number (15, 15.0) or a numeric string ("15", " 15.0 "); else null. */
export function integerField(record: AuditRecord, key: string): number | null {
  const value = record[key];
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value !== 'string' || !INTEGER_TEXT.test(value.trim())) return null;
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : null;
}

/** A string of a nested object: record[outer][inner]. */
export function nestedStringField(record: AuditRecord, outer: string, inner: string): string | null {
  const value = record[outer];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return stringField(value as AuditRecord, inner);
}
