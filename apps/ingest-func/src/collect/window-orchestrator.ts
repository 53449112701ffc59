// One window's collection, as its own sub-orchestration of the content type's run: list page by
// page, and store each page's blobs still to fetch (batches of storeContent, all at once) before
// listing the next page. Why a sub-orchestration that continues as new (issue 13): every episode
// replays its execution's whole history, so a 24 h window of 5,000 blobs in one history made the
// engine's cost per blob grow with the window. Here an execution ends after the page that brings
// its activities to WINDOW_ACTIVITIES_PER_EXECUTION and continues as new with the next page URI
// and its counts, so no execution's history grows with the window; the parent's history grows by
// one child per window, and only the window's counts come back to it.
// Failures come back as `failed` with the counts so far (not thrown), so the run still reports
// what this window stored before it failed; the watermark is the parent's, and it never passes a
// failed window. Deterministic: no clock, no I/O, no environment.
import type { OrchestrationContext } from 'durable-functions';
import { addCounts, listingFailureAction } from '@auditflow/ingestion';
import { callActivitiesWithRetry, callActivityWithRetry, resultsOrThrow, type Orchestration } from '../shared/call-activity';
import { FUNCTION_NAMES } from '../shared/function-names';
import { toBatches } from './batching';
import { requireValidInput } from './input-validation';
import { windowRunInputProblems, type WindowRunInput, type WindowRunOutput } from './window-run-input';

/**
 * Activities (listings + store batches) after which an execution continues as new at its next
 * page. A page is always finished in the execution that listed it, so an execution's history is
 * about 2 events per activity + 2 per episode: with pages of 100 blobs and batches of 8 (14
 * activities a page) that is 2 pages, about 70 events, whatever the blobs per window. Smaller
 * means more continueAsNew (one transaction and one episode each); the local host's bench
 * (tools/local-host bench/window-replay.ts) measured 8, 16 and 32 and 16 kept the cost per blob
 * flattest.
 */
export const WINDOW_ACTIVITIES_PER_EXECUTION = 16;

/** A listing that still has next pages after this many executions is failed (a next-page loop in the API); the next cycle lists the window again. */
export const MAX_WINDOW_EXECUTIONS = 10_000;

export function* windowOrchestrator(context: OrchestrationContext): Orchestration<WindowRunOutput | undefined> {
  const raw: unknown = context.df.getInput();
  requireValidInput(FUNCTION_NAMES.collectWindowOrchestrator, windowRunInputProblems(raw), "a content type's run starts it for each window; start the collect or rerun orchestration instead");
  const input = raw as WindowRunInput;
  const { window, force } = input;
  const ids = { tenantId: input.tenantId, contentType: input.contentType };
  let counts = input.counts;
  let nextPageUri = input.nextPageUri;
  let relisted = input.relisted;
  let activities = 0;
  try {
    do {
      const page = yield* callActivityWithRetry(context, 'listContentPage', { ...ids, window, force, ...(nextPageUri ? { nextPageUri } : {}) });
      activities += 1;
      if (page.disabled) return { counts, disabled: page.disabled };
      if (page.relisted) {
        // The activity listed the window again from its first page; a second time in one window is the same refusal again.
        if (listingFailureAction('window', { resubscribed: false, relisted }) === 'fail-window-refused') {
          throw new Error(`listing ${window.start}..${window.end} refused its next page twice: the next cycle lists it again`);
        }
        relisted = true;
      }
      counts = addCounts(counts, page);
      const batches = toBatches(page.toFetch, input.blobBatchSize);
      // A page with nothing to fetch schedules nothing.
      const settled = yield* callActivitiesWithRetry(context, 'storeContent', batches.map((blobs) => ({ ...ids, blobs, force })));
      activities += batches.length;
      // Count what the other batches stored before failing on a non-retryable one.
      for (const s of settled) if (s.ok) counts = addCounts(counts, s.result);
      resultsOrThrow(settled);
      nextPageUri = page.nextPageUri;
      if (nextPageUri && activities >= WINDOW_ACTIVITIES_PER_EXECUTION) {
        if (input.execution >= MAX_WINDOW_EXECUTIONS) {
          throw new Error(`listing ${window.start}..${window.end} still had next pages after ${MAX_WINDOW_EXECUTIONS} executions: the next cycle lists it again`);
        }
        const next: WindowRunInput = { ...input, nextPageUri, relisted, counts, execution: input.execution + 1 };
        context.df.continueAsNew(next);
        return undefined;
      }
    } while (nextPageUri);
    return { counts };
  } catch (error) {
    return { counts, failed: error instanceof Error ? error.message : String(error) };
  }
}
