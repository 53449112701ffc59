// What the orchestrations receive and return: plain data only (settings copied from the config
// by the starter, ids, windows and counts), so replay is deterministic and history stays small.
import type { CollectionWindow, ContentType } from '@auditflow/ingestion';
import type { SubscriptionReport, SubscriptionState } from './ensure-subscriptions';
import type { CollectSettings } from './collect-settings';
import type { CycleCounts } from '@auditflow/ingestion';
import type { AnalysisOutcome } from '../investigate/analysis-step';

export interface CollectInput {
  readonly settings: CollectSettings;
}

export interface RerunInput {
  readonly settings: CollectSettings;
  readonly contentTypes: readonly ContentType[];
  readonly window: CollectionWindow;
}

/** Input of one content type's orchestration; continueAsNew passes it on with the counts so far. */
export interface ContentTypeRunInput {
  readonly settings: CollectSettings;
  readonly contentType: ContentType;
  readonly mode: 'collect' | 'rerun';
  /** The collect or rerun instance that started this run (named in the cycle summary). */
  readonly parentInstanceId: string;
  /** When the first execution of this run started. */
  readonly startedAt: string;
  /** collect: what ensureSubscriptions found (disabled: record a gap, collect nothing). */
  readonly subscription?: SubscriptionState;
  /** rerun: the window to list again (fetching even blobs the ledger has). */
  readonly window?: CollectionWindow;
  /** Counts of the earlier executions of this run. */
  readonly counts: CycleCounts;
  /** 1 for the first execution, +1 per continueAsNew. */
  readonly execution: number;
}

export type ContentTypeOutcomeKind =
  | 'collected' // every planned window listed and stored, watermark moved
  | 'incomplete' // a window kept a blob unstored (the watermark waits at it), or windows were left after MAX_EXECUTIONS_PER_RUN; the next cycle resumes
  | 'subscription-disabled' // an admin disabled it: a gap is recorded, nothing collected
  | 'not-subscribed' // the subscription could not be started (see detail)
  | 'failed'; // an activity failed after its retries (see detail); the watermark did not pass it

export interface ContentTypeOutcome {
  readonly contentType: ContentType;
  readonly outcome: ContentTypeOutcomeKind;
  readonly counts: CycleCounts;
  readonly detail?: string;
}

export interface CollectOutput {
  readonly tenantId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly subscriptions?: readonly SubscriptionReport[];
  readonly contentTypes: readonly ContentTypeOutcome[];
  /** The analysis of the cycle's new events (investigate/analysis-step.ts). */
  readonly analysis?: AnalysisOutcome;
  /** Every content type not collected by this cycle (any outcome but 'collected'), with why. Empty = all collected. */
  readonly notCollecting: readonly NotCollecting[];
}

export interface NotCollecting {
  readonly contentType: ContentType;
  readonly outcome: ContentTypeOutcomeKind;
  /** `${outcome}: ${detail}`, e.g. "not-subscribed: start-deferred: ...; the first cycle after ... starts it". */
  readonly reason: string;
}

/** Custom status of the collect orchestration: what status reports while a cycle runs. */
export interface CollectCustomStatus {
  readonly subscriptions: readonly SubscriptionReport[];
}
