// A rerun (`rerun-...`, started by POST /api/rerun): the content-type runs over an explicit
// window in rerun mode: every listed blob is fetched again (storage stays de-duplicated by
// record id), watermarks never move, no subscription is started except to answer AF20022.
import type { OrchestrationContext, Task } from 'durable-functions';
import { FUNCTION_NAMES } from '../shared/function-names';
import { rerunInputProblems, requireValidInput } from '../collect/input-validation';
import { failIfAnyFailed, notCollecting, startContentTypeRun } from '../collect/content-type-runs';
import type { CollectOutput, ContentTypeOutcome, RerunInput } from '../collect/orchestration-input';

export function* rerunOrchestrator(context: OrchestrationContext): Generator<Task, CollectOutput, unknown> {
  const raw: unknown = context.df.getInput();
  requireValidInput(FUNCTION_NAMES.rerunOrchestrator, rerunInputProblems(raw), 'start reruns with POST /api/rerun');
  const input = raw as RerunInput;
  const startedAt = context.df.currentUtcDateTime.toISOString();
  const tasks = input.contentTypes.map((contentType) =>
    startContentTypeRun(context, startedAt, { settings: input.settings, contentType, mode: 'rerun', window: input.window }),
  );
  const outcomes = tasks.length > 0 ? ((yield context.df.Task.all(tasks)) as ContentTypeOutcome[]) : [];
  failIfAnyFailed(outcomes, 'rerun');
  return {
    tenantId: input.settings.tenantId,
    startedAt,
    finishedAt: context.df.currentUtcDateTime.toISOString(),
    contentTypes: outcomes,
    notCollecting: notCollecting(outcomes),
  };
}
