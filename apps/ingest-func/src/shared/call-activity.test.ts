// The typed calls: the one place a returned failure value becomes an error again, with its code,
// status and category; a fan-out reports every call's outcome.
import type { OrchestrationContext } from 'durable-functions';
import { describe, expect, it } from 'vitest';
import { drive, names, respondTo } from '../../test/orchestration-driver';
import { ActivityFailedError } from './activity-failure';
import { callActivitiesWithRetry, callActivity, resultsOrThrow, type Orchestration } from './call-activity';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const NOW = new Date('2026-11-25T12:00:00.000Z');
const ids = { tenantId: TENANT, contentType: 'Audit.Exchange' } as const;
const failure = { nonRetryable: { message: 'non-retryable: recording failed: AF10001', code: 'AF10001', statusCode: 403, category: 'fatal' } } as const;

describe('callActivity', () => {
  it('returns the typed result, and throws a returned failure as an ActivityFailedError keeping code, status and category', () => {
    function* twice(context: OrchestrationContext): Orchestration<unknown> {
      const first = yield* callActivity(context, 'readCheckpoint', ids);
      try {
        yield* callActivity(context, 'recordGaps', { ...ids, gaps: [] });
      } catch (error) {
        return { first, error };
      }
      return { first };
    }
    const { output, scheduled } = drive(twice, { input: undefined, now: NOW, respond: respondTo({ readCheckpoint: () => ({ watermark: null }), recordGaps: () => failure }) });
    expect(names(scheduled)).toEqual(['readCheckpoint', 'recordGaps']);
    const { first, error } = output as { first: unknown; error: unknown };
    expect(first).toEqual({ watermark: null });
    expect(error).toBeInstanceOf(ActivityFailedError);
    expect(error).toMatchObject({ message: failure.nonRetryable.message, code: 'AF10001', statusCode: 403, category: 'fatal' });
  });
});

describe('callActivitiesWithRetry', () => {
  it('settles every call of a fan-out, so the caller can count the others before failing on one', () => {
    function* fanOut(context: OrchestrationContext): Orchestration<unknown> {
      const settled = yield* callActivitiesWithRetry(context, 'recordGaps', [1, 2, 3].map(() => ({ ...ids, gaps: [] })));
      let thrown: unknown;
      try {
        resultsOrThrow(settled);
      } catch (error) {
        thrown = error;
      }
      return { settled, thrown };
    }
    let n = 0;
    const { output } = drive(fanOut, { input: undefined, now: NOW, respond: respondTo({ recordGaps: () => (++n === 2 ? failure : { recorded: n }) }) });
    const { settled, thrown } = output as { settled: { ok: boolean }[]; thrown: unknown };
    expect(settled.map((s) => s.ok)).toEqual([true, false, true]);
    expect(settled[0]).toEqual({ ok: true, result: { recorded: 1 } });
    expect(thrown).toMatchObject({ name: 'ActivityFailedError', code: 'AF10001', category: 'fatal' });
  });

  it('schedules nothing for no inputs (Task.all([]) would throw)', () => {
    function* none(context: OrchestrationContext): Orchestration<unknown> {
      return yield* callActivitiesWithRetry(context, 'recordGaps', []);
    }
    const { output, scheduled } = drive(none, { input: undefined, now: NOW, respond: respondTo({}) });
    expect(output).toEqual([]);
    expect(scheduled).toEqual([]);
  });
});

// Never run: typecheck (`npm test` starts with it) fails if these mismatches ever compile, e.g.
// because the table's types were widened to `unknown`.
function* _mismatchesDoNotCompile(context: OrchestrationContext): Orchestration<void> {
  // @ts-expect-error listContentPage's input needs a window and force
  yield* callActivity(context, 'listContentPage', ids);
  const checkpoint = yield* callActivity(context, 'readCheckpoint', ids);
  // @ts-expect-error readCheckpoint's result has no toFetch
  void checkpoint.toFetch;
  // @ts-expect-error not an activity of the table
  yield* callActivity(context, 'collectOrchestrator', ids);
}
