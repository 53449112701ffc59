import { describe, expect, it } from 'vitest';
import { seededRandom, randomInt } from '../test/seeded-random';
import type { LedgerEntry, LedgerState } from './model';
import { nextWatermark } from './watermark';

const window = { start: '2026-11-24T00:00:00.000Z', end: '2026-11-25T00:00:00.000Z' };

function entry(contentCreated: string, state: LedgerState, contentId = `c-${contentCreated}-${state}`): LedgerEntry {
  return {
    tenantId: 't',
    contentType: 'Audit.General',
    contentId,
    contentUri: `https://example.invalid/${contentId}`,
    contentCreated,
    contentExpiration: '2026-12-01T00:00:00.000Z',
    state,
    updatedAt: '2026-11-25T00:00:00.000Z',
  };
}

describe('nextWatermark', () => {
  it.each([
    { name: 'no blobs (empty content type): window end', current: undefined, entries: [], want: window.end },
    {
      name: 'everything stored: window end',
      current: '2026-11-24T00:00:00.000Z',
      entries: [entry('2026-11-24T01:00:00.000Z', 'stored'), entry('2026-11-24T05:00:00.000Z', 'stored')],
      want: window.end,
    },
    {
      name: 'a hole holds it back to the hole',
      current: '2026-11-24T00:00:00.000Z',
      entries: [
        entry('2026-11-24T01:00:00.000Z', 'stored'),
        entry('2026-11-24T05:00:00.000Z', 'listed'),
        entry('2026-11-24T03:00:00.000Z', 'listed'),
        entry('2026-11-24T09:00:00.000Z', 'stored'),
      ],
      want: '2026-11-24T03:00:00.000Z',
    },
    {
      name: 'lost blobs do not hold it back',
      current: '2026-11-24T00:00:00.000Z',
      entries: [entry('2026-11-24T01:00:00.000Z', 'lost'), entry('2026-11-24T02:00:00.000Z', 'stored')],
      want: window.end,
    },
    {
      name: 'a quarantined blob (content-unreadable gap) does not hold it back',
      current: '2026-11-24T00:00:00.000Z',
      entries: [entry('2026-11-24T01:00:00.000Z', 'quarantined'), entry('2026-11-24T02:00:00.000Z', 'stored')],
      want: window.end,
    },
    {
      name: 'never backwards: a hole below the current watermark returns current as given',
      current: '2026-11-24T12:00:00Z',
      entries: [entry('2026-11-24T03:00:00.000Z', 'listed')],
      want: '2026-11-24T12:00:00Z',
    },
    {
      name: 'never backwards: a window below the current watermark',
      current: '2026-11-26T00:00:00.000Z',
      entries: [],
      want: '2026-11-26T00:00:00.000Z',
    },
    {
      name: 'entries outside the window are not its holes',
      current: undefined,
      entries: [entry('2026-11-23T23:00:00.000Z', 'listed'), entry('2026-11-25T00:00:00.000Z', 'listed')],
      want: window.end,
    },
    {
      name: 'a hole at the window start',
      current: undefined,
      entries: [entry(window.start, 'listed')],
      want: window.start,
    },
    {
      name: 'contentCreated without Z is UTC',
      current: undefined,
      entries: [entry('2026-11-24T06:30:00', 'listed')],
      want: '2026-11-24T06:30:00.000Z',
    },
  ])('$name', ({ current, entries, want }) => {
    expect(nextWatermark(current, window, entries)).toBe(want);
  });

  it.each([
    [undefined, { start: 'x', end: window.end }, [], /window.start/],
    [undefined, { start: window.start, end: '' }, [], /window.end/],
    [undefined, { start: window.end, end: window.start }, [], /window.end/],
    ['later', window, [], /current/],
    [undefined, window, [entry('soon', 'listed')], /entries\[0\].contentCreated/],
  ])('rejects bad input (%s, %o) with a TypeError', (current, w, entries, message) => {
    expect(() => nextWatermark(current, w, entries)).toThrow(TypeError);
    expect(() => nextWatermark(current, w, entries)).toThrow(message);
  });

  it('properties: never below current, never past a hole, at the end when there is none', () => {
    const rand = seededRandom(7);
    const start = Date.parse(window.start);
    const span = Date.parse(window.end) - start;
    const states: LedgerState[] = ['listed', 'stored', 'lost', 'quarantined'];
    for (let i = 0; i < 1000; i++) {
      const entries = Array.from({ length: randomInt(rand, 0, 20) }, () =>
        entry(new Date(start + randomInt(rand, 0, span - 1)).toISOString(), states[randomInt(rand, 0, 2)]!),
      );
      const current = rand() < 0.3 ? undefined : new Date(start + randomInt(rand, -span, 2 * span)).toISOString();
      const result = Date.parse(nextWatermark(current, window, entries));
      if (current !== undefined) expect(result).toBeGreaterThanOrEqual(Date.parse(current));
      const holes = entries.filter((e) => e.state === 'listed').map((e) => Date.parse(e.contentCreated));
      const target = holes.length > 0 ? Math.min(...holes) : Date.parse(window.end);
      expect(result).toBe(Math.max(target, current === undefined ? -Infinity : Date.parse(current)));
    }
  });
});
