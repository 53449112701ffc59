import { describe, expect, it } from 'vitest';
import { seededRandom, randomInt } from '../test/seeded-random';
import { API_RETENTION_MS, MAX_WINDOW_MS } from './model';
import { gapId } from './gap-id';
import { RETENTION_MARGIN_MS, planWindows, type PlanInput } from './window-planning';

const H = 3_600_000;
const MIN = 60_000;
const DAY = 24 * H;
const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const EARLIEST = NOW - API_RETENTION_MS + RETENTION_MARGIN_MS;

const base: PlanInput = {
  tenantId: 'tenant-1',
  contentType: 'Audit.Exchange',
  now: new Date(NOW),
  firstRunLookbackHours: 24,
  relistOverlapMinutes: 60,
  safetyLagMinutes: 5,
};

describe('planWindows', () => {
  it.each([
    {
      name: 'first run: lookback to now - lag, one window',
      input: {},
      windows: [[NOW - 24 * H, NOW - 5 * MIN]],
    },
    {
      name: 'first run longer than 24 h: split into 24 h windows',
      input: { firstRunLookbackHours: 50 },
      windows: [
        [NOW - 50 * H, NOW - 26 * H],
        [NOW - 26 * H, NOW - 2 * H],
        [NOW - 2 * H, NOW - 5 * MIN],
      ],
    },
    {
      name: 'first run of 168 h: clamped to the earliest listable time, no gap',
      input: { firstRunLookbackHours: 168 },
      windows: [
        [EARLIEST, EARLIEST + DAY],
        [EARLIEST + DAY, EARLIEST + 2 * DAY],
        [EARLIEST + 2 * DAY, EARLIEST + 3 * DAY],
        [EARLIEST + 3 * DAY, EARLIEST + 4 * DAY],
        [EARLIEST + 4 * DAY, EARLIEST + 5 * DAY],
        [EARLIEST + 5 * DAY, EARLIEST + 6 * DAY],
        [EARLIEST + 6 * DAY, NOW - 5 * MIN],
      ],
    },
    {
      name: 'normal cycle: from watermark - overlap to now - lag',
      input: { watermark: iso(NOW - 10 * MIN) },
      windows: [[NOW - 70 * MIN, NOW - 5 * MIN]],
    },
    {
      name: 'outage of 2 days: collected whole in 24 h windows, no gap',
      input: { watermark: iso(NOW - 2 * DAY) },
      windows: [
        [NOW - 2 * DAY - H, NOW - DAY - H],
        [NOW - DAY - H, NOW - H],
        [NOW - H, NOW - 5 * MIN],
      ],
    },
    {
      name: 'watermark without Z is read as UTC',
      input: { watermark: '2026-11-25T11:50:00' },
      windows: [[NOW - 70 * MIN, NOW - 5 * MIN]],
    },
    {
      name: 'overlap reaching past the earliest listable time: clamped, no gap (that part was collected)',
      input: { watermark: iso(EARLIEST + 10 * MIN), relistOverlapMinutes: 30 },
      windows: [
        [EARLIEST, EARLIEST + DAY],
        [EARLIEST + DAY, EARLIEST + 2 * DAY],
        [EARLIEST + 2 * DAY, EARLIEST + 3 * DAY],
        [EARLIEST + 3 * DAY, EARLIEST + 4 * DAY],
        [EARLIEST + 4 * DAY, EARLIEST + 5 * DAY],
        [EARLIEST + 5 * DAY, EARLIEST + 6 * DAY],
        [EARLIEST + 6 * DAY, NOW - 5 * MIN],
      ],
    },
    { name: 'clock skew: watermark in the future', input: { watermark: iso(NOW + H) }, windows: [] },
    { name: 'clock skew: watermark between now - lag and now', input: { watermark: iso(NOW - MIN) }, windows: [] },
    {
      name: 'end <= start: watermark at the end and no overlap',
      input: { watermark: iso(NOW - 5 * MIN), relistOverlapMinutes: 0 },
      windows: [],
    },
    { name: 'first run with no lookback', input: { firstRunLookbackHours: 0, safetyLagMinutes: 0 }, windows: [] },
  ])('$name', ({ input, windows }) => {
    const plan = planWindows({ ...base, ...input });
    expect(plan.windows).toEqual(windows.map(([s, e]) => ({ start: iso(s!), end: iso(e!) })));
    expect(plan.gaps).toEqual([]);
  });

  it('outage of 9 days: one gap from the old watermark to the earliest listable time, windows for the rest', () => {
    const watermark = iso(NOW - 9 * DAY);
    const plan = planWindows({ ...base, watermark });
    expect(plan.gaps).toHaveLength(1);
    const gap = plan.gaps[0]!;
    const window = { start: watermark, end: iso(EARLIEST) };
    expect(gap).toEqual({
      id: gapId({ tenantId: 'tenant-1', contentType: 'Audit.Exchange', window, reason: 'beyond-api-retention' }),
      tenantId: 'tenant-1',
      contentType: 'Audit.Exchange',
      window,
      reason: 'beyond-api-retention',
      detail: expect.stringContaining('never collected') as unknown as string,
      recordedAt: iso(NOW),
    });
    expect(plan.windows[0]!.start).toBe(gap.window.end);
    expect(plan.windows.at(-1)!.end).toBe(iso(NOW - 5 * MIN));
    expect(plan.windows).toHaveLength(7);
    // planning the same cycle again (a replay) gives the same gap id
    expect(planWindows({ ...base, watermark }).gaps[0]!.id).toBe(gap.id);
  });

  it('a watermark just below the earliest listable time still records the lost sliver', () => {
    const watermark = iso(EARLIEST - 1);
    const plan = planWindows({ ...base, watermark });
    expect(plan.gaps.map((g) => g.window)).toEqual([{ start: watermark, end: iso(EARLIEST) }]);
  });

  it.each([
    [{ tenantId: '' }, /tenantId/],
    [{ contentType: 'Audit.Teams' }, /contentType/],
    [{ now: new Date('nope') }, /now/],
    [{ now: '2026-11-25T12:00:00Z' }, /now/],
    [{ watermark: 'yesterday' }, /watermark/],
    [{ watermark: '2026-02-30T00:00:00Z' }, /watermark/],
    [{ firstRunLookbackHours: -1 }, /firstRunLookbackHours/],
    [{ relistOverlapMinutes: -5 }, /relistOverlapMinutes/],
    [{ safetyLagMinutes: Number.NaN }, /safetyLagMinutes/],
    [{ safetyLagMinutes: 7 * 24 * 60 }, /safetyLagMinutes/],
  ])('rejects %o with a TypeError naming the field', (bad, message) => {
    expect(() => planWindows({ ...base, ...(bad as Partial<PlanInput>) })).toThrow(TypeError);
    expect(() => planWindows({ ...base, ...(bad as Partial<PlanInput>) })).toThrow(message);
  });

  it('properties over random inputs: <= 24 h, ascending, contiguous, inside retention, gap joins the windows', () => {
    const rand = seededRandom(20261125);
    for (let i = 0; i < 2000; i++) {
      const now = NOW + randomInt(rand, -365, 365) * DAY + randomInt(rand, 0, DAY);
      const firstRun = rand() < 0.2;
      const input: PlanInput = {
        ...base,
        now: new Date(now),
        firstRunLookbackHours: randomInt(rand, 0, 400),
        relistOverlapMinutes: randomInt(rand, 0, 1440),
        safetyLagMinutes: randomInt(rand, 0, 120),
        ...(firstRun ? {} : { watermark: iso(now - randomInt(rand, -2 * H, 12 * DAY)) }),
      };
      const { windows, gaps } = planWindows(input);
      const earliest = now - API_RETENTION_MS + RETENTION_MARGIN_MS;
      const end = now - input.safetyLagMinutes * MIN;
      windows.forEach((w, k) => {
        const s = Date.parse(w.start);
        const e = Date.parse(w.end);
        expect(e - s).toBeGreaterThan(0);
        expect(e - s).toBeLessThanOrEqual(MAX_WINDOW_MS);
        expect(s).toBeGreaterThanOrEqual(earliest);
        if (k > 0) expect(w.start).toBe(windows[k - 1]!.end);
      });
      if (windows.length > 0) expect(Date.parse(windows.at(-1)!.end)).toBe(end);
      const wm = input.watermark === undefined ? undefined : Date.parse(input.watermark);
      if (wm !== undefined && wm < earliest) {
        expect(gaps).toHaveLength(1);
        expect(gaps[0]!.window).toEqual({ start: input.watermark, end: iso(earliest) });
        expect(windows[0]!.start).toBe(iso(earliest));
      } else {
        expect(gaps).toEqual([]);
      }
      // nothing between the watermark and the end is left out: it is listed or it is a gap
      if (wm !== undefined && wm <= end) {
        const coveredFrom = gaps.length > 0 ? Date.parse(gaps[0]!.window.start) : Date.parse(windows[0]?.start ?? iso(end));
        expect(coveredFrom).toBeLessThanOrEqual(wm);
      }
    }
  });
});
