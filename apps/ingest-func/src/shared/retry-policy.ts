// Durable retry of activity and sub-orchestration failures. The API client retries throttling
// and transient HTTP itself (their one retry layer); these options retry what else fails (a
// crashed worker, a store hiccup, a watermark conflict). RetryOptions has no predicate, so what
// another attempt cannot help (fatal API errors, API failures the client gave up on, invalid
// settings) is returned by the activity instead of thrown, and the orchestrator fails on it
// without another attempt (shared/activity-failure.ts).
import * as df from 'durable-functions';

export interface DurableRetryPolicy {
  readonly firstRetryIntervalInMs: number;
  readonly maxNumberOfAttempts: number;
  readonly backoffCoefficient: number;
  readonly maxRetryIntervalInMs: number;
}

export const ACTIVITY_RETRY_POLICY: DurableRetryPolicy = {
  firstRetryIntervalInMs: 5_000,
  maxNumberOfAttempts: 3,
  backoffCoefficient: 2,
  maxRetryIntervalInMs: 60_000,
};

/** A content type's orchestration catches activity failures itself; this covers its own crashes. */
export const SUB_ORCHESTRATION_RETRY_POLICY: DurableRetryPolicy = {
  firstRetryIntervalInMs: 10_000,
  maxNumberOfAttempts: 2,
  backoffCoefficient: 2,
  maxRetryIntervalInMs: 60_000,
};

export function toRetryOptions(policy: DurableRetryPolicy = ACTIVITY_RETRY_POLICY): df.RetryOptions {
  const options = new df.RetryOptions(policy.firstRetryIntervalInMs, policy.maxNumberOfAttempts);
  options.backoffCoefficient = policy.backoffCoefficient;
  options.maxRetryIntervalInMilliseconds = policy.maxRetryIntervalInMs;
  return options;
}
