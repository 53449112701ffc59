// Registers the activities: each one builds its dependencies from the per-process runtime and
// logs through the invocation context. Bodies live in src/activities (tested without a host).
// A failure no retry can fix (a fatal API error, invalid settings) is returned, not thrown, so
// Durable does not attempt it again (activities/activity-failure.ts).
import { isConfigError } from '@auditflow/config';
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { ActivityDeps } from './activity-deps';
import { ActivityFailure, returningNonRetryable } from './activity-failure';
import { checkActivityScope } from './activity-scope';
import { advanceWatermark, type AdvanceWatermarkInput } from '../collect/advance-watermark';
import { ensureSubscriptions, type EnsureSubscriptionsInput, type StartAttemptMemory } from '../collect/ensure-subscriptions';
import { listContentPage, type ListContentPageInput } from '../collect/list-content-page';
import { readCheckpoint, type ReadCheckpointInput } from '../collect/read-checkpoint';
import { recordCycle, type RecordCycleInput } from '../collect/record-cycle';
import { recordGaps, type RecordGapsInput } from '../collect/record-gaps';
import { storeContent, type StoreContentInput } from '../collect/store-content';
import { FUNCTION_NAMES } from './function-names';
import type { AppRuntime } from './app-runtime';
import { structuredLog } from './structured-log';

type Deps = ActivityDeps & { readonly startAttempts: StartAttemptMemory };

export function registerActivityFunctions(runtime: () => Promise<AppRuntime>): void {
  const register = <I, O>(name: string, body: (deps: Deps, input: I) => Promise<O>) =>
    df.app.activity(name, {
      handler: (input: unknown, context: InvocationContext) =>
        returningNonRetryable(async () => {
          const rt = await runtimeOrFail(runtime);
          checkActivityScope(rt.config, name, input);
          return body(depsFor(rt, context), input as I);
        }),
    });

  register(FUNCTION_NAMES.ensureSubscriptions, (d, i: EnsureSubscriptionsInput) => ensureSubscriptions(d, i));
  register(FUNCTION_NAMES.readCheckpoint, (d, i: ReadCheckpointInput) => readCheckpoint(d, i));
  register(FUNCTION_NAMES.listContentPage, (d, i: ListContentPageInput) => listContentPage(d, i));
  register(FUNCTION_NAMES.storeContent, (d, i: StoreContentInput) => storeContent(d, i));
  register(FUNCTION_NAMES.advanceWatermark, (d, i: AdvanceWatermarkInput) => advanceWatermark(d, i));
  register(FUNCTION_NAMES.recordGaps, (d, i: RecordGapsInput) => recordGaps(d, i));
  register(FUNCTION_NAMES.recordCycle, (d, i: RecordCycleInput) => recordCycle(d, i));
}

/** Settings are read once per process: retrying with the same ones cannot help. */
async function runtimeOrFail(runtime: () => Promise<AppRuntime>): Promise<AppRuntime> {
  try {
    return await runtime();
  } catch (error) {
    if (!isConfigError(error)) throw error;
    throw new ActivityFailure(`non-retryable: the app settings are invalid (fix them and restart the app): ${error.message}`, {
      code: 'InvalidConfig',
      statusCode: 500,
      retryable: false,
      cause: error,
    });
  }
}

function depsFor(rt: AppRuntime, context: InvocationContext): Deps {
  return {
    api: rt.api,
    events: rt.store.events,
    checkpoints: rt.store.checkpoints,
    now: () => new Date(),
    log: structuredLog(context),
    retentionDays: rt.config.retentionDays,
    unreadable: { maxAttempts: rt.config.unreadableMaxAttempts, minHours: rt.config.unreadableMinHours },
    startAttempts: rt.startAttempts,
  };
}
