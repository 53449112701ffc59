// Reads query parameters for the investigation API, collecting every problem instead of stopping
// at the first, so a 400 names them all. Lists are comma-separated and may also be repeated
// (`operations=A,B` or `operations=A&operations=B`). Unknown parameters are problems too: a typo
// silently ignored would answer a different question than the one asked.
import { parseNodeId } from '@auditflow/investigation';

export interface ParamProblem {
  readonly parameter: string;
  readonly message: string;
}

/** Parameters every route accepts and ignores: the function key. */
const ALWAYS_ALLOWED = new Set(['code']);

export class ParamReader {
  readonly problems: ParamProblem[] = [];
  private readonly used = new Set<string>();

  constructor(private readonly params: URLSearchParams) {}

  problem(parameter: string, message: string): void {
    this.problems.push({ parameter, message });
  }

  string(name: string): string | undefined {
    this.used.add(name);
    const all = this.params.getAll(name);
    if (all.length > 1) this.problem(name, `give ${name} once, got ${all.length} values`);
    const v = all[0]?.trim();
    return v === undefined || v === '' ? undefined : v;
  }

  list(name: string, max = 50): string[] | undefined {
    this.used.add(name);
    const values = this.params
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (values.length === 0) return undefined;
    if (values.length > max) this.problem(name, `at most ${max} values, got ${values.length}`);
    return [...new Set(values)];
  }

  int(name: string, min: number, max: number): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || n < min || n > max) {
      this.problem(name, `must be an integer ${min}..${max}, got "${raw}"`);
      return undefined;
    }
    return n;
  }

  time(name: string): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const ms = Date.parse(raw);
    if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(ms)) {
      this.problem(name, `must be an ISO 8601 date-time such as 2026-11-20T00:00:00Z, got "${raw}"`);
      return undefined;
    }
    return new Date(ms).toISOString();
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problem(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
      return undefined;
    }
    return raw as T;
  }

  listOf<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    const values = this.list(name);
    if (values === undefined) return undefined;
    const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
    if (bad.length > 0) this.problem(name, `unknown value(s) ${bad.map((b) => `"${b}"`).join(', ')}; known: ${allowed.join(', ')}`);
    return values.filter((v) => (allowed as readonly string[]).includes(v)) as T[];
  }

  nodeIds(name: string, max = 1_000): string[] | undefined {
    const values = this.list(name, max);
    const bad = (values ?? []).filter((v) => parseNodeId(v) === undefined);
    if (bad.length > 0) this.problem(name, `not node ids (kind:key, e.g. user:alice@contoso.com): ${bad.slice(0, 5).join(', ')}`);
    return values;
  }

  nodeId(name: string): string | undefined {
    const raw = this.string(name);
    if (raw !== undefined && parseNodeId(raw) === undefined) {
      this.problem(name, `must be a node id like user:alice@contoso.com or ip:203.0.113.7, got "${raw}"`);
      return undefined;
    }
    return raw;
  }

  bool(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (raw !== 'true' && raw !== 'false') {
      this.problem(name, `must be true or false, got "${raw}"`);
      return undefined;
    }
    return raw === 'true';
  }

  /** Adds a problem for every parameter no reader asked for. Call after reading. */
  rejectUnknown(): void {
    for (const name of new Set(this.params.keys())) {
      if (!this.used.has(name) && !ALWAYS_ALLOWED.has(name)) {
        this.problem(name, `unknown parameter; this route takes ${[...this.used].sort().join(', ') || 'none'}`);
      }
    }
  }
}

/** Both ends of a range must be in order. */
export function checkRange(reader: ParamReader, from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && from >= to) reader.problem('from', `must be before to (${from} >= ${to})`);
}
