// Durable's retry options for activities and sub-orchestrations: what else fails than the API
// (a crashed worker, a store hiccup, a watermark conflict). Which layer retries what, and why
// some failures are returned instead: CONTRACTS.md section 6, "One retry layer".
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
