// The singleton collection cycle of a tenant (`collect-{tenantId}`): ensure subscriptions, then
// one sub-orchestration per content type, in parallel. Content types fail apart: each run
// reports its own outcome, and the cycle fails at the end (naming every failed content type)
// only after all of them finished, so no child is left running behind a failed parent.
import type { OrchestrationContext, Task } from 'durable-functions';
import { unwrapActivityResult } from '../activities/activity-failure';
import { isCollectable, type EnsureSubscriptionsResult, type SubscriptionReport } from '../activities/ensure-subscriptions';
import { ZERO_COUNTS } from '../collect/cycle-counts';
import { contentTypeInstanceId, FUNCTION_NAMES } from '../function-names';
import { SUB_ORCHESTRATION_RETRY_POLICY, toRetryOptions } from '../retry-policy';
import type {
  CollectCustomStatus,
  CollectInput,
  CollectOutput,
  ContentTypeOutcome,
  ContentTypeRunInput,
} from './orchestration-input';

export function* collectOrchestrator(context: OrchestrationContext): Generator<Task, CollectOutput, unknown> {
  const { settings } = context.df.getInput() as CollectInput;
  const startedAt = context.df.currentUtcDateTime.toISOString();
  const ensured = unwrapActivityResult<EnsureSubscriptionsResult>(
    yield context.df.callActivityWithRetry(FUNCTION_NAMES.ensureSubscriptions, toRetryOptions(), {
      tenantId: settings.tenantId,
      contentTypes: settings.contentTypes,
    }),
  );
  const customStatus: CollectCustomStatus = { subscriptions: ensured.subscriptions };
  context.df.setCustomStatus(customStatus);

  const runs: { report: SubscriptionReport; task: Task }[] = [];
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
    const runInput: ContentTypeRunInput = {
      settings,
      contentType: report.contentType,
      mode: 'collect',
      parentInstanceId: context.df.instanceId,
      startedAt,
      subscription: report.state,
      counts: ZERO_COUNTS,
      execution: 1,
    };
    const task = context.df.callSubOrchestratorWithRetry(
      FUNCTION_NAMES.collectContentTypeOrchestrator,
      toRetryOptions(SUB_ORCHESTRATION_RETRY_POLICY),
      runInput,
      contentTypeInstanceId(context.df.instanceId, report.contentType),
    );
    runs.push({ report, task });
  }
  // Task.all([]) throws: with nothing subscribed there is nothing to wait for.
  const results = runs.length > 0 ? ((yield context.df.Task.all(runs.map((r) => r.task))) as ContentTypeOutcome[]) : [];
  const outcomes = [...results, ...notSubscribed];
  const output: CollectOutput = {
    tenantId: settings.tenantId,
    startedAt,
    finishedAt: context.df.currentUtcDateTime.toISOString(),
    subscriptions: ensured.subscriptions,
    contentTypes: outcomes,
  };
  failIfAnyFailed(outcomes, 'collection');
  return output;
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
