// Validation of POST /api/rerun bodies: a pure function (tested by table) that reports every
// problem at once, each naming its field and what to do.
import { API_RETENTION_MS, CONTENT_TYPES, isContentType, type ContentType } from '@auditflow/ingestion';

export interface RerunRequest {
  readonly contentTypes: readonly ContentType[];
  /** True when the body named no content types (every configured one). */
  readonly allContentTypes: boolean;
  readonly start: string;
  readonly end: string;
}

export interface RerunProblem {
  readonly field: 'body' | 'contentTypes' | 'start' | 'end';
  readonly message: string;
}

export type RerunValidation =
  | { readonly ok: true; readonly request: RerunRequest }
  | { readonly ok: false; readonly problems: RerunProblem[] };

export const RERUN_MAX_SPAN_MS = API_RETENTION_MS;

// ISO 8601 with a date, a time and an explicit zone (Z or +hh:mm): no local-time guessing.
const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const EXAMPLE = '2026-11-24T00:00:00Z';

/**
 * @param body the parsed JSON body (`undefined` when the body was not JSON)
 * @param configured the content types this app collects (the default)
 */
export function validateRerunRequest(body: unknown, configured: readonly ContentType[], now: Date): RerunValidation {
  const problems: RerunProblem[] = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      problems: [{ field: 'body', message: `the body must be a JSON object such as {"start": "${EXAMPLE}", "end": "2026-11-24T06:00:00Z", "contentTypes": ["Audit.Exchange"]}` }],
    };
  }
  const fields = body as Record<string, unknown>;
  const contentTypes = readContentTypes(fields.contentTypes, configured, problems);
  const start = readTime(fields.start, 'start', problems);
  const end = readTime(fields.end, 'end', problems);
  const earliest = now.getTime() - API_RETENTION_MS;
  if (start !== undefined && start < earliest) {
    problems.push({ field: 'start', message: `start must be within the last 7 days (the API keeps content 7 days): use ${new Date(earliest + 60_000).toISOString()} or later` });
  }
  if (end !== undefined && end > now.getTime()) {
    problems.push({ field: 'end', message: `end must not be in the future: use ${now.toISOString()} or earlier` });
  }
  if (start !== undefined && end !== undefined) {
    if (start >= end) problems.push({ field: 'end', message: 'end must be after start' });
    else if (end - start > RERUN_MAX_SPAN_MS) problems.push({ field: 'end', message: 'the window may be at most 7 days long: move end closer to start' });
  }
  if (problems.length > 0 || start === undefined || end === undefined) return { ok: false, problems };
  return {
    ok: true,
    request: {
      contentTypes: contentTypes ?? configured,
      allContentTypes: contentTypes === undefined,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
    },
  };
}

function readContentTypes(value: unknown, configured: readonly ContentType[], problems: RerunProblem[]): ContentType[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ field: 'contentTypes', message: `contentTypes must be a non-empty array of content types (${configured.join(', ')}), or left out for all of them` });
    return undefined;
  }
  const result: ContentType[] = [];
  for (const item of value) {
    if (!isContentType(item)) {
      const nearly = typeof item === 'string' ? CONTENT_TYPES.find((ct) => ct.toLowerCase() === item.toLowerCase()) : undefined;
      problems.push({
        field: 'contentTypes',
        message: `unknown content type ${JSON.stringify(item)}${nearly ? ` (did you mean ${nearly}? names are case-sensitive)` : ''}: use ${CONTENT_TYPES.join(', ')}`,
      });
      continue;
    }
    if (!configured.includes(item)) {
      problems.push({ field: 'contentTypes', message: `content type ${item} is not collected by this app (AUDITFLOW_CONTENT_TYPES): use ${configured.join(', ')}` });
      continue;
    }
    if (!result.includes(item)) result.push(item);
  }
  return result;
}

function readTime(value: unknown, field: 'start' | 'end', problems: RerunProblem[]): number | undefined {
  if (value === undefined || value === null || value === '') {
    problems.push({ field, message: `${field} is missing: give an ISO 8601 time with a zone, e.g. ${EXAMPLE}` });
    return undefined;
  }
  const parts = typeof value === 'string' ? ISO_WITH_ZONE.exec(value) : null;
  const time = parts ? Date.parse(value as string) : Number.NaN;
  if (!parts || Number.isNaN(time)) {
    problems.push({ field, message: `${field} is ${JSON.stringify(value)}, not an ISO 8601 time with a zone: use e.g. ${EXAMPLE}` });
    return undefined;
  }
  // Date.parse rolls impossible dates over (2026-11-31 becomes 2026-12-01, 24:00 the next day).
  if (!existingDateTime(parts)) {
    problems.push({ field, message: `${field} is ${JSON.stringify(value)}: no such date or time (check the day of the month and that hours are 00-23): use e.g. ${EXAMPLE}` });
    return undefined;
  }
  return time;
}

function existingDateTime(parts: RegExpExecArray): boolean {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = parts.slice(1).map((p) => Number(p ?? 0));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 23 && offsetMinutes <= 59;
}
