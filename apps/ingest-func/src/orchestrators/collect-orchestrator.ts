// The singleton collection cycle of a tenant (`collect-{tenantId}`): ensure subscriptions, then
// one sub-orchestration per content type, in parallel. Content types fail apart: each run
// reports its own outcome, and the cycle fails at the end (naming every failed content type)
// only after all of them finished, so no child is left running behind a failed parent.
import type { OrchestrationContext, Task } from 'durable-functions';
import { unwrapActivityResult } from '../activities/activity-failure';
import { isCollectable, type EnsureSubscriptionsResult } from '../activities/ensure-subscriptions';
import { ZERO_COUNTS } from '../collect/cycle-counts';
import { FUNCTION_NAMES } from '../function-names';
import { analyseCycle } from '../investigate/analysis-step';
import { toRetryOptions } from '../retry-policy';
import { failIfAnyFailed, startContentTypeRun } from './content-type-runs';
import { collectInputProblems, requireValidInput } from './input-validation';
import type { CollectCustomStatus, CollectInput, CollectOutput, ContentTypeOutcome } from './orchestration-input';

export function* collectOrchestrator(context: OrchestrationContext): Generator<Task, CollectOutput, unknown> {
  const raw: unknown = context.df.getInput();
  requireValidInput(FUNCTION_NAMES.collectOrchestrator, collectInputProblems(raw), 'the collection timer starts it with the settings as input; start it through the timer, not by hand');
  const { settings } = raw as CollectInput;
  const startedAt = context.df.currentUtcDateTime.toISOString();
  const ensured = unwrapActivityResult<EnsureSubscriptionsResult>(
    yield context.df.callActivityWithRetry(FUNCTION_NAMES.ensureSubscriptions, toRetryOptions(), {
      tenantId: settings.tenantId,
      contentTypes: settings.contentTypes,
    }),
  );
  const customStatus: CollectCustomStatus = { subscriptions: ensured.subscriptions };
  context.df.setCustomStatus(customStatus);

  const runs: Task[] = [];
  const notSubscribed: ContentTypeOutcome[] = [];
  for (const report of ensured.subscriptions) {
    if (!isCollectable(report.state) && report.state !== 'disabled') {
      notSubscribed.push({
        contentType: report.contentType,
        outcome: 'not-subscribed',
        counts: ZERO_COUNTS,
        detail: `${report.state}${report.detail ? `: ${report.detail}` : ''}`,
      });
      continue;
    }
    runs.push(startContentTypeRun(context, startedAt, { settings, contentType: report.contentType, mode: 'collect', subscription: report.state }));
  }
  // Task.all([]) throws: with nothing subscribed there is nothing to wait for.
  const results = runs.length > 0 ? ((yield context.df.Task.all(runs)) as ContentTypeOutcome[]) : [];
  const outcomes = [...results, ...notSubscribed];
  // Findings are computed as events arrive (issue 11): over this cycle's new blobs only.
  const analysis = yield* analyseCycle(context, settings.tenantId, settings.contentTypes);
  const output: CollectOutput = {
    tenantId: settings.tenantId,
    startedAt,
    finishedAt: context.df.currentUtcDateTime.toISOString(),
    subscriptions: ensured.subscriptions,
    contentTypes: outcomes,
    analysis,
  };
  failIfAnyFailed(outcomes, 'collection');
  return output;
}
