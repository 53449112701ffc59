// The investigate workflow's activity, typed by its row of the activity table: the analysis the
// collect orchestrator runs after each cycle (analysis-step.ts), with its dependencies from the
// per-process runtime.
import type { ActivityBodies } from '../shared/register-activities';
import { analyseNewEvents } from './analyse-new-events';
import type { DlpTypesSource } from './dlp-sensitive-types';
import { ipCountryResolver } from './ip-country';

export const INVESTIGATE_ACTIVITIES: ActivityBodies<'analyseNewEvents'> = {
  analyseNewEvents: (input, { runtime, log }) => {
    const api = dlpSource(runtime.api);
    const countryOf = ipCountryResolver(runtime.config.ipCountryFile);
    return analyseNewEvents({ store: runtime.store, ...(api ? { api } : {}), ...(countryOf ? { countryOf } : {}), now: () => new Date(), log }, input);
  },
};

/** The API client when it offers the DLP names call (the real client does; test fakes may not). */
function dlpSource(api: unknown): DlpTypesSource | undefined {
  const candidate = api as { listDlpSensitiveTypes?: (options: { language: string }) => Promise<unknown[]> } | undefined;
  const list = candidate?.listDlpSensitiveTypes;
  // One language (the API refuses a list); names are shown as the API gives them in it.
  return typeof list === 'function' ? { listDlpSensitiveTypes: () => list.call(candidate, { language: 'en-US' }) } : undefined;
}
