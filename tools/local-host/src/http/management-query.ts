// Validates the management API's query strings and continuation tokens. A malformed value is a
// 400 naming it, never a silently ignored filter (200 [] reads as "the end of the list").
import { LocalHostError } from '../local-host-error';
import type { ListFilter } from '../engine/store';

/** The extension's OrchestrationRuntimeStatus names (Canceled and Suspended never occur here). */
const STATUS_NAMES = ['Pending', 'Running', 'Completed', 'ContinuedAsNew', 'Failed', 'Canceled', 'Terminated', 'Suspended'] as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export type Filter = Omit<ListFilter, 'top' | 'after'>;

function bad(message: string): LocalHostError {
  return new LocalHostError('InvalidQuery', message, 400);
}

export function parseRuntimeStatuses(q: URLSearchParams): string[] | undefined {
  const raw = q.get('runtimeStatus');
  if (raw === null || raw.trim() === '') return undefined;
  const out: string[] = [];
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const name = STATUS_NAMES.find((n) => n.toLowerCase() === item.toLowerCase());
    if (!name) throw bad(`runtimeStatus "${item}" is not a runtime status; use ${STATUS_NAMES.join(', ')} (comma-separated).`);
    out.push(name);
  }
  return out;
}

function parseTime(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const m = ISO_DATE.exec(v.trim());
  const d = new Date(v.trim());
  // Date rolls 2024-02-30 over to March: check the calendar fields survived
  const sameDay = m && !Number.isNaN(d.getTime()) && new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)).toISOString().slice(0, 10) === `${m[1]}-${m[2]}-${m[3]}`;
  const timeOk = m && (m[4] === undefined || (+m[4] < 24 && +m[5]! < 60 && (m[6] === undefined || +m[6] < 60)));
  if (!sameDay || !timeOk) throw bad(`${name} "${v}" is not an ISO 8601 date or date-time (e.g. 2025-01-31T00:00:00Z).`);
  return d.toISOString();
}

export function parseFilter(q: URLSearchParams): Filter {
  const runtimeStatus = parseRuntimeStatuses(q);
  const createdTimeFrom = parseTime(q, 'createdTimeFrom');
  const createdTimeTo = parseTime(q, 'createdTimeTo');
  if (createdTimeFrom && createdTimeTo && createdTimeTo < createdTimeFrom) {
    throw bad(`createdTimeTo (${createdTimeTo}) is before createdTimeFrom (${createdTimeFrom}).`);
  }
  const prefix = q.get('instanceIdPrefix');
  return {
    ...(runtimeStatus ? { runtimeStatus } : {}),
    ...(createdTimeFrom ? { createdTimeFrom } : {}),
    ...(createdTimeTo ? { createdTimeTo } : {}),
    ...(prefix ? { instanceIdPrefix: prefix } : {}),
  };
}

/** `true`/`false` (any case) or absent (the default). */
export function parseFlag(q: URLSearchParams, name: string, fallback: boolean): boolean {
  const v = q.get(name);
  if (v === null || v === '') return fallback;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  throw bad(`${name} must be true or false, got "${v}".`);
}

export function parseTop(q: URLSearchParams, fallback: number, max: number): number {
  const v = q.get('top');
  if (v === null || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw bad(`top must be a positive integer, got "${v}".`);
  return Math.min(Number(v), max);
}

export function encodeContinuation(after: NonNullable<ListFilter['after']>): string {
  return Buffer.from(JSON.stringify({ createdAt: after.createdAt, id: after.id })).toString('base64url');
}

export function decodeContinuation(token: string | undefined): ListFilter['after'] {
  if (token === undefined || token === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const p = parsed as { createdAt?: unknown; id?: unknown } | undefined;
  if (!p || typeof p !== 'object' || typeof p.createdAt !== 'string' || typeof p.id !== 'string' || Number.isNaN(Date.parse(p.createdAt))) {
    throw bad('The x-ms-continuation-token header is not a continuation token of this host: send back the one a previous page returned, or none for the first page.');
  }
  return { createdAt: p.createdAt, id: p.id };
}
