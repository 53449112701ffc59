// Registers the activities: each one builds its dependencies from the per-process runtime and
// logs through the invocation context. Bodies live in src/activities (tested without a host).
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { ActivityDeps } from '../activities/activity-deps';
import { advanceWatermark, recordCycle, type AdvanceWatermarkInput, type RecordCycleInput } from '../activities/advance-watermark';
import { ensureSubscriptions, type EnsureSubscriptionsInput, type StartAttemptMemory } from '../activities/ensure-subscriptions';
import { listContentPage, type ListContentPageInput } from '../activities/list-content-page';
import { readCheckpoint, type ReadCheckpointInput } from '../activities/read-checkpoint';
import { recordGaps, type RecordGapsInput } from '../activities/record-gaps';
import { storeContent, type StoreContentInput } from '../activities/store-content';
import { FUNCTION_NAMES } from '../function-names';
import type { AppRuntime } from '../runtime/app-runtime';
import { structuredLog } from './structured-log';

type Deps = ActivityDeps & { readonly startAttempts: StartAttemptMemory };

export function registerActivityFunctions(runtime: () => Promise<AppRuntime>): void {
  const register = <I, O>(name: string, body: (deps: Deps, input: I) => Promise<O>) =>
    df.app.activity(name, {
      handler: async (input: unknown, context: InvocationContext) => body(depsFor(await runtime(), context), input as I),
    });

  register(FUNCTION_NAMES.ensureSubscriptions, (d, i: EnsureSubscriptionsInput) => ensureSubscriptions(d, i));
  register(FUNCTION_NAMES.readCheckpoint, (d, i: ReadCheckpointInput) => readCheckpoint(d, i));
  register(FUNCTION_NAMES.listContentPage, (d, i: ListContentPageInput) => listContentPage(d, i));
  register(FUNCTION_NAMES.storeContent, (d, i: StoreContentInput) => storeContent(d, i));
  register(FUNCTION_NAMES.advanceWatermark, (d, i: AdvanceWatermarkInput) => advanceWatermark(d, i));
  register(FUNCTION_NAMES.recordGaps, (d, i: RecordGapsInput) => recordGaps(d, i));
  register(FUNCTION_NAMES.recordCycle, (d, i: RecordCycleInput) => recordCycle(d, i));
}

function depsFor(rt: AppRuntime, context: InvocationContext): Deps {
  return {
    api: rt.api,
    events: rt.store.events,
    checkpoints: rt.store.checkpoints,
    now: () => new Date(),
    log: structuredLog(context),
    retentionDays: rt.config.retentionDays,
    startAttempts: rt.startAttempts,
  };
}
