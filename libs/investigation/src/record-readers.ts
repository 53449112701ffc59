// Reading the nested, loosely typed parts of audit records: Parameters and ExtendedProperties (a
// list of {Name, Value}, or one string of "-Name "value"" pairs in some real records),
// ModifiedProperties ({Name, OldValue, NewValue}), and JSON inside strings. Anything unexpected
// gives an empty answer, never an exception: records are untrusted.
import type { AuditRecord } from '@auditflow/ingestion';

type Json = unknown;

/** record[key], or the same key in another case (one real source writes lower-case keys). */
export function field(record: AuditRecord | undefined | null, key: string): Json {
  // Documents read without their raw record (a store's lean query) give no nested fields.
  if (typeof record !== 'object' || record === null) return undefined;
  if (key in record) return record[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(record)) if (k.toLowerCase() === lower) return record[k];
  return undefined;
}

export function text(value: Json): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

export function textField(record: AuditRecord | undefined | null, key: string): string | null {
  return text(field(record, key));
}

/** JSON inside a string is parsed; other values are returned as they are. */
export function parsedMaybe(value: Json): Json {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return value;
  try {
    return JSON.parse(t) as Json;
  } catch {
    return value;
  }
}

const CMDLET_PAIR = /-(\w+)\s+(?:"((?:[^"\\]|\\.)*)"|\(([^)]*)\)|(\S+))/g;

/** Name -> value of Parameters / ExtendedProperties / OperationProperties (names compared case-insensitively). */
export function nameValues(record: AuditRecord | undefined | null, key: string): Map<string, string> {
  const out = new Map<string, string>();
  const raw = parsedMaybe(field(record, key));
  if (Array.isArray(raw)) {
    for (const item of raw) {
      if (typeof item !== 'object' || item === null) continue;
      const o = item as Record<string, unknown>;
      const name = text(o['Name'] ?? o['name']);
      const value = text(o['Value'] ?? o['value']);
      if (name !== null) out.set(name.toLowerCase(), value ?? '');
    }
  } else if (typeof raw === 'string') {
    for (const m of raw.matchAll(CMDLET_PAIR)) {
      const name = m[1];
      if (name) out.set(name.toLowerCase(), (m[2] ?? m[3] ?? m[4] ?? '').trim());
    }
  }
  return out;
}

export interface ModifiedProperty {
  readonly name: string;
  readonly oldValue: string;
  readonly newValue: string;
}

export function modifiedProperties(record: AuditRecord | undefined | null): ModifiedProperty[] {
  const raw = parsedMaybe(field(record, 'ModifiedProperties'));
  if (!Array.isArray(raw)) return [];
  const out: ModifiedProperty[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const o = item as Record<string, unknown>;
    const name = text(o['Name']);
    if (name === null) continue;
    out.push({ name, oldValue: text(o['OldValue']) ?? '', newValue: text(o['NewValue']) ?? '' });
  }
  return out;
}

/** A modified property's new value, with a JSON-array wrapper ("[\"x\"]") removed. */
export function modifiedNew(record: AuditRecord | undefined | null, name: string): string | null {
  const p = modifiedProperties(record).find((m) => m.name.toLowerCase() === name.toLowerCase());
  return p ? unwrapJsonText(p.newValue) : null;
}

export function unwrapJsonText(value: string): string | null {
  const parsed = parsedMaybe(value);
  if (Array.isArray(parsed)) {
    const parts = parsed.map((x) => text(typeof x === 'object' && x !== null ? JSON.stringify(x) : x)).filter((x): x is string => x !== null);
    return parts.length > 0 ? parts.join(',') : null;
  }
  return text(parsed);
}

/** IDs of a Target / Actor list, with their Type. */
export function typedIds(record: AuditRecord | undefined | null, key: 'Target' | 'Actor'): { id: string; type: number | null }[] {
  const raw = field(record, key);
  if (!Array.isArray(raw)) return [];
  const out: { id: string; type: number | null }[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const o = item as Record<string, unknown>;
    const id = text(o['ID']);
    if (id !== null) out.push({ id, type: typeof o['Type'] === 'number' ? o['Type'] : null });
  }
  return out;
}

/** Email-like addresses in a parameter value ("smtp:a@b.com", "a@b; c@d", "[a@b]"). */
export function addressesIn(value: string | null | undefined): string[] {
  if (!value) return [];
  const out = new Set<string>();
  for (const m of value.matchAll(/[A-Za-z0-9._%+'#-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)) out.add(m[0].toLowerCase());
  return [...out];
}

/** "True"/"False" the way Exchange and Entra write booleans. */
export function isTrue(value: string | null | undefined): boolean {
  return typeof value === 'string' && /^(true|\$true|1|yes)$/i.test(value.trim());
}
