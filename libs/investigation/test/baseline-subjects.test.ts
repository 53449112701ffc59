// baselineSubjectsFor is how a store knows which baseline entries to load before an incremental
// evaluation: loading only those must give the same findings and updates as the whole baseline.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE_KINDS, baselineFromEntries, baselineSubjectsFor, EMPTY_BASELINE, evaluateIndicators, type BaselineEntry } from '../src';
import { beats, beatsRecords, documentsOf, FIXTURES, TENANT } from './fixtures';
import { at, variant } from './helpers';

const DOMAINS = ['testsiem.onmicrosoft.com'];
const context = { tenantId: TENANT, tenantDomains: DOMAINS };
const accessed = beatsRecords('06-sharepointfileop.log').find((r) => r['Operation'] === 'FileAccessed')!;
// A burst of downloads whose two halves fall in two evaluations: the second needs the first's files.
const burst = documentsOf(
  Array.from({ length: 30 }, (_, i) =>
    variant(accessed, { Id: `dl-${i}`, Operation: 'FileDownloaded', CreationTime: at('2020-01-28T10:00:00', i * 4), ObjectId: `https://testsiem-my.sharepoint.com/personal/asr/Documents/file-${i}.docx` }),
  ),
);
const all = [...readdirSync(join(FIXTURES, 'elastic-beats')).filter((f) => f.endsWith('.log')).flatMap((f) => beats(f)), ...burst].sort((a, b) =>
  a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1,
);

describe('baselineSubjectsFor', () => {
  it('names every entry the next evaluation reads: only those loaded, the same findings and updates as the whole baseline', () => {
    const cut = all.findIndex((d) => d.id === 'dl-15');
    const [first, second] = [all.slice(0, cut), all.slice(cut)];
    // Plus what another user's history left: no event of `second` is about them.
    const elsewhere: BaselineEntry = { kind: BASELINE_KINDS.userIp, subject: 'someone-else@testsiem.onmicrosoft.com', value: '198.51.100.9', firstSeen: '2020-01-01T00:00:00.000Z', lastSeen: '2020-01-02T00:00:00.000Z', count: 3 };
    const learned: BaselineEntry[] = [...evaluateIndicators(first, EMPTY_BASELINE, {}, context).baselineUpdates, elsewhere];
    const subjects = new Set(baselineSubjectsFor(second, {}, context).map((s) => `${s.kind}\u0000${s.subject}`));
    const loaded = learned.filter((e) => subjects.has(`${e.kind}\u0000${e.subject}`));
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded).not.toContainEqual(elsewhere);

    const whole = evaluateIndicators(second, baselineFromEntries(learned), {}, context);
    const partial = evaluateIndicators(second, baselineFromEntries(loaded), {}, context);
    expect(whole.findings.map((f) => f.indicator)).toContain('mass-download');
    expect(partial.findings).toEqual(whole.findings);
    expect(partial.baselineUpdates).toEqual(whole.baselineUpdates);
  });
});
