// Timer triggers on their NCRONTAB schedules (6 fields, seconds first; UTC), `%SETTING%`
// schedules resolved from process.env like the host does, runOnStartup honoured. A timer function
// never overlaps itself: a tick that comes while the previous run is busy is skipped (past due).
import { CronExpressionParser } from 'cron-parser';
import type { LoadedApp, RegisteredFunction } from '../app/app-loader';
import { invokeFunction } from '../app/invoker';
import { extraInputsFor, type ClientBindingOptions } from '../http/client-binding';
import { LocalHostError } from '../local-host-error';

type Log = (level: string, message: string, fields?: Record<string, unknown>) => void;

interface ScheduledTimer {
  fn: RegisteredFunction;
  schedule: string;
  handle?: NodeJS.Timeout;
  running?: Promise<void>;
  last?: Date;
}

export class TimerTriggers {
  private readonly timers: ScheduledTimer[] = [];
  private stopped = false;

  /** `holdReason`: why ticks are skipped right now (the durable store cannot be written), else undefined. */
  constructor(
    app: LoadedApp,
    private readonly binding: ClientBindingOptions,
    private readonly log: Log,
    private readonly holdReason: () => string | undefined = () => undefined,
  ) {
    for (const fn of app.functions.values()) {
      if (fn.triggerType !== 'timerTrigger') continue;
      const schedule = resolveSchedule(String(fn.trigger.schedule ?? ''), fn.name);
      nextOccurrence(schedule, new Date(), fn.name); // validate now, fail the start loudly
      this.timers.push({ fn, schedule });
    }
  }

  start(): void {
    for (const t of this.timers) {
      if (t.fn.trigger.runOnStartup === true) this.fire(t, false);
      this.arm(t);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t.handle);
    await Promise.allSettled(this.timers.map((t) => t.running));
  }

  /** `after`: the occurrence just run, so a wake-up a few ms early does not run it twice. */
  private arm(t: ScheduledTimer, after?: Date): void {
    if (this.stopped) return;
    const next = nextOccurrence(t.schedule, new Date(Math.max(Date.now(), after?.getTime() ?? 0)), t.fn.name);
    const delay = Math.max(0, next.getTime() - Date.now());
    t.handle = setTimeout(() => {
      if (Date.now() < next.getTime() - 5) {
        this.arm(t); // woke early (very long delays are capped)
        return;
      }
      this.fire(t, false);
      this.arm(t, next);
    }, Math.min(delay, 2_000_000_000));
  }

  private fire(t: ScheduledTimer, isPastDue: boolean): void {
    if (this.stopped) return;
    if (t.running) {
      this.log('debug', 'timer tick skipped: previous run still busy', { function: t.fn.name });
      return;
    }
    const held = this.holdReason();
    if (held) {
      this.log('debug', 'timer tick skipped: the host takes no new work', { function: t.fn.name, reason: held });
      return;
    }
    const now = new Date();
    const input = {
      Schedule: { AdjustForDST: true },
      ScheduleStatus: { Last: (t.last ?? now).toISOString(), Next: nextOccurrence(t.schedule, now, t.fn.name).toISOString(), LastUpdated: now.toISOString() },
      IsPastDue: isPastDue,
    };
    t.last = now;
    t.running = invokeFunction(t.fn, { trigger: { json: JSON.stringify(input) }, extraInputs: extraInputsFor(t.fn, this.binding), log: this.log })
      .then(() => this.log('debug', 'timer function executed', { function: t.fn.name }))
      .catch((error: unknown) => this.log('error', 'timer function failed', { function: t.fn.name, error: (error as Error).stack ?? String(error) }))
      .finally(() => (t.running = undefined));
  }
}

export function resolveSchedule(schedule: string, functionName: string): string {
  const m = /^%([^%]+)%$/.exec(schedule.trim());
  if (!m) return schedule.trim();
  const value = process.env[m[1]!];
  if (!value) {
    throw new LocalHostError('InvalidSchedule', `Timer function "${functionName}" uses schedule %${m[1]}% but that app setting is not set.`);
  }
  return value.trim();
}

export function nextOccurrence(schedule: string, from: Date, functionName: string): Date {
  try {
    return CronExpressionParser.parse(schedule, { currentDate: from, tz: 'UTC' }).next().toDate();
  } catch (error) {
    throw new LocalHostError('InvalidSchedule', `Timer function "${functionName}" has an invalid NCRONTAB schedule "${schedule}": ${(error as Error).message}`);
  }
}
