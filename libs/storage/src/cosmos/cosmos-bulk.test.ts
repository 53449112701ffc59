// runBulk and throwIfFailed with a scripted executor: which operations are re-submitted, when it
// gives up, and what a failed bulk write reports.
import type { BulkOperationResult, OperationInput } from '@azure/cosmos';
import { describe, expect, it } from 'vitest';
import { isStorageError } from '../storage-error';
import { runBulk, throwIfFailed, type BulkExecutor } from './cosmos-bulk';

type Item = { id: string; partitionKey: string };
const items: Item[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, partitionKey: `pk-${id}` }));
const toOp = (item: Item): OperationInput => ({ operationType: 'Create', partitionKey: item.partitionKey, resourceBody: { ...item } });

/** Answers each round with the status scripted for each id (the last entry repeats). */
function scripted(statuses: Record<string, number[]>, calls: string[][]): BulkExecutor {
  return async (ops) => {
    const ids = ops.map((op) => (op as unknown as { resourceBody: Item }).resourceBody.id);
    calls.push(ids);
    return ops.map((op, i): BulkOperationResult => {
      const list = statuses[ids[i] as string] ?? [201];
      const status = list[Math.min(calls.filter((c) => c.includes(ids[i] as string)).length - 1, list.length - 1)] as number;
      return status < 300
        ? { operationInput: op, response: { statusCode: status, requestCharge: 1 } as BulkOperationResult['response'] }
        : { operationInput: op, error: Object.assign(new Error(`status ${status}`), { code: status, retryAfterInMs: 1 }) as unknown as BulkOperationResult['error'] };
    });
  };
}

describe('runBulk', () => {
  it('re-submits only the throttled operations until they pass', async () => {
    const calls: string[][] = [];
    const outcomes = await runBulk(scripted({ b: [429, 429, 201], c: [409] }, calls), items, toOp, { maxResubmits: 3, resubmitDelayInMs: 1 });
    expect(calls).toEqual([['a', 'b', 'c', 'd'], ['b'], ['b']]);
    expect(outcomes.map((o) => [o.item.id, o.statusCode]).sort()).toEqual([['a', 201], ['b', 201], ['c', 409], ['d', 201]]);
  });

  it('raises Throttled after maxResubmits rounds', async () => {
    const calls: string[][] = [];
    const error = await runBulk(scripted({ d: [429] }, calls), items, toOp, { maxResubmits: 2, resubmitDelayInMs: 1 }).catch((e: unknown) => e);
    expect(isStorageError(error) && [error.code, error.statusCode]).toEqual(['Throttled', 429]);
    expect(calls).toEqual([['a', 'b', 'c', 'd'], ['d'], ['d']]);
  });
});

describe('throwIfFailed', () => {
  it('raises BulkWriteFailed with the failures, keeping the first status code', async () => {
    const outcomes = await runBulk(scripted({ a: [400], c: [503], d: [409] }, []), items, toOp, { maxResubmits: 0, resubmitDelayInMs: 1 });
    let error: unknown;
    try {
      throwIfFailed(outcomes, (s) => s >= 300 && s !== 409, (i) => i, 'event writes');
    } catch (e) {
      error = e;
    }
    expect(isStorageError(error) && [error.code, error.statusCode]).toEqual(['BulkWriteFailed', 400]);
    expect(isStorageError(error) && error.failures.map((f) => [f.id, f.partitionKey, f.statusCode])).toEqual([['a', 'pk-a', 400], ['c', 'pk-c', 503]]);
    expect((error as Error).message).toMatch(/rejected 2 of 4 event writes/);
    expect(() => throwIfFailed(outcomes.filter((o) => o.item.id !== 'a' && o.item.id !== 'c'), (s) => s >= 300 && s !== 409, (i) => i, 'x')).not.toThrow();
  });
});
