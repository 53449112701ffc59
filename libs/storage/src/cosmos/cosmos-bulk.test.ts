// runBulk and throwIfFailed with a scripted executor: chunks of at most 100 operations, the
// concurrency limit, which operations are re-submitted and after how long, when it gives up, and
// what a failed bulk write reports.
import type { OperationInput } from '@azure/cosmos';
import { describe, expect, it } from 'vitest';
import { isStorageError } from '../storage-error';
import { MAX_OPERATIONS_PER_CALL, runBulk, throwIfFailed, type BulkAnswer, type BulkExecutor } from './cosmos-bulk';

type Item = { id: string; partitionKey: string };
const itemsOf = (ids: string[]): Item[] => ids.map((id) => ({ id, partitionKey: `pk-${id}` }));
const items = itemsOf(['a', 'b', 'c', 'd']);
const toOp = (item: Item): OperationInput => ({ operationType: 'Create', partitionKey: item.partitionKey, resourceBody: { ...item } });
const idsOf = (ops: OperationInput[]): string[] => ops.map((op) => (op as unknown as { resourceBody: Item }).resourceBody.id);
const options = { maxResubmits: 3, resubmitDelayInMs: 1, concurrency: 4 };

/** Answers each round with the status scripted for each id (the last entry repeats). */
function scripted(statuses: Record<string, number[]>, calls: string[][], retryAfterInMs = 1): BulkExecutor {
  return async (ops) => {
    const ids = idsOf(ops);
    calls.push(ids);
    return ids.map((id): BulkAnswer => {
      const list = statuses[id] ?? [201];
      const status = list[Math.min(calls.filter((c) => c.includes(id)).length - 1, list.length - 1)] as number;
      return status === 429 ? { statusCode: 429, requestCharge: 0, retryAfterInMs } : { statusCode: status, requestCharge: 5, message: status < 300 ? '' : `status ${status}` };
    });
  };
}

describe('runBulk', () => {
  it('re-submits only the throttled operations until they pass, adding up their RU', async () => {
    const calls: string[][] = [];
    const outcomes = await runBulk(scripted({ b: [429, 429, 201], c: [409] }, calls), items, toOp, options);
    expect(calls).toEqual([['a', 'b', 'c', 'd'], ['b'], ['b']]);
    expect(outcomes.map((o) => [o.item.id, o.statusCode, o.requestCharge]).sort()).toEqual([['a', 201, 5], ['b', 201, 5], ['c', 409, 5], ['d', 201, 5]]);
  });

  it('waits the retry-after the service gives, not its own (long) pause', async () => {
    const calls: string[][] = [];
    const started = Date.now();
    await runBulk(scripted({ a: [429, 429, 201] }, calls, 5), items, toOp, { ...options, resubmitDelayInMs: 60_000 });
    expect(calls).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(3_000); // the 60 s own pause (capped at 10 s) was never used
  });

  it('raises Throttled (retryable) after maxResubmits rounds', async () => {
    const calls: string[][] = [];
    const error = await runBulk(scripted({ d: [429] }, calls), items, toOp, { ...options, maxResubmits: 2 }).catch((e: unknown) => e);
    expect(isStorageError(error) && [error.code, error.statusCode, error.retryable]).toEqual(['Throttled', 429, true]);
    expect(calls).toEqual([['a', 'b', 'c', 'd'], ['d'], ['d']]);
  });

  it('sends at most 100 operations per call, at most `concurrency` calls at once, and keeps every outcome', async () => {
    const many = itemsOf(Array.from({ length: 1_050 }, (_, i) => `m${i}`));
    let inFlight = 0;
    let peak = 0;
    const sizes: number[] = [];
    const execute: BulkExecutor = async (ops) => {
      sizes.push(ops.length);
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return ops.map(() => ({ statusCode: 201, requestCharge: 1 }));
    };
    const outcomes = await runBulk(execute, many, toOp, { ...options, concurrency: 3 });
    expect(Math.max(...sizes)).toBe(MAX_OPERATIONS_PER_CALL);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1_050);
    expect(sizes).toHaveLength(11);
    expect(peak).toBe(3);
    expect(new Set(outcomes.map((o) => o.item.id)).size).toBe(1_050);
  });
});

describe('throwIfFailed', () => {
  it('raises BulkWriteFailed with the failures, keeping the first status code', async () => {
    const outcomes = await runBulk(scripted({ a: [400], c: [503], d: [409] }, []), items, toOp, { ...options, maxResubmits: 0 });
    let error: unknown;
    try {
      throwIfFailed(outcomes, (s) => s >= 300 && s !== 409, (i) => i, 'event writes');
    } catch (e) {
      error = e;
    }
    expect(isStorageError(error) && [error.code, error.statusCode, error.retryable]).toEqual(['BulkWriteFailed', 400, false]);
    expect(isStorageError(error) && error.failures.map((f) => [f.id, f.partitionKey, f.statusCode])).toEqual([['a', 'pk-a', 400], ['c', 'pk-c', 503]]);
    expect((error as Error).message).toMatch(/rejected 2 of 4 event writes/);
    expect(() => throwIfFailed(outcomes.filter((o) => o.item.id !== 'a' && o.item.id !== 'c'), (s) => s >= 300 && s !== 409, (i) => i, 'x')).not.toThrow();
  });
});
