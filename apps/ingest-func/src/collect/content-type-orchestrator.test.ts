import { describe, expect, it } from 'vitest';
import { drive, names, respondTo, type ActivityCall, type Scheduled } from '../../test/orchestration-driver';
import { blobRef, collectSettings, contentTypeRunInput, storedResult, TEST_NOW, TEST_TENANT } from '../../test/collect-fixtures';
import type { StoreContentResult } from './store-content';
import type { CollectSettings } from './collect-settings';
import { FUNCTION_NAMES as F } from '../shared/function-names';
import { contentTypeOrchestrator, MAX_EXECUTIONS_PER_RUN } from './content-type-orchestrator';
import { windowOrchestrator } from './window-orchestrator';
import type { ContentTypeOutcome, ContentTypeRunInput } from './orchestration-input';

/** Windows run inline: these tests see their activities as the run's own. */
const WINDOWS = { [F.collectWindowOrchestrator]: windowOrchestrator };
const TENANT = TEST_TENANT;
const NOW = TEST_NOW;
const HOUR = 3_600_000;
const SETTINGS: CollectSettings = collectSettings();
const runInput = (extra: Partial<ContentTypeRunInput> = {}): ContentTypeRunInput => contentTypeRunInput(SETTINGS, extra);
const ref = blobRef;
const stored = (blobs: number): StoreContentResult => storedResult(blobs, 3);

/** A well-behaved tenant: one page per window with `perPage` blobs to fetch, every window completes. */
function happy(watermark: string | null, perPage = 3) {
  return respondTo({
    readCheckpoint: () => ({ watermark }),
    listContentPage: () => ({ toFetch: Array.from({ length: perPage }, (_, i) => ref(`b${i}`)), blobsListed: perPage + 1, blobsSkipped: 1 }),
    storeContent: (input) => stored(input.blobs.length),
    advanceWatermark: (input) => ({ watermark: input.window.end, advanced: true, windowComplete: true, expiredLost: 0 }),
    recordGaps: () => ({ recorded: 1 }),
    recordCycle: () => ({ recorded: true }),
  });
}

/** The scheduled calls of one activity, with their typed inputs. */
function callsOf<N extends ActivityCall['name']>(scheduled: readonly Scheduled[], name: N): Extract<ActivityCall, { name: N }>[] {
  return scheduled.filter((s): s is Extract<ActivityCall, { name: N }> => s.kind === 'activity' && s.name === name);
}

describe('contentTypeOrchestrator (collect)', () => {
  it('lists, fans out batches, then advances the watermark, window by window, and records the cycle', () => {
    const watermark = new Date(NOW.getTime() - 2 * HOUR).toISOString();
    const { output, scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS, input: runInput(), now: NOW, respond: happy(watermark) });
    expect(names(scheduled)).toEqual([F.readCheckpoint, F.listContentPage, F.storeContent, F.storeContent, F.advanceWatermark, F.recordCycle]);
    const batches = callsOf(scheduled, F.storeContent).map((s) => s.input);
    expect(batches.map((b) => b.blobs.length)).toEqual([2, 1]);
    expect(batches.every((b) => b.force === false)).toBe(true);
    const [list] = callsOf(scheduled, F.listContentPage).map((s) => s.input);
    expect(list!.window).toEqual({ start: new Date(NOW.getTime() - 3 * HOUR).toISOString(), end: new Date(NOW.getTime() - 5 * 60_000).toISOString() });
    expect(output).toMatchObject({ outcome: 'collected', counts: { windows: 1, blobsListed: 4, blobsSkipped: 1, blobsStored: 3, recordsStored: 9 } });
    const cycle = callsOf(scheduled, F.recordCycle).at(-1)!.input;
    expect(cycle.summary).toMatchObject({ instanceId: `collect-${TENANT}`, recordsStored: 9 });
  });

  it('never counts blobs a batch found settled earlier as stored, and passes every counter to the cycle summary', () => {
    const watermark = new Date(NOW.getTime() - 2 * HOUR).toISOString();
    const { output, scheduled } = drive(contentTypeOrchestrator, {
      inline: WINDOWS,
      input: runInput(),
      now: NOW,
      respond: respondTo({ storeContent: (input) => ({ ...stored(input.blobs.length - 1), blobsSettledEarlier: 1 }) }, happy(watermark)),
    });
    // two batches (2 + 1 blobs): 1 + 0 stored, 1 + 1 settled by an earlier attempt
    expect(output).toMatchObject({ outcome: 'collected', counts: { blobsListed: 4, blobsSkipped: 1, blobsStored: 1, blobsSettledEarlier: 2 } });
    const summary = callsOf(scheduled, F.recordCycle)[0]!.input.summary;
    expect(summary).toMatchObject({ blobsStored: 1, blobsSettledEarlier: 2, blobsSkipped: 1, blobsLost: 0 });
  });

  it('follows next pages of a window before advancing it', () => {
    const watermark = new Date(NOW.getTime() - 2 * HOUR).toISOString();
    const base = happy(watermark, 1);
    let page = 0;
    const { scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS,
      input: runInput(),
      now: NOW,
      respond: respondTo(
        {
          listContentPage: () => {
            page += 1;
            return { toFetch: [ref(`p${page}`)], blobsListed: 1, blobsSkipped: 0, ...(page < 3 ? { nextPageUri: `next-${page}` } : {}) };
          },
        },
        base,
      ),
    });
    expect(names(scheduled)).toEqual([
      F.readCheckpoint, F.listContentPage, F.storeContent, F.listContentPage, F.storeContent, F.listContentPage, F.storeContent, F.advanceWatermark, F.recordCycle,
    ]);
    const pageInputs = callsOf(scheduled, F.listContentPage).map((s) => s.input.nextPageUri);
    expect(pageInputs).toEqual([undefined, 'next-1', 'next-2']);
  });

  it('schedules no fan-out for a page with nothing to fetch (Task.all([]) would throw)', () => {
    const watermark = new Date(NOW.getTime() - 2 * HOUR).toISOString();
    const { output, scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS, input: runInput(), now: NOW, respond: happy(watermark, 0) });
    expect(names(scheduled)).toEqual([F.readCheckpoint, F.listContentPage, F.advanceWatermark, F.recordCycle]);
    expect((output as ContentTypeOutcome).outcome).toBe('collected');
  });

  it('records the beyond-retention gap before the watermark can move past it', () => {
    const watermark = new Date(NOW.getTime() - 9 * 24 * HOUR).toISOString();
    const { scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS, input: runInput(), now: NOW, respond: happy(watermark, 0) });
    const order = names(scheduled);
    expect(order.indexOf(F.recordGaps)).toBeGreaterThan(-1);
    expect(order.indexOf(F.recordGaps)).toBeLessThan(order.indexOf(F.advanceWatermark));
    const [gap] = callsOf(scheduled, F.recordGaps)[0]!.input.gaps;
    expect(gap).toMatchObject({ reason: 'beyond-api-retention', window: { start: watermark } });
  });

  it('continues as new after maxWindowsPerExecution windows, carrying its counts', () => {
    const { output, scheduled, continuedAsNew } = drive(contentTypeOrchestrator, { inline: WINDOWS, input: runInput(), now: NOW, respond: happy(null, 1) });
    expect(output).toBeUndefined();
    expect(scheduled.filter((s) => s.name === F.advanceWatermark)).toHaveLength(2);
    expect(names(scheduled)).not.toContain(F.recordCycle);
    expect(continuedAsNew).toMatchObject({ execution: 2, counts: { windows: 2, blobsStored: 2, recordsStored: 6 }, contentType: 'Audit.Exchange', mode: 'collect' });
  });

  it('says incomplete, not collected, when it stops continuing as new with windows left', () => {
    const { output, continuedAsNew } = drive(contentTypeOrchestrator, { inline: WINDOWS, input: runInput({ execution: MAX_EXECUTIONS_PER_RUN }), now: NOW, respond: happy(null, 1) });
    expect(continuedAsNew).toBeUndefined();
    expect(output).toMatchObject({ outcome: 'incomplete', detail: expect.stringMatching(/next cycle/) });
  });

  it('stops at the first window left incomplete, so later windows cannot jump its hole', () => {
    const base = happy(null, 1);
    const { output, scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS,
      input: runInput(),
      now: NOW,
      respond: respondTo({ advanceWatermark: () => ({ watermark: '2026-11-18T13:00:00.000Z', advanced: true, windowComplete: false, expiredLost: 0 }) }, base),
    });
    expect(scheduled.filter((s) => s.name === F.listContentPage)).toHaveLength(1);
    expect(names(scheduled).at(-1)).toBe(F.recordCycle);
    expect(output).toMatchObject({ outcome: 'incomplete' });
  });

  it('records a subscription-disabled gap and lists nothing when the subscription is disabled', () => {
    const watermark = new Date(NOW.getTime() - 2 * HOUR).toISOString();
    const { output, scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS, input: runInput({ subscription: 'disabled' }), now: NOW, respond: happy(watermark) });
    expect(names(scheduled)).toEqual([F.readCheckpoint, F.recordGaps, F.recordCycle]);
    expect(scheduled[1]!.name).toBe(F.recordGaps);
    const [gap] = callsOf(scheduled, F.recordGaps)[0]!.input.gaps;
    expect(gap).toMatchObject({ reason: 'subscription-disabled', window: { start: watermark } });
    expect(output).toMatchObject({ outcome: 'subscription-disabled', counts: { gaps: 1 } });
  });

  it('records the gap and stops when listing finds the subscription disabled', () => {
    const base = happy(new Date(NOW.getTime() - 2 * HOUR).toISOString());
    const { output, scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS,
      input: runInput(),
      now: NOW,
      respond: respondTo({ listContentPage: () => ({ toFetch: [], blobsListed: 0, blobsSkipped: 0, disabled: 'AF20023' }) }, base),
    });
    expect(names(scheduled)).toEqual([F.readCheckpoint, F.listContentPage, F.recordGaps, F.recordCycle]);
    expect(output).toMatchObject({ outcome: 'subscription-disabled' });
  });

  it('starts the disabled gap at the watermark an earlier window of this run advanced to', () => {
    const base = happy(null, 1);
    let lists = 0;
    const { scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS,
      input: runInput(),
      now: NOW,
      respond: (call) => {
        if (call.name !== F.listContentPage) return base(call);
        lists += 1;
        return lists === 1 ? base(call) : respondTo({ listContentPage: () => ({ toFetch: [], blobsListed: 0, blobsSkipped: 0, disabled: 'AF20023' }) })(call);
      },
    });
    const firstWindow = callsOf(scheduled, F.advanceWatermark)[0]!.input.window;
    const gaps = callsOf(scheduled, F.recordGaps).map((s) => s.input.gaps[0]!);
    // the first window's content was stored: the gap must not claim it
    expect(gaps).toEqual([expect.objectContaining({ reason: 'subscription-disabled', window: expect.objectContaining({ start: firstWindow.end }) })]);
  });

  it('reports a failed activity as a failed outcome without advancing, and still records the cycle', () => {
    const base = happy(new Date(NOW.getTime() - 2 * HOUR).toISOString(), 1);
    let page = 0;
    const { output, scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS,
      input: runInput(),
      now: NOW,
      respond: respondTo(
        {
          listContentPage: () => {
            page += 1;
            return { toFetch: [ref(`p${page}`)], blobsListed: 1, blobsSkipped: 0, nextPageUri: `next-${page}` };
          },
          storeContent: (input) => {
            if (page === 2) throw new Error('non-retryable: fetching failed: AF10001');
            return stored(input.blobs.length);
          },
        },
        base,
      ),
    });
    expect(names(scheduled)).not.toContain(F.advanceWatermark);
    expect(names(scheduled).at(-1)).toBe(F.recordCycle);
    // the first page's blob was stored before the failure and is reported
    expect(output).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/AF10001/), counts: { windows: 1, blobsListed: 2, blobsStored: 1 } });
  });
});

describe('contentTypeOrchestrator (non-retryable activity failures)', () => {
  it('fails the run on a returned non-retryable failure without advancing, counting the batches that were stored', () => {
    const base = happy(new Date(NOW.getTime() - 2 * HOUR).toISOString(), 3);
    let batch = 0;
    const { output, scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS,
      input: runInput(),
      now: NOW,
      respond: respondTo(
        {
          storeContent: (input) => {
            batch += 1;
            return batch === 2 ? { nonRetryable: { message: 'non-retryable: fetching Audit.Exchange blob b2 failed: AF10001', code: 'AF10001', statusCode: 403, category: 'fatal' } } : stored(input.blobs.length);
          },
        },
        base,
      ),
    });
    expect(names(scheduled)).toEqual([F.readCheckpoint, F.listContentPage, F.storeContent, F.storeContent, F.recordCycle]);
    expect(output).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/^non-retryable: .*AF10001/), counts: { blobsStored: 2 } });
  });

  it('fails the run when listing returns a non-retryable failure', () => {
    const base = happy(new Date(NOW.getTime() - 2 * HOUR).toISOString());
    const { output, scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS,
      input: runInput(),
      now: NOW,
      respond: respondTo({ listContentPage: () => ({ nonRetryable: { message: 'non-retryable: listing failed: AF20010', code: 'AF20010', statusCode: 403, category: 'fatal' } }) }, base),
    });
    expect(names(scheduled)).toEqual([F.readCheckpoint, F.listContentPage, F.recordCycle]);
    expect(output).toMatchObject({ outcome: 'failed', detail: 'non-retryable: listing failed: AF20010' });
  });
});

describe('contentTypeOrchestrator (rerun)', () => {
  it('re-fetches the explicit window in 24-hour pieces and never touches watermarks, gaps or cycles', () => {
    const window = { start: new Date(NOW.getTime() - 36 * HOUR).toISOString(), end: new Date(NOW.getTime() - 2 * HOUR).toISOString() };
    const { output, scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS,
      input: runInput({ mode: 'rerun', window, subscription: undefined }),
      now: NOW,
      respond: happy(null, 1),
    });
    expect(names(scheduled)).toEqual([F.listContentPage, F.storeContent, F.listContentPage, F.storeContent]);
    const lists = callsOf(scheduled, F.listContentPage).map((s) => s.input);
    expect(lists.map((l) => l.window)).toEqual([
      { start: window.start, end: new Date(NOW.getTime() - 12 * HOUR).toISOString() },
      { start: new Date(NOW.getTime() - 12 * HOUR).toISOString(), end: window.end },
    ]);
    expect(scheduled.every((s) => s.kind === 'activity' && (s.name === F.listContentPage || s.name === F.storeContent) && s.input.force === true)).toBe(true);
    expect(output).toMatchObject({ outcome: 'collected', counts: { windows: 2 } });
  });

  it('says so when the window starts before what the API still lists', () => {
    const window = { start: new Date(NOW.getTime() - 7 * 24 * HOUR).toISOString(), end: new Date(NOW.getTime() - 6 * 24 * HOUR).toISOString() };
    const { output, scheduled } = drive(contentTypeOrchestrator, { inline: WINDOWS, input: runInput({ mode: 'rerun', window }), now: NOW, respond: happy(null, 0) });
    const [first] = callsOf(scheduled, F.listContentPage).map((s) => s.input);
    expect(scheduled[0]!.name).toBe(F.listContentPage);
    expect(first!.window.start).toBe(new Date(NOW.getTime() - 7 * 24 * HOUR + 10 * 60_000).toISOString());
    expect(output).toMatchObject({ outcome: 'collected', detail: expect.stringMatching(/no longer lists older content/) });
  });
});

describe('contentTypeOrchestrator input validation', () => {
  it.each([
    ['{}', {}, /collectContentTypeOrchestrator input is invalid: settings is missing; contentType must be one of/],
    ['a bad mode and content type', { ...runInput(), mode: 'replay', contentType: 'Audit.Teams' }, /contentType must be one of .*"Audit\.Teams"; mode must be collect or rerun/],
    ['a rerun without a window', { ...runInput(), mode: 'rerun' }, /window must be/],
    ['a content type the settings do not collect', { ...runInput(), contentType: 'DLP.All' }, /contentType DLP\.All is not in settings\.contentTypes/],
    ['no counts', { ...runInput(), counts: undefined }, /counts must be/],
  ])('fails at once on %s, scheduling nothing', (_what, input, message) => {
    const scheduled: Scheduled[] = [];
    expect(() => drive(contentTypeOrchestrator, { inline: WINDOWS, input, now: NOW, respond: (call) => void scheduled.push(call) })).toThrow(message);
    expect(scheduled).toEqual([]);
  });
});
