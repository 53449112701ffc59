import { describe, expect, it } from 'vitest';
import { drive, type Scheduled } from '../../test/orchestration-driver';
import { driveTree, type TreeCall } from '../../test/orchestration-tree';
import { blobRef, collectSettings, contentTypeRunInput, storedResult, TEST_NOW, TEST_TENANT } from '../../test/collect-fixtures';
import type { BlobRef } from '../shared/activity-deps';
import type { ListContentPageResult } from './list-content-page';
import type { StoreContentResult } from './store-content';
import { FUNCTION_NAMES as F, windowInstanceId } from '../shared/function-names';
import { ALL_ORCHESTRATORS as ORCHESTRATORS } from '../../test/all-orchestrators';
import type { ContentTypeRunInput } from './orchestration-input';
import { ZERO_COUNTS } from '@auditflow/ingestion';
import { MAX_WINDOW_EXECUTIONS, WINDOW_ACTIVITIES_PER_EXECUTION, windowOrchestrator } from './window-orchestrator';
import type { WindowRunInput, WindowRunOutput } from './window-run-input';

const TENANT = TEST_TENANT;
const NOW = TEST_NOW;
const WINDOW = { start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T11:55:00.000Z' };
const PAGE = 16; // with batches of 8: 3 activities per page

function windowInput(extra: Partial<WindowRunInput> = {}): WindowRunInput {
  return { tenantId: TENANT, contentType: 'Audit.Exchange', window: WINDOW, force: false, blobBatchSize: 8, relisted: false, counts: ZERO_COUNTS, execution: 1, ...extra };
}

const ref = blobRef;
const stored = (blobs: number): StoreContentResult => storedResult(blobs, 1);
const pageOf = (uri: string | undefined) => (uri ? Number(uri.replace('page-', '')) : 0);

/** `pages` pages of PAGE blobs; `special` may answer a call instead (return undefined to pass). */
function listing(pages: number, special?: (call: Scheduled | TreeCall, page: number) => unknown) {
  return (call: Scheduled | TreeCall): unknown => {
    const i = call.input as { nextPageUri?: string; blobs?: BlobRef[]; window?: { end: string } };
    // a listing names its page by URI; a store batch by its blobs' ids (p{page}-{k})
    const page = i.blobs ? Number(/^p(\d+)-/.exec(i.blobs[0]!.contentId)![1]) : pageOf(i.nextPageUri);
    const answer = special?.(call, page);
    if (answer !== undefined) return answer;
    switch (call.name) {
      case F.listContentPage:
        return { toFetch: Array.from({ length: PAGE }, (_, k) => ref(`p${page}-${k}`)), blobsListed: PAGE, blobsSkipped: 0, ...(page + 1 < pages ? { nextPageUri: `page-${page + 1}` } : {}) } satisfies ListContentPageResult;
      case F.storeContent:
        return stored(i.blobs!.length);
      case F.readCheckpoint:
        return { watermark: '2026-11-25T10:00:00.000Z' };
      case F.advanceWatermark:
        return { watermark: i.window!.end, advanced: true, windowComplete: true, expiredLost: 0 };
      case F.recordGaps:
        return { recorded: 1 };
      case F.recordCycle:
        return { recorded: true };
      default:
        throw new Error(`unexpected call ${call.name}`);
    }
  };
}

const pagesPerExecution = Math.ceil(WINDOW_ACTIVITIES_PER_EXECUTION / 3);

const runInput = (): ContentTypeRunInput => contentTypeRunInput(collectSettings({ blobBatchSize: 8 }));

function collectRun(respond: (call: TreeCall) => unknown) {
  return driveTree({ orchestrators: ORCHESTRATORS, name: F.collectContentTypeOrchestrator, input: runInput(), instanceId: `collect-${TENANT}:Audit.Exchange`, now: NOW, respond });
}

describe('windowOrchestrator', () => {
  it('continues as new at the next page once its activities reach the budget, carrying its counts', () => {
    const { output, scheduled, continuedAsNew } = drive(windowOrchestrator, { input: windowInput(), now: NOW, respond: listing(100) });
    expect(output).toBeUndefined();
    expect(scheduled.filter((s) => s.name === F.listContentPage)).toHaveLength(pagesPerExecution);
    expect(scheduled.length).toBeGreaterThanOrEqual(WINDOW_ACTIVITIES_PER_EXECUTION);
    const blobs = pagesPerExecution * PAGE;
    expect(continuedAsNew).toEqual(windowInput({ nextPageUri: `page-${pagesPerExecution}`, execution: 2, counts: { ...ZERO_COUNTS, blobsListed: blobs, blobsStored: blobs, recordsStored: blobs } }));
  });

  it('returns its counts, without continuing as new, when the budget is reached on the last page', () => {
    const { output, continuedAsNew } = drive(windowOrchestrator, { input: windowInput(), now: NOW, respond: listing(pagesPerExecution) });
    expect(continuedAsNew).toBeUndefined();
    expect(output).toEqual({ counts: { ...ZERO_COUNTS, blobsListed: pagesPerExecution * PAGE, blobsStored: pagesPerExecution * PAGE, recordsStored: pagesPerExecution * PAGE } });
  });

  it('returns a failure with what it stored so far instead of throwing', () => {
    const respond = listing(3, (call) => (call.name === F.storeContent && (call.input as { blobs: BlobRef[] }).blobs[0]!.contentId === 'p0-8' ? { nonRetryable: { message: 'non-retryable: fetching failed: AF10001', code: 'AF10001', statusCode: 403, category: 'fatal' } } : undefined));
    const { output } = drive(windowOrchestrator, { input: windowInput(), now: NOW, respond });
    expect(output).toEqual({ counts: { ...ZERO_COUNTS, blobsListed: PAGE, blobsStored: 8, recordsStored: 8 }, failed: 'non-retryable: fetching failed: AF10001' } satisfies WindowRunOutput);
  });

  it('fails the window when its next page is refused again in a later execution (relisted carries over)', () => {
    const respond = listing(100, (call) => (call.name === F.listContentPage ? { toFetch: [], blobsListed: 0, blobsSkipped: 0, relisted: true, nextPageUri: 'page-1' } : undefined));
    const { output } = drive(windowOrchestrator, { input: windowInput({ relisted: true, execution: 2, nextPageUri: 'page-5' }), now: NOW, respond });
    expect(output).toMatchObject({ failed: expect.stringMatching(/refused its next page twice/) });
  });

  it('stops a listing that never ends after MAX_WINDOW_EXECUTIONS executions', () => {
    const { output, continuedAsNew } = drive(windowOrchestrator, { input: windowInput({ execution: MAX_WINDOW_EXECUTIONS, nextPageUri: 'page-1' }), now: NOW, respond: listing(Number.MAX_SAFE_INTEGER) });
    expect(continuedAsNew).toBeUndefined();
    expect(output).toMatchObject({ failed: expect.stringMatching(/still had next pages after 10000 executions: the next cycle lists it again/) });
  });

  it.each([
    ['{}', {}, /collectWindowOrchestrator input is invalid: tenantId must be a non-empty string, got nothing; contentType must be one of .*window must be/],
    ['no counts and a bad batch size', { ...windowInput(), counts: undefined, blobBatchSize: 0 }, /blobBatchSize must be a whole number from 1 to 100, got 0; counts must be/],
    ['an empty next page', { ...windowInput(), nextPageUri: '' }, /nextPageUri must be a non-empty string/],
  ])('fails at once on %s, scheduling nothing', (_what, input, message) => {
    const scheduled: Scheduled[] = [];
    expect(() => drive(windowOrchestrator, { input, now: NOW, respond: (call) => void scheduled.push(call) })).toThrow(message);
    expect(scheduled).toEqual([]);
  });
});

describe('a content type run over window sub-orchestrations', () => {
  it('names each window child after the run and the window start', () => {
    const { calls } = collectRun(listing(1));
    const subs = calls.filter((c) => c.kind === 'sub');
    expect(subs).toHaveLength(1);
    expect(subs[0]!.instanceId).toBe(windowInstanceId(`collect-${TENANT}:Audit.Exchange`, { start: '2026-11-25T09:00:00.000Z' }));
    expect(subs[0]!.instanceId).toBe(`collect-${TENANT}:Audit.Exchange:window-20261125T090000Z`);
  });

  it('reports what earlier executions of a window stored when a later one fails, and never advances', () => {
    const failPage = pagesPerExecution + 1; // in the window's second execution
    const { output, calls, executions } = collectRun(listing(100, (call, page) => (call.name === F.storeContent && page === failPage ? { nonRetryable: { message: 'non-retryable: fetching failed: AF10001', code: 'AF10001', statusCode: 403, category: 'fatal' } } : undefined)));
    expect(executions.filter((e) => e.name === F.collectWindowOrchestrator).length).toBe(2);
    expect(calls.map((c) => c.name)).not.toContain(F.advanceWatermark);
    expect(calls.at(-1)!.name).toBe(F.recordCycle);
    // every blob of the pages before the failing one, plus nothing of the failing page (both its batches failed)
    const storedBefore = failPage * PAGE;
    expect(output).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/AF10001/), counts: { windows: 1, blobsListed: storedBefore + PAGE, blobsStored: storedBefore } });
  });

  it('records the disabled gap when a later execution of a window finds the subscription disabled', () => {
    const disabledPage = 2 * pagesPerExecution;
    const { output, calls } = collectRun(listing(100, (call, page) => (call.name === F.listContentPage && page === disabledPage ? { toFetch: [], blobsListed: 0, blobsSkipped: 0, disabled: 'AF20023' } : undefined)));
    const names = calls.map((c) => c.name);
    expect(names).not.toContain(F.advanceWatermark);
    expect(names.slice(-2)).toEqual([F.recordGaps, F.recordCycle]);
    expect(output).toMatchObject({ outcome: 'subscription-disabled', counts: { blobsStored: disabledPage * PAGE, gaps: 1 } });
  });

  it('fails the run when the window child itself fails (e.g. terminated), still counting the window', () => {
    const terminated = function* (): Generator<never, never, unknown> {
      throw new Error('Sub-orchestration was terminated');
    };
    const { output, calls } = driveTree({
      orchestrators: { ...ORCHESTRATORS, [F.collectWindowOrchestrator]: terminated },
      name: F.collectContentTypeOrchestrator,
      input: runInput(),
      instanceId: `collect-${TENANT}:Audit.Exchange`,
      now: NOW,
      respond: listing(1),
    });
    expect(calls.map((c) => c.name)).toEqual([F.readCheckpoint, F.collectWindowOrchestrator, F.recordCycle]);
    expect(output).toMatchObject({ outcome: 'failed', detail: 'Sub-orchestration was terminated', counts: { windows: 1, blobsStored: 0 } });
  });
});
