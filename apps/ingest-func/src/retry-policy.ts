// Durable retry of activity and sub-orchestration failures. The API client already retries
// throttling and transient HTTP inside one attempt; these options retry what still fails (a
// crashed worker, a store hiccup, a watermark conflict, a client that gave up). RetryOptions has
// no predicate, so a failure no retry can fix (fatal API error, invalid settings) is returned by
// the activity instead of thrown, and the orchestrator fails on it without another attempt
// (activities/activity-failure.ts).
import * as df from 'durable-functions';

export interface ActivityRetryPolicy {
  readonly firstRetryIntervalInMs: number;
  readonly maxNumberOfAttempts: number;
  readonly backoffCoefficient: number;
  readonly maxRetryIntervalInMs: number;
}

export const ACTIVITY_RETRY_POLICY: ActivityRetryPolicy = {
  firstRetryIntervalInMs: 5_000,
  maxNumberOfAttempts: 3,
  backoffCoefficient: 2,
  maxRetryIntervalInMs: 60_000,
};

/** A content type's orchestration catches activity failures itself; this covers its own crashes. */
export const SUB_ORCHESTRATION_RETRY_POLICY: ActivityRetryPolicy = {
  firstRetryIntervalInMs: 10_000,
  maxNumberOfAttempts: 2,
  backoffCoefficient: 2,
  maxRetryIntervalInMs: 60_000,
};

export function toRetryOptions(policy: ActivityRetryPolicy = ACTIVITY_RETRY_POLICY): df.RetryOptions {
  const options = new df.RetryOptions(policy.firstRetryIntervalInMs, policy.maxNumberOfAttempts);
  options.backoffCoefficient = policy.backoffCoefficient;
  options.maxRetryIntervalInMilliseconds = policy.maxRetryIntervalInMs;
  return options;
}
