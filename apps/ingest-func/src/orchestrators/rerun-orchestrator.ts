// A rerun (`rerun-...`, started by POST /api/rerun): the content-type runs over an explicit
// window in rerun mode: every listed blob is fetched again (storage stays de-duplicated by
// record id), watermarks never move, no subscription is started except to answer AF20022.
import type { OrchestrationContext, Task } from 'durable-functions';
import { ZERO_COUNTS } from '../collect/cycle-counts';
import { contentTypeInstanceId, FUNCTION_NAMES } from '../function-names';
import { SUB_ORCHESTRATION_RETRY_POLICY, toRetryOptions } from '../retry-policy';
import { failIfAnyFailed } from './collect-orchestrator';
import type { CollectOutput, ContentTypeOutcome, ContentTypeRunInput, RerunInput } from './orchestration-input';

export function* rerunOrchestrator(context: OrchestrationContext): Generator<Task, CollectOutput, unknown> {
  const input = context.df.getInput() as RerunInput;
  const startedAt = context.df.currentUtcDateTime.toISOString();
  const tasks = input.contentTypes.map((contentType) => {
    const runInput: ContentTypeRunInput = {
      settings: input.settings,
      contentType,
      mode: 'rerun',
      parentInstanceId: context.df.instanceId,
      startedAt,
      window: input.window,
      counts: ZERO_COUNTS,
      execution: 1,
    };
    return context.df.callSubOrchestratorWithRetry(
      FUNCTION_NAMES.collectContentTypeOrchestrator,
      toRetryOptions(SUB_ORCHESTRATION_RETRY_POLICY),
      runInput,
      contentTypeInstanceId(context.df.instanceId, contentType),
    );
  });
  const outcomes = tasks.length > 0 ? ((yield context.df.Task.all(tasks)) as ContentTypeOutcome[]) : [];
  failIfAnyFailed(outcomes, 'rerun');
  return {
    tenantId: input.settings.tenantId,
    startedAt,
    finishedAt: context.df.currentUtcDateTime.toISOString(),
    contentTypes: outcomes,
  };
}
