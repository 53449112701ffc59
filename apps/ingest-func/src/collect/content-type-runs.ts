// What the collect and rerun orchestrations share: starting one content type's run as a
// sub-orchestration under the parent's instance (`{parent}:{contentType}`), and failing the
// parent, after every run finished, naming each content type that failed.
import type { OrchestrationContext, Task } from 'durable-functions';
import { ZERO_COUNTS } from '@auditflow/ingestion';
import { contentTypeInstanceId, FUNCTION_NAMES } from '../shared/function-names';
import { SUB_ORCHESTRATION_RETRY_POLICY, toRetryOptions } from '../shared/retry-policy';
import type { ContentTypeOutcome, ContentTypeRunInput, NotCollecting } from './orchestration-input';

/** The first execution of a content type's run; the parent, start time and counts are filled in. */
export function startContentTypeRun(
  context: OrchestrationContext,
  startedAt: string,
  run: Omit<ContentTypeRunInput, 'parentInstanceId' | 'startedAt' | 'counts' | 'execution'>,
): Task {
  const input: ContentTypeRunInput = { ...run, parentInstanceId: context.df.instanceId, startedAt, counts: ZERO_COUNTS, execution: 1 };
  return context.df.callSubOrchestratorWithRetry(
    FUNCTION_NAMES.collectContentTypeOrchestrator,
    toRetryOptions(SUB_ORCHESTRATION_RETRY_POLICY),
    input,
    contentTypeInstanceId(context.df.instanceId, run.contentType),
  );
}

/** Fails the orchestration naming every failed content type (after all of them finished). */
export function failIfAnyFailed(outcomes: readonly ContentTypeOutcome[], what: string): void {
  const failed = outcomes.filter((o) => o.outcome === 'failed');
  if (failed.length === 0) return;
  throw new Error(
    `${what} failed for ${failed.length} content type(s); watermarks did not pass what is missing and the next run resumes there: ` +
      failed.map((o) => `${o.contentType}: ${o.detail ?? 'failed'}`).join(' | '),
  );
}

/** Every content type whose run did not end 'collected', with its outcome and reason (never a success). */
export function notCollecting(outcomes: readonly ContentTypeOutcome[]): NotCollecting[] {
  return outcomes
    .filter((o) => o.outcome !== 'collected')
    .map((o) => ({ contentType: o.contentType, outcome: o.outcome, reason: `${o.outcome}${o.detail ? `: ${o.detail}` : ''}` }));
}
