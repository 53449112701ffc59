// The orchestrator's side of the analysis: after a cycle's content types are stored, call
// analyseNewEvents until no stored blob is left unanalysed (bounded per cycle; the next cycle
// continues). A failure does not fail the collection (the events are stored and the next cycle
// analyses the same blobs again, since they were not marked): it is reported in the output.
import type { OrchestrationContext, Task } from 'durable-functions';
import type { ContentType } from '@auditflow/ingestion';
import { callActivityWithRetry } from '../shared/call-activity';
import type { AnalyseNewEventsInput } from './analyse-new-events';

/** Calls per cycle at most (each analyses up to DEFAULT_MAX_EVENTS events). */
export const MAX_ANALYSIS_CALLS = 20;

export interface AnalysisOutcome {
  readonly calls: number;
  readonly blobs: number;
  readonly events: number;
  readonly findings: number;
  readonly newFindings: number;
  /** Blobs remain for the next cycle. */
  readonly more: boolean;
  readonly error?: string;
}

export function* analyseCycle(
  context: OrchestrationContext,
  tenantId: string,
  contentTypes: readonly ContentType[],
): Generator<Task, AnalysisOutcome, unknown> {
  const total = { calls: 0, blobs: 0, events: 0, findings: 0, newFindings: 0, more: true };
  const input: AnalyseNewEventsInput = { tenantId, contentTypes };
  try {
    while (total.more && total.calls < MAX_ANALYSIS_CALLS) {
      const r = yield* callActivityWithRetry(context, 'analyseNewEvents', input);
      total.calls += 1;
      total.blobs += r.blobs;
      total.events += r.events;
      total.findings += r.findings;
      total.newFindings += r.newFindings;
      total.more = r.more;
    }
    return total;
  } catch (error) {
    return { ...total, error: error instanceof Error ? error.message : String(error) };
  }
}
