// Command-line options of `npm start`, validated once; every problem is reported together.
import { parseArgs } from 'node:util';

export interface DemoOptions {
  /** Keep running on the schedule with the HTTP endpoints up, instead of one cycle and a summary. */
  readonly serve: boolean;
  /** Collect from the tenant configured by AUDITFLOW_* settings instead of the simulator. */
  readonly real: boolean;
  readonly days: number;
  readonly users: number;
  readonly recordsPerHour: number;
  readonly seed: number;
  readonly faults: boolean;
  /** Seed the simulator's attack stories (BEC chain, consent grant, spray, role, DLP leak). */
  readonly stories: boolean;
  readonly dataDir: string;
  readonly port: number;
  readonly schedule: string;
  /** Give up waiting for the first cycle after this long. */
  readonly timeoutInMs: number;
}

export class UsageError extends Error {
  readonly code = 'Usage';
  constructor(readonly problems: string[]) {
    super(`${problems.join('\n')}\n\n${USAGE}`);
    this.name = 'UsageError';
  }
}

export const USAGE = `usage: npm start -- [options]

  --serve                 keep collecting on the schedule, HTTP endpoints up (Ctrl-C stops)
  --real                  collect from the tenant in AUDITFLOW_* settings instead of the simulator
  --days N                simulated days of history (default 7)
  --users N               simulated users (default 50)
  --records-per-hour N    simulated records per hour, all content types (default 1500)
  --seed N                simulated data seed (default 1)
  --no-faults             simulator without throttling, 5xx, resets, truncation, expired blobs
  --no-stories            simulator without its attack stories (seeded by default; need --days 2 or more)
  --data-dir DIR          where the SQLite stores go (default tmp/demo, emptied first unless --serve;
                          with --real: data, never emptied)
  --port N                local host HTTP port (default 7071; 0 = any free port)
  --schedule CRON         collection schedule, NCRONTAB with seconds (default every 5 s in the demo)
  --timeout-minutes N     give up on the first cycle after N minutes (default 30)`;

function positiveInt(name: string, raw: string | undefined, fallback: number, problems: string[], min = 1): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    problems.push(`--${name} must be a whole number >= ${min}, got "${raw}"`);
    return fallback;
  }
  return value;
}

export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowNegative: true,
      options: {
        serve: { type: 'boolean', default: false },
        real: { type: 'boolean', default: false },
        faults: { type: 'boolean', default: true },
        stories: { type: 'boolean', default: true },
        days: { type: 'string' },
        users: { type: 'string' },
        'records-per-hour': { type: 'string' },
        seed: { type: 'string' },
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        schedule: { type: 'string' },
        'timeout-minutes': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError([(error as Error).message]);
  }
  const v = parsed.values;
  if (v.help) throw new UsageError([]);
  const problems: string[] = [];
  const options: DemoOptions = {
    serve: v.serve ?? false,
    real: v.real ?? false,
    faults: v.faults ?? true,
    stories: v.stories ?? true,
    days: positiveInt('days', v.days, 7, problems),
    users: positiveInt('users', v.users, 50, problems),
    recordsPerHour: positiveInt('records-per-hour', v['records-per-hour'], 1500, problems),
    seed: positiveInt('seed', v.seed, 1, problems, 0),
    dataDir: v['data-dir'] ?? (v.real ? 'data' : 'tmp/demo'),
    port: positiveInt('port', v.port, 7071, problems, 0),
    schedule: v.schedule ?? '*/5 * * * * *',
    timeoutInMs: positiveInt('timeout-minutes', v['timeout-minutes'], 30, problems) * 60_000,
  };
  if (options.schedule.trim().split(/\s+/).length !== 6) {
    problems.push(`--schedule must be an NCRONTAB expression with 6 fields (seconds first), got "${options.schedule}"`);
  }
  if (options.stories && !options.real && options.days < 2) {
    problems.push(`the attack stories need --days 2 or more (got ${options.days}); add --no-stories for a shorter history`);
  }
  if (problems.length > 0) throw new UsageError(problems);
  return Object.freeze(options);
}
