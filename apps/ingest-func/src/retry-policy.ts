// Durable retry of activity failures. The API client already retries throttling and transient
// HTTP inside one attempt; these options retry what still fails (a crashed worker, a store
// hiccup, a client that gave up), so every failure is retried in exactly one layer per attempt.
import * as df from 'durable-functions';

export interface ActivityRetryPolicy {
  readonly firstRetryIntervalInMs: number;
  readonly maxNumberOfAttempts: number;
  readonly backoffCoefficient: number;
  readonly maxRetryIntervalInMs: number;
}

export const ACTIVITY_RETRY_POLICY: ActivityRetryPolicy = {
  firstRetryIntervalInMs: 5_000,
  maxNumberOfAttempts: 5,
  backoffCoefficient: 2,
  maxRetryIntervalInMs: 60_000,
};

export function toRetryOptions(policy: ActivityRetryPolicy = ACTIVITY_RETRY_POLICY): df.RetryOptions {
  const options = new df.RetryOptions(policy.firstRetryIntervalInMs, policy.maxNumberOfAttempts);
  options.backoffCoefficient = policy.backoffCoefficient;
  options.maxRetryIntervalInMilliseconds = policy.maxRetryIntervalInMs;
  return options;
}
