// Attack stories seeded into the simulated tenant (issue 11 section 5): what a story is, and the
// ground truth it promises (which findings must fire, on which entities, citing which events).
import type { ContentType } from '@auditflow/ingestion';
import type { MutableRecord } from '../record-context';

export interface StoryRecord {
  readonly contentType: ContentType;
  readonly timeMs: number;
  readonly record: MutableRecord;
}

export interface ExpectedFinding {
  /** Indicator id of @auditflow/investigation (e.g. `mail-forwarding-external`). */
  readonly indicator: string;
  /** Node ids (`user:...`, `ip:...`) that must all be among the finding's entities. */
  readonly entities: readonly string[];
  /** Ids of the story records the finding must cite (all of them, or evidenceTotal >= their count when more than fit). */
  readonly evidenceIds: readonly string[];
  readonly severity: 'low' | 'medium' | 'high';
}

export interface StoryTruth {
  readonly story: string;
  readonly description: string;
  readonly start: string;
  readonly end: string;
  readonly findings: readonly ExpectedFinding[];
  /** Other story events an investigation must show (e.g. scenario C's joined file and mail operations). */
  readonly related?: Readonly<Record<string, readonly string[]>>;
}

export interface Story {
  readonly truth: StoryTruth;
  readonly records: readonly StoryRecord[];
}
