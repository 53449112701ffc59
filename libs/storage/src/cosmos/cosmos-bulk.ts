// The ONE module that calls the SDK's bulk API. It uses `items.bulk`, deprecated in @azure/cosmos
// 4.x in favour of `executeBulkOperations`, on purpose: executeBulkOperations (4.9.3 and 4.10.1)
// flushes a partly filled batch only on a 1 s timer, so every call that does not fill its batches
// (one blob, one activity) waited ~1 s: 73 documents/s against 4,269 with items.bulk on the same
// server (issue 13). items.bulk sends at once, one request per partition key range, and refuses
// more than 100 operations for one range; here every call carries at most 100 operations, so no
// range can exceed that, and several calls run at once under a concurrency limit. What it does not
// do is done here: per-operation 429s are re-submitted, alone, after the server's retry-after (a
// bounded number of rounds), and `continueOnError` keeps a 409 from failing the rest of a batch.
// Replace this module (and only it) when the SDK's non-deprecated bulk stops waiting on a timer.
import type { Container, OperationInput } from '@azure/cosmos';
import { StorageError, type FailedOperation } from '../storage-error';
import { cosmosStatusOf, translateDataError } from './cosmos-errors';

/** One bulk request's per-operation answers, in the order of `operations`. */
export interface BulkAnswer {
  readonly statusCode: number;
  readonly requestCharge: number;
  readonly retryAfterInMs?: number;
  readonly message?: string;
}

/** Sends at most MAX_OPERATIONS_PER_CALL operations as one bulk call. */
export type BulkExecutor = (operations: OperationInput[]) => Promise<BulkAnswer[]>;

export interface BulkOptions {
  /** Rounds of re-submitting operations the service throttled (429). */
  readonly maxResubmits: number;
  /** Pause before a re-submit when the service gave no retry-after; doubles each round (capped at 10 s). */
  readonly resubmitDelayInMs: number;
  /** Bulk calls in flight at once. */
  readonly concurrency: number;
}

export interface BulkItemOutcome<T> {
  readonly item: T;
  readonly statusCode: number;
  readonly message: string;
  /** RU charged for the operation (summed over re-submits). */
  readonly requestCharge: number;
}

/** items.bulk refuses more than 100 operations per partition key range; at most 100 per call keeps every range within it. */
export const MAX_OPERATIONS_PER_CALL = 100;
const MAX_DELAY_MS = 10_000;

/**
 * The executor over a container: items.bulk with continueOnError, answers normalized. items.bulk
 * throws a plain Error ("Bulk request errored with: ...") that drops the status of a failed
 * request, so on that path the same operations are sent again through executeBulkOperations,
 * whose per-operation results keep every status (a 403, a 429 with its retry-after, a 5xx). That
 * path pays the SDK's 1 s partial-batch wait, but only after a failure.
 */
export function itemsBulk(container: Container): BulkExecutor {
  return async (operations) => {
    try {
      // Deprecated API on purpose (see the header): executeBulkOperations waits on a 1 s timer.
      const responses = await container.items.bulk(operations, { continueOnError: true });
      return operations.map((_, i): BulkAnswer => {
        const r = responses[i] as ((typeof responses)[number] & { retryAfterMilliseconds?: number }) | undefined;
        if (r === undefined) return { statusCode: 500, requestCharge: 0, message: 'no result returned for the operation' };
        return { statusCode: r.statusCode, requestCharge: r.requestCharge ?? 0, ...(r.retryAfterMilliseconds === undefined ? {} : { retryAfterInMs: r.retryAfterMilliseconds }) };
      });
    } catch (error) {
      const status = cosmosStatusOf(error);
      if (status === 429) return operations.map(() => throttledAnswer(error));
      if (status !== undefined) throw error; // e.g. a 403 or 404 reading the container's routing map: translated by the caller
      return withStatuses(container, operations);
    }
  };
}

function throttledAnswer(error: unknown): BulkAnswer {
  const retryAfterInMs = (error as { retryAfterInMs?: number } | undefined)?.retryAfterInMs;
  return { statusCode: 429, requestCharge: 0, ...(retryAfterInMs === undefined ? {} : { retryAfterInMs }), message: 'request throttled' };
}

async function withStatuses(container: Container, operations: OperationInput[]): Promise<BulkAnswer[]> {
  const results = await container.items.executeBulkOperations(operations);
  return operations.map((_, i): BulkAnswer => {
    const result = results[i];
    if (result === undefined) return { statusCode: 500, requestCharge: 0, message: 'no result returned for the operation' };
    if (result.response !== undefined) return { statusCode: result.response.statusCode, requestCharge: result.response.requestCharge ?? 0 };
    const statusCode = cosmosStatusOf(result.error) ?? 500;
    return statusCode === 429 ? throttledAnswer(result.error) : { statusCode, requestCharge: 0, message: result.error?.message ?? '' };
  });
}

/**
 * Runs `toOperation(item)` for every item, MAX_OPERATIONS_PER_CALL per call, `concurrency` calls
 * at once, and returns each item's final status. Statuses other than 429 are returned as they are
 * for the caller to classify (409 on a Create is a duplicate for the event store); operations
 * still throttled after the last round raise StorageError Throttled (429, retryable).
 */
export async function runBulk<T>(
  execute: BulkExecutor,
  items: readonly T[],
  toOperation: (item: T) => OperationInput,
  options: BulkOptions,
): Promise<BulkItemOutcome<T>[]> {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += MAX_OPERATIONS_PER_CALL) chunks.push(items.slice(start, start + MAX_OPERATIONS_PER_CALL));
  const outcomes: BulkItemOutcome<T>[][] = new Array(chunks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const index = next++;
      outcomes[index] = await runChunk(execute, chunks[index] as T[], toOperation, options, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, chunks.length)) }, worker));
  return outcomes.flat();
}

async function runChunk<T>(
  execute: BulkExecutor,
  chunk: readonly T[],
  toOperation: (item: T) => OperationInput,
  options: BulkOptions,
  total: number,
): Promise<BulkItemOutcome<T>[]> {
  const outcomes: BulkItemOutcome<T>[] = [];
  const charges = new Map<T, number>();
  let pending = chunk;
  for (let round = 0; ; round++) {
    // Operations are built afresh each round: the SDK rewrites partitionKey inside the inputs.
    const answers = await execute(pending.map(toOperation));
    const throttled: T[] = [];
    let retryAfterInMs: number | undefined;
    pending.forEach((item, i) => {
      const answer = answers[i] ?? { statusCode: 500, requestCharge: 0, message: 'no result returned for the operation' };
      const charge = (charges.get(item) ?? 0) + answer.requestCharge;
      charges.set(item, charge);
      if (answer.statusCode === 429) {
        throttled.push(item);
        if (answer.retryAfterInMs !== undefined) retryAfterInMs = Math.max(retryAfterInMs ?? 0, answer.retryAfterInMs);
        return;
      }
      outcomes.push({ item, statusCode: answer.statusCode, message: answer.message ?? '', requestCharge: charge });
    });
    if (throttled.length === 0) return outcomes;
    if (round >= options.maxResubmits) {
      throw new StorageError(
        'Throttled',
        429,
        `Cosmos DB throttled ${throttled.length} of ${total} bulk operations (429) after ${options.maxResubmits} ` +
          're-submits. Nothing was lost: retry the write later (it is idempotent), or raise the throughput (RU/s) of the account.',
      );
    }
    // The service's retry-after when it gave one; otherwise a doubling pause.
    const wait = retryAfterInMs ?? options.resubmitDelayInMs * 2 ** round;
    await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_DELAY_MS, wait)));
    pending = throttled;
  }
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
  // Every operation refused with 403: the identity lacks the data-plane role, say so.
  if (failed.every((o) => o.statusCode === 403)) throw translateDataError({ code: 403 }, `run ${what}`);
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
