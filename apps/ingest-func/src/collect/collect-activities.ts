// The collect workflow's activities, each typed by its row of the activity table: how each body
// gets its dependencies from the per-process runtime (registered by register-collect.ts).
import type { ActivityDeps, Logger } from '../shared/activity-deps';
import type { AppRuntime } from '../shared/app-runtime';
import type { ActivityBodies } from '../shared/register-activities';
import { advanceWatermark } from './advance-watermark';
import { ensureSubscriptions } from './ensure-subscriptions';
import { listContentPage } from './list-content-page';
import { readCheckpoint } from './read-checkpoint';
import { recordCycle } from './record-cycle';
import { recordGaps } from './record-gaps';
import { storeContent } from './store-content';

export type CollectActivityName = 'ensureSubscriptions' | 'readCheckpoint' | 'listContentPage' | 'storeContent' | 'advanceWatermark' | 'recordGaps' | 'recordCycle';

export const COLLECT_ACTIVITIES: ActivityBodies<CollectActivityName> = {
  ensureSubscriptions: (input, { runtime, log }) => ensureSubscriptions({ ...depsOf(runtime, log), startAttempts: runtime.startAttempts }, input),
  readCheckpoint: (input, { runtime, log }) => readCheckpoint(depsOf(runtime, log), input),
  listContentPage: (input, { runtime, log }) => listContentPage(depsOf(runtime, log), input),
  storeContent: (input, { runtime, log }) => storeContent(depsOf(runtime, log), input),
  advanceWatermark: (input, { runtime, log }) => advanceWatermark(depsOf(runtime, log), input),
  recordGaps: (input, { runtime, log }) => recordGaps(depsOf(runtime, log), input),
  recordCycle: (input, { runtime, log }) => recordCycle(depsOf(runtime, log), input),
};

function depsOf(rt: AppRuntime, log: Logger): ActivityDeps {
  return {
    api: rt.api,
    events: rt.store.events,
    checkpoints: rt.store.checkpoints,
    now: () => new Date(),
    log,
    retentionDays: rt.config.retentionDays,
    unreadable: { maxAttempts: rt.config.unreadableMaxAttempts, minHours: rt.config.unreadableMinHours },
  };
}
