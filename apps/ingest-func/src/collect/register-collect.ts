// The collect workflow, registered together: the timer that starts a cycle, the cycle's
// orchestrators, and its activities (typed by the activity table).
import * as df from 'durable-functions';
import type { AppRuntime } from '../shared/app-runtime';
import { registerActivities } from '../shared/register-activities';
import { COLLECT_ACTIVITIES } from './collect-activities';
import { COLLECT_ORCHESTRATORS } from './collect-orchestrators';
import { registerCollectTimer } from './collect-timer';

export function registerCollect(schedule: string, runtime: () => Promise<AppRuntime>): void {
  registerCollectTimer(schedule);
  for (const [name, handler] of Object.entries(COLLECT_ORCHESTRATORS)) df.app.orchestration(name, handler);
  registerActivities(runtime, COLLECT_ACTIVITIES);
}
