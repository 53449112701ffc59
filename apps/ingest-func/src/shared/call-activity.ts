// How orchestrators call activities: by a name of the activity table, with that row's input, and
// getting that row's result back (shared/activity-table.ts), so a call that does not match the
// activity is a compile error. This is also the ONE place where an activity's returned failure
// value is turned back into an error (ActivityFailedError): callers never see the value.
// Why failures are returned at all, and which retries happen where: CONTRACTS.md section 6, "One retry layer".
import type { OrchestrationContext, Task } from 'durable-functions';
import type { ActivityInput, ActivityName, ActivityResult } from './activity-table';
import { ActivityFailedError, isFailureValue } from './activity-failure';
import { ACTIVITY_RETRY_POLICY, toRetryOptions, type DurableRetryPolicy } from './retry-policy';

/** An orchestrator (or a part of one, used with `yield*`) returning T. */
export type Orchestration<T> = Generator<Task, T, unknown>;

/** Calls an activity once, without Durable retries. */
export function* callActivity<N extends ActivityName>(context: OrchestrationContext, name: N, input: ActivityInput<N>): Orchestration<ActivityResult<N>> {
  return unwrapActivityResult<ActivityResult<N>>(yield context.df.callActivity(name, input));
}

/** Calls an activity with Durable retries of what it throws (ACTIVITY_RETRY_POLICY unless given). */
export function* callActivityWithRetry<N extends ActivityName>(
  context: OrchestrationContext,
  name: N,
  input: ActivityInput<N>,
  policy: DurableRetryPolicy = ACTIVITY_RETRY_POLICY,
): Orchestration<ActivityResult<N>> {
  return unwrapActivityResult<ActivityResult<N>>(yield context.df.callActivityWithRetry(name, toRetryOptions(policy), input));
}

/** What one call of a fan-out ended with: its result, or the error its failure value stands for. */
export type Settled<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly error: ActivityFailedError };

/**
 * Fan-out: calls an activity once per input in parallel (with retries) and waits for all of them.
 * Every call's outcome comes back, so the caller can count what the others did before failing on
 * one (`firstError`). No inputs schedule nothing (Task.all([]) would throw).
 */
export function* callActivitiesWithRetry<N extends ActivityName>(
  context: OrchestrationContext,
  name: N,
  inputs: readonly ActivityInput<N>[],
  policy: DurableRetryPolicy = ACTIVITY_RETRY_POLICY,
): Orchestration<Settled<ActivityResult<N>>[]> {
  if (inputs.length === 0) return [];
  const retry = toRetryOptions(policy);
  const results = (yield context.df.Task.all(inputs.map((input) => context.df.callActivityWithRetry(name, retry, input)))) as unknown[];
  return results.map((raw): Settled<ActivityResult<N>> =>
    isFailureValue(raw) ? { ok: false, error: new ActivityFailedError(raw.nonRetryable) } : { ok: true, result: raw as ActivityResult<N> },
  );
}

/** The results of a fan-out, or the first failure thrown. */
export function resultsOrThrow<R>(settled: readonly Settled<R>[]): R[] {
  return settled.map((s) => {
    if (!s.ok) throw s.error;
    return s.result;
  });
}

/** THE unwrap: an activity's result, or its returned failure value thrown as an ActivityFailedError. */
export function unwrapActivityResult<R>(raw: unknown): R {
  if (isFailureValue(raw)) throw new ActivityFailedError(raw.nonRetryable);
  return raw as R;
}
