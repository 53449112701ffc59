// File indicators on the real OneDrive file-operation records of elastic-beats (06-sharepointfileop),
// as a series of downloads of distinct files.
import { describe, expect, it } from 'vitest';
import { baselineFromEntries, BASELINE_KINDS } from '../src';
import { beats, beatsRecords, documentsOf } from './fixtures';
import { at, byIndicator, run, variant } from './helpers';

const DOMAINS = ['testsiem.onmicrosoft.com'];
const accessed = beatsRecords('06-sharepointfileop.log').find((r) => r['Operation'] === 'FileAccessed')!;
const T0 = '2020-01-28T10:00:00';

function downloads(n: number, spacingSeconds: number, extra: Record<string, unknown> = {}) {
  return documentsOf(
    Array.from({ length: n }, (_, i) =>
      variant(accessed, { Id: `dl-${i}`, Operation: 'FileDownloaded', CreationTime: at(T0, i * spacingSeconds), ObjectId: `https://testsiem-my.sharepoint.com/personal/asr/Documents/file-${i}.docx`, ...extra }),
    ),
  );
}

describe('mass-download (Elastic: 25 distinct files per user + IP in 3 minutes)', () => {
  it('the real file operations are no finding', () => {
    expect(byIndicator(run(beats('06-sharepointfileop.log'), DOMAINS).findings, 'mass-download')).toEqual([]);
  });

  it.each([
    [25, 5, 1],
    [24, 5, 0],
    [40, 10, 0], // 40 files over 400 s: never 25 in one 3-minute bucket
  ])('%i downloads %i s apart -> %i finding', (n, spacing, expected) => {
    const found = byIndicator(run(downloads(n, spacing), DOMAINS).findings, 'mass-download').filter((f) => !f.details['newIp']);
    expect(found.length).toBe(expected);
    if (expected) {
      expect(found[0]!.severity).toBe('high');
      expect(found[0]!.evidenceTotal).toBe(n);
      expect(found[0]!.entities).toEqual([
        { kind: 'user', id: `user:${String(accessed['UserId']).toLowerCase()}` },
        { kind: 'ip', id: `ip:${String(accessed['ClientIP'])}` },
      ]);
    }
  });

  it('the same file 30 times is one file, no finding', () => {
    const same = documentsOf(Array.from({ length: 30 }, (_, i) => variant(accessed, { Id: `s-${i}`, Operation: 'FileSyncDownloadedFull', CreationTime: at(T0, i) })));
    expect(byIndicator(run(same, DOMAINS).findings, 'mass-download')).toEqual([]);
  });
});

describe('mass-download from an IP new to the tenant (Sentinel: more than 50 files)', () => {
  const ip = String(accessed['ClientIP']);
  const since = '2020-01-20T00:00:00.000Z';
  const tenantKnown = { kind: BASELINE_KINDS.tenantSince, subject: 'tenant', value: 'first', firstSeen: since, lastSeen: since, count: 1000 };

  it('50 files in a day from an address the tenant never saw: medium finding', () => {
    const found = byIndicator(run(downloads(50, 60), DOMAINS, { baseline: baselineFromEntries([tenantKnown]) }).findings, 'mass-download').filter((f) => f.details['newIp']);
    expect(found.length).toBe(1);
    expect(found[0]!.severity).toBe('medium');
  });

  it('not for an address the tenant knows, nor for 49 files, nor on the tenant\'s first day', () => {
    const ipKnown = { kind: BASELINE_KINDS.tenantIp, subject: ip, value: 'seen', firstSeen: since, lastSeen: '2020-01-27T00:00:00.000Z', count: 5 };
    const newIp = (docs: ReturnType<typeof downloads>, entries: Parameters<typeof baselineFromEntries>[0]) =>
      byIndicator(run(docs, DOMAINS, { baseline: baselineFromEntries(entries) }).findings, 'mass-download').filter((f) => f.details['newIp']);
    expect(newIp(downloads(60, 60), [tenantKnown, ipKnown])).toEqual([]);
    expect(newIp(downloads(49, 60), [tenantKnown])).toEqual([]);
    expect(newIp(downloads(60, 60), [])).toEqual([]);
  });
});
