// The singleton collection cycle of a tenant (`collect-{tenantId}`): ensure subscriptions, then
// one sub-orchestration per content type, in parallel. Content types fail apart: each run
// reports its own outcome, and the cycle fails at the end (naming every failed content type)
// only after all of them finished, so no child is left running behind a failed parent.
import type { OrchestrationContext, Task } from 'durable-functions';
import { isCollectable } from './ensure-subscriptions';
import { ZERO_COUNTS } from '@auditflow/ingestion';
import { FUNCTION_NAMES } from '../shared/function-names';
import { structuredLog } from '../shared/structured-log';
import { analyseCycle } from '../investigate/analysis-step';
import { failIfAnyFailed, notCollecting, startContentTypeRun } from './content-type-runs';
import { ensureSubscriptionsWithWaits, notSubscribedDetail } from './subscription-rounds';
import { collectInputProblems, requireValidInput } from './input-validation';
import type { CollectCustomStatus, CollectInput, CollectOutput, ContentTypeOutcome } from './orchestration-input';

export function* collectOrchestrator(context: OrchestrationContext): Generator<Task, CollectOutput, unknown> {
  const raw: unknown = context.df.getInput();
  requireValidInput(FUNCTION_NAMES.collectOrchestrator, collectInputProblems(raw), 'the collection timer starts it with the settings as input; start it through the timer, not by hand');
  const { settings } = raw as CollectInput;
  const startedAt = context.df.currentUtcDateTime.toISOString();
  const subscriptions = yield* ensureSubscriptionsWithWaits(context, settings.tenantId, settings.contentTypes);
  const customStatus: CollectCustomStatus = { subscriptions };
  context.df.setCustomStatus(customStatus);

  const runs: Task[] = [];
  const notSubscribed: ContentTypeOutcome[] = [];
  for (const report of subscriptions) {
    if (!isCollectable(report.state) && report.state !== 'disabled') {
      notSubscribed.push({
        contentType: report.contentType,
        outcome: 'not-subscribed',
        counts: ZERO_COUNTS,
        detail: notSubscribedDetail(report, context.df.currentUtcDateTime),
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
    subscriptions,
    contentTypes: outcomes,
    notCollecting: notCollecting(outcomes),
    analysis,
  };
  if (!context.df.isReplaying) {
    const log = structuredLog(context);
    for (const nc of output.notCollecting) log.warn('content type not collecting', { tenantId: settings.tenantId, instanceId: context.df.instanceId, ...nc });
  }
  failIfAnyFailed(outcomes, 'collection');
  return output;
}
