import { describe, expect, it } from 'vitest';
import type { ContentType } from '@auditflow/ingestion';
import { validateRerunRequest } from './rerun-request';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const CONFIGURED: ContentType[] = ['Audit.Exchange', 'Audit.SharePoint', 'DLP.All'];
const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe('validateRerunRequest', () => {
  it.each([
    ['a window of one day, default content types', { start: ago(3 * DAY), end: ago(2 * DAY) }, CONFIGURED, true],
    ['chosen content types, de-duplicated', { contentTypes: ['DLP.All', 'DLP.All'], start: ago(DAY), end: ago(0) }, ['DLP.All'], false],
    ['an offset time zone', { start: '2026-11-24T10:00:00+02:00', end: '2026-11-24T12:00:00Z' }, CONFIGURED, true],
    ['exactly 7 days, up to now', { start: ago(7 * DAY), end: ago(0) }, CONFIGURED, true],
  ])('accepts %s', (_name, body, contentTypes, all) => {
    const result = validateRerunRequest(body, CONFIGURED, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request.contentTypes).toEqual(contentTypes);
    expect(result.request.allContentTypes).toBe(all);
    expect(Date.parse(result.request.start)).toBe(Date.parse((body as { start: string }).start));
    expect(result.request.start).toMatch(/\.000Z$/);
  });

  it.each([
    ['not JSON', undefined, [['body', /JSON object/]]],
    ['an array', [], [['body', /JSON object/]]],
    ['nothing given', {}, [['start', /missing/], ['end', /missing/]]],
    ['times that are not ISO', { start: '24/11/2026', end: 'yesterday' }, [['start', /ISO 8601/], ['end', /"yesterday".*ISO 8601/]]],
    ['a time without a zone', { start: '2026-11-24T10:00:00', end: ago(0) }, [['start', /zone/]]],
    ['dates and times that do not exist', { start: '2026-11-31T10:00:00Z', end: '2026-11-24T24:00:00Z' }, [['start', /no such date or time/], ['end', /no such date or time/]]],
    ['start after end', { start: ago(DAY), end: ago(2 * DAY) }, [['end', /after start/]]],
    ['start equal to end', { start: ago(DAY), end: ago(DAY) }, [['end', /after start/]]],
    ['start older than 7 days', { start: ago(7 * DAY + 60_000), end: ago(DAY) }, [['start', /last 7 days/]]],
    ['end in the future', { start: ago(DAY), end: new Date(NOW.getTime() + 60_000).toISOString() }, [['end', /future/]]],
    ['an unknown content type', { contentTypes: ['Audit.Nope'], start: ago(DAY), end: ago(0) }, [['contentTypes', /unknown content type "Audit.Nope"/]]],
    ['a misspelt content type', { contentTypes: ['audit.exchange'], start: ago(DAY), end: ago(0) }, [['contentTypes', /did you mean Audit.Exchange/]]],
    ['a content type not collected', { contentTypes: ['Audit.General'], start: ago(DAY), end: ago(0) }, [['contentTypes', /not collected by this app/]]],
    ['an empty content type list', { contentTypes: [], start: ago(DAY), end: ago(0) }, [['contentTypes', /non-empty array/]]],
    [
      'everything wrong at once',
      { contentTypes: ['Audit.Exchange', 'Audit.Nope'], start: '2001-01-01T00:00:00Z', end: 'yesterday' },
      [['contentTypes', /Audit.Nope/], ['end', /ISO 8601/], ['start', /7 days/]],
    ],
  ] as const)('refuses %s, naming every problem', (_name, body, expected) => {
    const result = validateRerunRequest(body, CONFIGURED, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(expected.length);
    for (const [field, pattern] of expected) {
      expect(result.problems.some((p) => p.field === field && pattern.test(p.message)), `${field} ${pattern}: ${JSON.stringify(result.problems)}`).toBe(true);
    }
  });
});
