// The Functions app's entry point (dist/main.js, package.json "main"): registers every function.
// The timer's schedule is read from the validated settings here, at load (the host has put the
// app settings in process.env by then; no reliance on %NAME% resolution). With invalid settings
// the app still loads: the timer keeps the default schedule and every invocation fails with the
// list of problems, so they show in the logs and in HTTP 500 bodies instead of a silent worker.
import { DEFAULT_SCHEDULE, isConfigError } from '@auditflow/config';
import { registerCollect } from './collect/register-collect';
import { registerConsoleFunctions } from './console/console-functions';
import { investigateConsoleRoutes } from './investigate/console-routes';
import { registerInvestigateFunctions } from './investigate/register-investigate';
import { registerInstancePurgeTimer } from './purge/instance-purge-timer';
import { registerPurgeTimer } from './purge/purge-timer';
import { registerRerun } from './rerun/register-rerun';
import { getConfig, getRuntime } from './shared/app-runtime';
import { registerStatusHttp } from './status/status-http';

function scheduleFromSettings(): string {
  try {
    return getConfig().schedule;
  } catch (error) {
    if (!isConfigError(error)) throw error;
    console.error(`auditflow: ${error.message}\nThe collection timer uses the default schedule ${DEFAULT_SCHEDULE} until the settings are fixed.`);
    return DEFAULT_SCHEDULE;
  }
}

// One call per workflow folder; each registers its triggers, orchestrators and activities.
registerCollect(scheduleFromSettings(), getRuntime);
registerRerun();
registerPurgeTimer();
registerInstancePurgeTimer();
registerStatusHttp();
registerConsoleFunctions(investigateConsoleRoutes());
registerInvestigateFunctions(getRuntime);
