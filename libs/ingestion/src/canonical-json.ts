// Canonical JSON: object keys sorted at every depth, arrays in order, JSON.stringify otherwise.
// Two records with the same content give the same text whatever their key order.

export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (isPlainObject(v) ? sortKeys(v) : v));
  // JSON.stringify gives undefined for undefined / functions / symbols at the top level.
  return text ?? 'null';
}

function sortKeys(obj: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) sorted[key] = obj[key];
  return sorted;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
