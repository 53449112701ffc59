// One content type's collection (or rerun): read the checkpoint, plan windows on the
// orchestration clock, record planned gaps BEFORE the watermark can jump past them, then per
// window list and store it in a window sub-orchestration (window-orchestrator.ts: page by page,
// storeContent over batches of the blobs still to fetch), and advance the watermark hole-free.
// After maxWindowsPerExecution windows it continues as new with its counts, so a 7-day catch-up never grows one long history. A rerun lists an explicit window,
// re-fetches every blob and never touches the watermark.
// Deterministic: no clock but currentUtcDateTime, no I/O, no environment.
import type { OrchestrationContext } from 'durable-functions';
import { addCounts, planWindows, ZERO_COUNTS, type CollectionWindow, type CycleCounts, type CycleSummary, type Gap } from '@auditflow/ingestion';
import { subscriptionDisabledGap } from './disabled-gap';
import { rerunWindows } from '../rerun/rerun-windows';
import { FUNCTION_NAMES, windowInstanceId } from '../shared/function-names';
import { structuredLog } from '../shared/structured-log';
import { callActivityWithRetry, type Orchestration } from '../shared/call-activity';
import type { WindowRunInput, WindowRunOutput } from './window-run-input';
import { contentTypeRunInputProblems, requireValidInput } from './input-validation';
import type { ContentTypeOutcome, ContentTypeOutcomeKind, ContentTypeRunInput } from './orchestration-input';

/** A run that keeps continuing as new this often is stopped: the next cycle re-plans. */
export const MAX_EXECUTIONS_PER_RUN = 50;

export function* contentTypeOrchestrator(context: OrchestrationContext): Orchestration<ContentTypeOutcome | undefined> {
  const raw: unknown = context.df.getInput();
  requireValidInput(FUNCTION_NAMES.collectContentTypeOrchestrator, contentTypeRunInputProblems(raw), 'the collect and rerun orchestrations start it; start those instead');
  const input = raw as ContentTypeRunInput;
  const run = new ContentTypeRun(context, input);
  let counts = input.counts;
  try {
    if (input.mode === 'rerun') {
      const requested = input.window as CollectionWindow;
      const windows = rerunWindows(requested, context.df.currentUtcDateTime);
      for (const window of windows) {
        const listed = yield* run.collectWindow(window, true);
        counts = addCounts(counts, listed.counts);
        if (listed.disabled) return run.outcome('subscription-disabled', counts, listed.disabled);
      }
      const start = windows[0]?.start;
      const clamped = start === undefined || Date.parse(start) > Date.parse(requested.start);
      // Said, not silently skipped: the API no longer lists content older than 7 days.
      return run.outcome('collected', counts, clamped ? `listed from ${start ?? requested.end}, not ${requested.start}: the API no longer lists older content` : undefined);
    }

    const checkpoint = yield* callActivityWithRetry(context, 'readCheckpoint', run.ids);
    const { settings, contentType } = input;
    if (input.subscription === 'disabled') {
      counts = yield* run.recordDisabled(checkpoint.watermark, counts, 'listed as disabled');
      return yield* run.finishCycle('subscription-disabled', counts, 'an admin disabled the subscription: re-enable it');
    }
    const plan = planWindows({
      tenantId: settings.tenantId,
      contentType,
      now: context.df.currentUtcDateTime,
      ...(checkpoint.watermark ? { watermark: checkpoint.watermark } : {}),
      firstRunLookbackHours: settings.firstRunLookbackHours,
      relistOverlapMinutes: settings.relistOverlapMinutes,
      safetyLagMinutes: settings.safetyLagMinutes,
    });
    if (plan.gaps.length > 0) {
      yield* callActivityWithRetry(context, 'recordGaps', { ...run.ids, gaps: plan.gaps });
      counts = addCounts(counts, { gaps: plan.gaps.length });
    }
    const windows = plan.windows.slice(0, Math.max(1, settings.maxWindowsPerExecution));
    // Where collection stands: a disabled-subscription gap starts here, not at content an
    // earlier window of this run already stored.
    let watermark = checkpoint.watermark;
    for (const window of windows) {
      const listed = yield* run.collectWindow(window, false);
      counts = addCounts(counts, listed.counts);
      if (listed.disabled) {
        counts = yield* run.recordDisabled(watermark, counts, listed.disabled);
        return yield* run.finishCycle('subscription-disabled', counts, listed.disabled);
      }
      const advanced = yield* callActivityWithRetry(context, 'advanceWatermark', { ...run.ids, window });
      counts = addCounts(counts, { blobsLost: advanced.expiredLost, gaps: advanced.expiredLost });
      watermark = advanced.watermark;
      if (!advanced.windowComplete) {
        // A blob of this window is still unstored: the watermark waits at it. Later windows must
        // not be advanced past it, so this cycle stops here and the next one resumes.
        const unreadable = counts.blobsUnreadable > 0 ? `; ${counts.blobsUnreadable} blob read(s) failed this run and were counted (a blob that never reads is quarantined as a content-unreadable gap after AUDITFLOW_UNREADABLE_MAX_ATTEMPTS failed reads over AUDITFLOW_UNREADABLE_MIN_HOURS)` : '';
        return yield* run.finishCycle('incomplete', counts, `watermark held at ${advanced.watermark ?? 'none'} by an unstored blob${unreadable}`);
      }
    }
    if (plan.windows.length > windows.length) {
      if (input.execution >= MAX_EXECUTIONS_PER_RUN) {
        return yield* run.finishCycle('incomplete', counts, `stopped after ${input.execution} executions with windows left: the next cycle resumes at the watermark`);
      }
      const next: ContentTypeRunInput = { ...input, counts, execution: input.execution + 1 };
      context.df.continueAsNew(next);
      return undefined;
    }
    return yield* run.finishCycle('collected', counts);
  } catch (error) {
    counts = addCounts(counts, run.takeUnfinishedWindow());
    const detail = error instanceof Error ? error.message : String(error);
    if (!context.df.isReplaying) structuredLog(context).error('content type run failed', { ...run.ids, instanceId: context.df.instanceId, detail });
    if (input.mode === 'rerun') return run.outcome('failed', counts, detail);
    return yield* run.finishCycle('failed', counts, detail);
  }
}

interface WindowResult {
  readonly counts: Partial<CycleCounts>;
  readonly disabled?: string;
}

class ContentTypeRun {
  readonly ids: { readonly tenantId: string; readonly contentType: ContentTypeRunInput['contentType'] };

  constructor(
    private readonly context: OrchestrationContext,
    private readonly input: ContentTypeRunInput,
  ) {
    this.ids = { tenantId: input.settings.tenantId, contentType: input.contentType };
  }

  /** Counts of the window being listed, so a failure part-way still reports what was stored. */
  private unfinished: CycleCounts = ZERO_COUNTS;

  takeUnfinishedWindow(): CycleCounts {
    const counts = this.unfinished;
    this.unfinished = ZERO_COUNTS;
    return counts;
  }

  /**
   * Collects one window in its own sub-orchestration (collect/window-orchestrator.ts), which lists
   * it page by page and continues as new every few pages: this history grows by one child per
   * window, never by the window's pages and blobs. The child id is derived from this instance's,
   * so a replay re-attaches to the same child.
   */
  *collectWindow(window: CollectionWindow, force: boolean): Orchestration<WindowResult> {
    this.unfinished = addCounts(ZERO_COUNTS, { windows: 1 });
    const windowRun: WindowRunInput = { ...this.ids, window, force, blobBatchSize: this.input.settings.blobBatchSize, relisted: false, counts: ZERO_COUNTS, execution: 1 };
    const result = (yield this.context.df.callSubOrchestrator(
      FUNCTION_NAMES.collectWindowOrchestrator,
      windowRun,
      windowInstanceId(this.context.df.instanceId, window),
    )) as WindowRunOutput;
    this.unfinished = addCounts(result.counts, { windows: 1 });
    if (result.failed) throw new Error(result.failed);
    return { counts: this.takeUnfinishedWindow(), ...(result.disabled ? { disabled: result.disabled } : {}) };
  }

  *recordDisabled(watermark: string | null, counts: CycleCounts, detail: string): Orchestration<CycleCounts> {
    const { settings } = this.input;
    const now = this.context.df.currentUtcDateTime;
    const gap: Gap = subscriptionDisabledGap({
      ...this.ids,
      watermark,
      firstRunStart: new Date(now.getTime() - settings.firstRunLookbackHours * 3_600_000).toISOString(),
      end: new Date(now.getTime() - settings.safetyLagMinutes * 60_000).toISOString(),
      now,
      detail,
    });
    yield* callActivityWithRetry(this.context, 'recordGaps', { ...this.ids, gaps: [gap] });
    return addCounts(counts, { gaps: 1 });
  }

  /** Collect mode: attaches the cycle's summary to the watermark (status reads it), then returns. */
  *finishCycle(kind: ContentTypeOutcomeKind, counts: CycleCounts, detail?: string): Orchestration<ContentTypeOutcome> {
    const summary: CycleSummary = {
      instanceId: this.input.parentInstanceId,
      startedAt: this.input.startedAt,
      finishedAt: this.context.df.currentUtcDateTime.toISOString(),
      ...counts,
    };
    try {
      yield* callActivityWithRetry(this.context, 'recordCycle', { ...this.ids, summary });
    } catch (error) {
      // The summary is for status only; the outcome below still reports the cycle.
      const message = error instanceof Error ? error.message : String(error);
      detail = [detail, `cycle summary not recorded: ${message}`].filter(Boolean).join('; ');
    }
    return this.outcome(kind, counts, detail);
  }

  outcome(kind: ContentTypeOutcomeKind, counts: CycleCounts, detail?: string): ContentTypeOutcome {
    return { contentType: this.input.contentType, outcome: kind, counts, ...(detail ? { detail } : {}) };
  }
}
