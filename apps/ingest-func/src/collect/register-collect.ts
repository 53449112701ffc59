// The collect workflow, registered together: the timer that starts a cycle, the cycle's
// orchestrators, and its activities (typed by the activity table).
import * as df from 'durable-functions';
import type { AppRuntime } from '../shared/app-runtime';
import { FUNCTION_NAMES } from '../shared/function-names';
import { registerActivities } from '../shared/register-activities';
import { COLLECT_ACTIVITIES } from './collect-activities';
import { collectOrchestrator } from './collect-orchestrator';
import { registerCollectTimer } from './collect-timer';
import { contentTypeOrchestrator } from './content-type-orchestrator';

export function registerCollect(schedule: string, runtime: () => Promise<AppRuntime>): void {
  registerCollectTimer(schedule);
  df.app.orchestration(FUNCTION_NAMES.collectOrchestrator, collectOrchestrator);
  df.app.orchestration(FUNCTION_NAMES.collectContentTypeOrchestrator, contentTypeOrchestrator);
  registerActivities(runtime, COLLECT_ACTIVITIES);
}
