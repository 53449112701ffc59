// Shape check of an NCRONTAB expression as Azure Functions timer triggers take it: six fields,
// seconds first ({second} {minute} {hour} {day} {month} {day-of-week}). It checks syntax and
// ranges only; the host's scheduler does the scheduling.

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[]; // index + min = value
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // 7 is Sunday too in most cron dialects, NCRONTAB included.
  { name: 'day of week', min: 0, max: 7, names: DAYS },
];

function parseValue(text: string, spec: FieldSpec): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const index = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (index >= 0) return index + (spec.name === 'month' ? 1 : 0);
  return undefined;
}

function checkField(text: string, spec: FieldSpec): string | undefined {
  for (const part of text.split(',')) {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined || range === undefined || range === '') return `bad ${spec.name} field "${text}"`;
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `bad step "/${step}" in the ${spec.name} field`;
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `bad range "${range}" in the ${spec.name} field`;
    const values = bounds.map((b) => parseValue(b, spec));
    for (const [i, v] of values.entries()) {
      if (v === undefined || v < spec.min || v > spec.max) {
        return `${spec.name} "${bounds[i] ?? ''}" is outside ${spec.min}-${spec.max}`;
      }
    }
    if (values.length === 2 && (values[0] as number) > (values[1] as number)) {
      return `range "${range}" in the ${spec.name} field runs backwards`;
    }
  }
  return undefined;
}

/** undefined when `expression` is a valid 6-field NCRONTAB expression, else what is wrong. */
export function checkNcrontab(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) {
    return `has ${fields.length} field${fields.length === 1 ? '' : 's'}, needs 6 (second minute hour day month day-of-week)`;
  }
  for (const [i, spec] of FIELDS.entries()) {
    const problem = checkField(fields[i] as string, spec);
    if (problem) return problem;
  }
  return undefined;
}
