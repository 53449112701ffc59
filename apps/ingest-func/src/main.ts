// The Functions app's entry point (dist/main.js, package.json "main"): registers every function.
// The timer's schedule is read from the validated settings here, at load (the host has put the
// app settings in process.env by then; no reliance on %NAME% resolution). With invalid settings
// the app still loads: the timer keeps the default schedule and every invocation fails with the
// list of problems, so they show in the logs and in HTTP 500 bodies instead of a silent worker.
import { DEFAULT_SCHEDULE, isConfigError } from '@auditflow/config';
import { registerActivityFunctions } from './functions/activity-functions';
import { registerConsoleFunctions } from './console/console-functions';
import { registerCollectTimer } from './functions/collect-timer';
import { registerHttpFunctions } from './functions/http-functions';
import { registerOrchestrationFunctions } from './functions/orchestration-functions';
import { registerInstancePurgeTimer } from './functions/instance-purge-timer';
import { registerPurgeTimer } from './functions/purge-timer';
import { investigateConsoleRoutes } from './investigate/console-routes';
import { registerInvestigateFunctions } from './investigate/register-investigate';
import { getConfig, getRuntime } from './runtime/app-runtime';

function scheduleFromSettings(): string {
  try {
    return getConfig().schedule;
  } catch (error) {
    if (!isConfigError(error)) throw error;
    console.error(`auditflow: ${error.message}\nThe collection timer uses the default schedule ${DEFAULT_SCHEDULE} until the settings are fixed.`);
    return DEFAULT_SCHEDULE;
  }
}

registerCollectTimer(scheduleFromSettings());
registerPurgeTimer();
registerInstancePurgeTimer();
registerHttpFunctions();
registerConsoleFunctions(investigateConsoleRoutes());
registerOrchestrationFunctions();
registerActivityFunctions(getRuntime);
registerInvestigateFunctions(getRuntime);
