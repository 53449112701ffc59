// Registers activity bodies under their names of the activity table (shared/activity-table.ts):
// each body is typed by its row, so registration and the orchestrators' calls cannot disagree.
// Every registered activity first refuses ids outside the configured tenant and content types
// (activity-scope.ts), and returns what no retry can fix as a failure value instead of throwing
// it (activity-failure.ts; why: CONTRACTS.md section 6, "One retry layer").
import { isConfigError } from '@auditflow/config';
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { ActivityInput, ActivityName, ActivityResult } from './activity-table';
import type { Logger } from './activity-deps';
import { ActivityFailure, returningNonRetryable } from './activity-failure';
import { checkActivityScope } from './activity-scope';
import type { AppRuntime } from './app-runtime';
import { structuredLog } from './structured-log';

/** What a body gets besides its input: the per-process runtime and the invocation's logger. */
export interface ActivityEnv {
  readonly runtime: AppRuntime;
  readonly log: Logger;
}

export type ActivityBody<N extends ActivityName> = (input: ActivityInput<N>, env: ActivityEnv) => Promise<ActivityResult<N>>;

/** The bodies of some rows of the table (a workflow's), each typed by its row. */
export type ActivityBodies<N extends ActivityName = ActivityName> = { readonly [K in N]: ActivityBody<K> };

export function registerActivities<N extends ActivityName>(runtime: () => Promise<AppRuntime>, bodies: ActivityBodies<N>): void {
  for (const name of Object.keys(bodies) as N[]) {
    const body = bodies[name] as ActivityBody<N>;
    df.app.activity(name, {
      handler: (input: unknown, context: InvocationContext) =>
        returningNonRetryable(async () => {
          const rt = await runtimeOrFail(runtime);
          checkActivityScope(rt.config, name, input);
          return body(input as ActivityInput<N>, { runtime: rt, log: structuredLog(context) });
        }),
    });
  }
}

/** Settings are read once per process: retrying with the same ones cannot help. */
async function runtimeOrFail(runtime: () => Promise<AppRuntime>): Promise<AppRuntime> {
  try {
    return await runtime();
  } catch (error) {
    if (!isConfigError(error)) throw error;
    throw new ActivityFailure(`non-retryable: the app settings are invalid (fix them and restart the app): ${error.message}`, {
      code: 'InvalidConfig',
      category: 'fatal',
      statusCode: 500,
      retryable: false,
      cause: error,
    });
  }
}
