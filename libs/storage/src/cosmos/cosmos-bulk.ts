// Bulk item operations with a bounded second throttling layer. The SDK already retries 429s by
// its `retryOptions` (bounded count and wait); operations still throttled after that are
// re-submitted here, alone, a bounded number of times with a growing pause, so one hot partition
// never fails a whole batch and nothing is retried without end.
import type { BulkOperationResult, OperationInput } from '@azure/cosmos';
import { StorageError, type FailedOperation } from '../storage-error';
import { cosmosStatusOf } from './cosmos-errors';

/** Runs one bulk call; results are in the order of `operations` (as executeBulkOperations returns them). */
export type BulkExecutor = (operations: OperationInput[]) => Promise<BulkOperationResult[]>;

export interface BulkResubmitOptions {
  /** Rounds of re-submitting operations still throttled after the SDK's own retries. */
  readonly maxResubmits: number;
  /** Pause before the first re-submit; doubles each round (capped at 10 s) unless the service asks for longer. */
  readonly resubmitDelayInMs: number;
}

export interface BulkItemOutcome<T> {
  readonly item: T;
  readonly statusCode: number;
  readonly message: string;
}

/** Operations per executeBulkOperations call: bounds the memory of one call's bookkeeping. */
const CHUNK = 2_000;
const MAX_DELAY_MS = 10_000;

/**
 * Runs `toOperation(item)` for every item and returns each item's final status code. Statuses
 * other than 429 are returned as they are for the caller to classify (409 on a Create is a
 * duplicate for the event store); operations still throttled after the last round raise
 * StorageError Throttled (429), which the activity's retry policy retries later.
 */
export async function runBulk<T>(
  execute: BulkExecutor,
  items: readonly T[],
  toOperation: (item: T) => OperationInput,
  options: BulkResubmitOptions,
): Promise<BulkItemOutcome<T>[]> {
  const outcomes: BulkItemOutcome<T>[] = [];
  let pending = items;
  for (let round = 0; pending.length > 0; round++) {
    const throttled: T[] = [];
    let retryAfterInMs = 0;
    for (let start = 0; start < pending.length; start += CHUNK) {
      const chunk = pending.slice(start, start + CHUNK);
      // Operations are built afresh each round: the SDK rewrites partitionKey inside the inputs.
      const results = await execute(chunk.map(toOperation));
      chunk.forEach((item, i) => {
        const result = results[i];
        const statusCode = result?.response?.statusCode ?? cosmosStatusOf(result?.error) ?? 500;
        if (statusCode === 429) {
          throttled.push(item);
          retryAfterInMs = Math.max(retryAfterInMs, result?.error?.retryAfterInMs ?? 0);
          return;
        }
        const message = result === undefined ? 'no result returned for the operation' : (result.error?.message ?? '');
        outcomes.push({ item, statusCode, message });
      });
    }
    if (throttled.length === 0) break;
    if (round >= options.maxResubmits) {
      throw new StorageError(
        'Throttled',
        429,
        `Cosmos DB throttled ${throttled.length} of ${items.length} bulk operations (429) after the SDK's retries ` +
          `and ${options.maxResubmits} re-submits. Nothing was lost: retry the write later (it is idempotent), ` +
          'or raise the throughput (RU/s) of the account.',
      );
    }
    const backoff = Math.min(MAX_DELAY_MS, options.resubmitDelayInMs * 2 ** round);
    await new Promise((resolve) => setTimeout(resolve, Math.max(backoff, Math.min(retryAfterInMs, MAX_DELAY_MS))));
    pending = throttled;
  }
  return outcomes;
}

/** Raises BulkWriteFailed when any outcome is a failure by `isFailure`; says how many succeeded. */
export function throwIfFailed<T>(
  outcomes: readonly BulkItemOutcome<T>[],
  isFailure: (statusCode: number) => boolean,
  describe: (item: T) => { id: string; partitionKey: string },
  what: string,
): void {
  const failed = outcomes.filter((o) => isFailure(o.statusCode));
  if (failed.length === 0) return;
  const failures: FailedOperation[] = failed.slice(0, 20).map((o) => ({
    ...describe(o.item),
    statusCode: o.statusCode,
    message: o.message,
  }));
  const first = failures[0] as FailedOperation;
  throw new StorageError(
    'BulkWriteFailed',
    // The first failure's status, so a 5xx stays retryable and a 400 does not look transient.
    first.statusCode,
    `Cosmos DB rejected ${failed.length} of ${outcomes.length} ${what} (first: ${first.statusCode} on id ` +
      `"${first.id}": ${first.message || 'no message'}). The others were stored; the write is idempotent, ` +
      'so fix the cause and run it again. See `failures` for up to 20 of them.',
    { failures },
  );
}
