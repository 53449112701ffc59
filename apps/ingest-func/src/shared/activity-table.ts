// THE contract between the orchestrators and the activities: every activity's name, input and
// result, in one table. Registration (shared/register-activities.ts) types each body by it and
// the orchestrators call through shared/call-activity.ts, so an input or result changed in one
// place and not the other is a compile error, not a failure in production. Inputs and results are
// plain data (ids, windows, counts): they are written to the orchestration history.
// Adding an activity: write its body in its workflow's folder, add a row here, add the body to
// that folder's *-activities.ts.
import type { AdvanceWatermarkInput, AdvanceWatermarkResult } from '../collect/advance-watermark';
import type { EnsureSubscriptionsInput, EnsureSubscriptionsResult } from '../collect/ensure-subscriptions';
import type { ListContentPageInput, ListContentPageResult } from '../collect/list-content-page';
import type { ReadCheckpointInput, ReadCheckpointResult } from '../collect/read-checkpoint';
import type { RecordCycleInput, RecordCycleResult } from '../collect/record-cycle';
import type { RecordGapsInput, RecordGapsResult } from '../collect/record-gaps';
import type { StoreContentInput, StoreContentResult } from '../collect/store-content';
import type { AnalyseNewEventsInput, AnalyseNewEventsResult } from '../investigate/analyse-new-events';

interface Row<I, R> {
  readonly input: I;
  readonly result: R;
}

export interface ActivityTable {
  // collect
  readonly ensureSubscriptions: Row<EnsureSubscriptionsInput, EnsureSubscriptionsResult>;
  readonly readCheckpoint: Row<ReadCheckpointInput, ReadCheckpointResult>;
  readonly listContentPage: Row<ListContentPageInput, ListContentPageResult>;
  readonly storeContent: Row<StoreContentInput, StoreContentResult>;
  readonly advanceWatermark: Row<AdvanceWatermarkInput, AdvanceWatermarkResult>;
  readonly recordGaps: Row<RecordGapsInput, RecordGapsResult>;
  readonly recordCycle: Row<RecordCycleInput, RecordCycleResult>;
  // investigate
  readonly analyseNewEvents: Row<AnalyseNewEventsInput, AnalyseNewEventsResult>;
}

export type ActivityName = keyof ActivityTable;
export type ActivityInput<N extends ActivityName> = ActivityTable[N]['input'];
export type ActivityResult<N extends ActivityName> = ActivityTable[N]['result'];

/** The activity names as values (function names: the host registers them under these). */
export const ACTIVITY_NAMES = {
  ensureSubscriptions: 'ensureSubscriptions',
  readCheckpoint: 'readCheckpoint',
  listContentPage: 'listContentPage',
  storeContent: 'storeContent',
  advanceWatermark: 'advanceWatermark',
  recordGaps: 'recordGaps',
  recordCycle: 'recordCycle',
  analyseNewEvents: 'analyseNewEvents',
} as const satisfies { readonly [N in ActivityName]: N };
