// History bounds (issue 13, replay): every episode replays its execution's whole history, so the
// engine's cost per blob stays flat only if no one execution's history grows with the blobs of a
// window. Drives the real orchestrators as a tree (sub-orchestrations inline, continueAsNew as new
// executions) and checks the largest execution, plus that every blob is stored exactly once and
// the watermark advances once, after the whole window.
import { describe, expect, it } from 'vitest';
import { driveTree, type TreeCall } from '../../test/orchestration-tree';
import type { BlobRef } from '../shared/activity-deps';
import { blobRef, collectSettings, contentTypeRunInput, storedResult, TEST_NOW, TEST_TENANT } from '../../test/collect-fixtures';
import type { ListContentPageResult } from './list-content-page';
import type { StoreContentResult } from './store-content';
import type { CollectSettings } from './collect-settings';
import { FUNCTION_NAMES as F } from '../shared/function-names';
import { ALL_ORCHESTRATORS as ORCHESTRATORS } from '../../test/all-orchestrators';
import type { ContentTypeRunInput } from './orchestration-input';

const TENANT = TEST_TENANT;
const NOW = TEST_NOW;
const PAGE = 100;
/** Any one execution's history stays under this, whatever the blobs per window. */
const HISTORY_BOUND = 250;
const SETTINGS: CollectSettings = collectSettings({ blobBatchSize: 8 });
const input = (extra: Partial<ContentTypeRunInput> = {}): ContentTypeRunInput => contentTypeRunInput(SETTINGS, extra);
const ref = blobRef;
const stored = (blobs: number): StoreContentResult => storedResult(blobs, 2);

/** One window of `blobs` blobs listed in pages of PAGE; `fail` answers a call with a failure instead. */
function tenant(blobs: number, fail?: (call: TreeCall) => unknown) {
  return (call: TreeCall): unknown => {
    const failure = fail?.(call);
    if (failure !== undefined) return failure;
    const i = call.input as { blobs?: BlobRef[]; window?: { end: string }; nextPageUri?: string };
    switch (call.name) {
      case F.readCheckpoint:
        return { watermark: new Date(NOW.getTime() - 2 * 3_600_000).toISOString() };
      case F.listContentPage: {
        const page = i.nextPageUri ? Number(i.nextPageUri.replace('page-', '')) : 0;
        const first = page * PAGE;
        const count = Math.max(0, Math.min(PAGE, blobs - first));
        const next = first + PAGE < blobs ? { nextPageUri: `page-${page + 1}` } : {};
        return { toFetch: Array.from({ length: count }, (_, k) => ref(`b${first + k}`)), blobsListed: count, blobsSkipped: 0, ...next } satisfies ListContentPageResult;
      }
      case F.storeContent:
        return stored(i.blobs!.length);
      case F.advanceWatermark:
        return { watermark: i.window!.end, advanced: true, windowComplete: true, expiredLost: 0 };
      case F.recordCycle:
        return { recorded: true };
      default:
        throw new Error(`unexpected call ${call.name}`);
    }
  };
}

function collect(blobs: number, extra: Partial<ContentTypeRunInput> = {}, fail?: (call: TreeCall) => unknown) {
  return driveTree({
    orchestrators: ORCHESTRATORS,
    name: F.collectContentTypeOrchestrator,
    input: input(extra),
    instanceId: `collect-${TENANT}:Audit.Exchange`,
    now: NOW,
    respond: tenant(blobs, fail),
  });
}

const storedIds = (calls: readonly TreeCall[]) => calls.filter((c) => c.name === F.storeContent).flatMap((c) => (c.input as { blobs: BlobRef[] }).blobs.map((b) => b.contentId));

describe('history bounds of a window', () => {
  it.each([100, 1_000, 5_000])(`keeps every execution's history within ${HISTORY_BOUND} events at %i blobs per window, storing each blob once`, (blobs) => {
    const { output, calls, executions } = collect(blobs);
    const largest = Math.max(...executions.map((e) => e.historyEvents));
    expect(largest).toBeLessThanOrEqual(HISTORY_BOUND);
    const ids = storedIds(calls);
    expect(ids).toHaveLength(blobs);
    expect(new Set(ids).size).toBe(blobs);
    // the watermark moves once, after every blob of the window was stored
    const names = calls.map((c) => c.name);
    expect(names.filter((n) => n === F.advanceWatermark)).toHaveLength(1);
    expect(names.lastIndexOf(F.storeContent)).toBeLessThan(names.indexOf(F.advanceWatermark));
    expect(output).toMatchObject({ outcome: 'collected', counts: { windows: 1, blobsListed: blobs, blobsStored: blobs, recordsStored: 2 * blobs } });
  });
});
