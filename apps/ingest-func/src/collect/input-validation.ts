// Orchestration inputs come from the app's own starters, but the Durable management API can start
// any orchestrator with any input. Each orchestrator checks its input first and fails at once with
// every problem named (not "Cannot read properties of undefined" three calls later). Pure and
// deterministic: replays give the same answer. The tenant itself is checked by every activity
// against the configuration (shared/activity-scope.ts): an orchestrator cannot read settings.
import { CONTENT_TYPES, isContentType } from '@auditflow/ingestion';

type Fields = Record<string, unknown>;

/** Throws an Error `${name} input is invalid: p1; p2...: ${howToStart}` when there are problems. */
export function requireValidInput(name: string, problems: readonly string[], howToStart: string): void {
  if (problems.length > 0) throw new Error(`${name} input is invalid: ${problems.join('; ')}: ${howToStart}`);
}

export function collectInputProblems(input: unknown): string[] {
  if (!isObject(input)) return ['the input is not an object'];
  return settingsProblems(input.settings);
}

export function rerunInputProblems(input: unknown): string[] {
  if (!isObject(input)) return ['the input is not an object'];
  const problems = settingsProblems(input.settings);
  problems.push(...contentTypeListProblems('contentTypes', input.contentTypes, true));
  problems.push(...windowProblems(input.window));
  return problems;
}

export function contentTypeRunInputProblems(input: unknown): string[] {
  if (!isObject(input)) return ['the input is not an object'];
  const problems = settingsProblems(input.settings);
  if (!isContentType(input.contentType)) problems.push(`contentType must be one of ${CONTENT_TYPES.join(', ')}, got ${show(input.contentType)}`);
  else if (isObject(input.settings) && Array.isArray(input.settings.contentTypes) && !input.settings.contentTypes.includes(input.contentType)) {
    problems.push(`contentType ${input.contentType} is not in settings.contentTypes`);
  }
  if (input.mode !== 'collect' && input.mode !== 'rerun') problems.push(`mode must be collect or rerun, got ${show(input.mode)}`);
  if (input.mode === 'rerun') problems.push(...windowProblems(input.window));
  if (typeof input.parentInstanceId !== 'string' || input.parentInstanceId === '') problems.push('parentInstanceId must be a non-empty string');
  if (!isIsoTime(input.startedAt)) problems.push(`startedAt must be an ISO 8601 time, got ${show(input.startedAt)}`);
  if (!isObject(input.counts) || !Object.values(input.counts).every((n) => Number.isInteger(n) && (n as number) >= 0)) {
    problems.push('counts must be an object of whole numbers >= 0');
  }
  if (!Number.isInteger(input.execution) || (input.execution as number) < 1) problems.push(`execution must be a whole number >= 1, got ${show(input.execution)}`);
  return problems;
}

function settingsProblems(settings: unknown): string[] {
  if (settings === undefined) return ['settings is missing'];
  if (!isObject(settings)) return ['settings is not an object'];
  const problems: string[] = [];
  if (typeof settings.tenantId !== 'string' || settings.tenantId.trim() === '') {
    problems.push(`settings.tenantId must be a non-empty string, got ${show(settings.tenantId)}`);
  }
  problems.push(...contentTypeListProblems('settings.contentTypes', settings.contentTypes, true));
  const integer = (key: string, min: number, max: number) => {
    const value = settings[key];
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      problems.push(`settings.${key} must be a whole number from ${min} to ${max}, got ${show(value)}`);
    }
  };
  integer('firstRunLookbackHours', 1, 168);
  integer('relistOverlapMinutes', 0, 1440);
  integer('safetyLagMinutes', 0, 120);
  integer('blobBatchSize', 1, 100);
  integer('maxWindowsPerExecution', 1, 7);
  return problems;
}

function contentTypeListProblems(field: string, value: unknown, nonEmpty: boolean): string[] {
  if (!Array.isArray(value)) return [`${field} must be a list of content types, got ${show(value)}`];
  if (nonEmpty && value.length === 0) return [`${field} is empty`];
  return value.flatMap((ct, i) => (isContentType(ct) ? [] : [`${field}[${i}] ${show(ct)} is not a content type (${CONTENT_TYPES.join(', ')})`]));
}

export function windowProblems(window: unknown): string[] {
  if (!isObject(window)) return [`window must be {start, end} (ISO 8601 times), got ${show(window)}`];
  const problems: string[] = [];
  for (const key of ['start', 'end'] as const) {
    if (!isIsoTime(window[key])) problems.push(`window.${key} ${show(window[key])} is not an ISO 8601 time`);
  }
  if (problems.length === 0 && Date.parse(window.end as string) <= Date.parse(window.start as string)) problems.push('window.end must be after window.start');
  return problems;
}

export function isIsoTime(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
}

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value)?.slice(0, 80) ?? String(value);
  } catch {
    return String(value);
  }
}
