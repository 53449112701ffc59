// Every real record of the shared fixtures either normalizes (time with Z, a stable id, raw equal
// to the input) or is rejected with a reason; none crashes normalization.
import { describe, expect, it } from 'vitest';
import { normalizeBlob, normalizeRecord, type NormalizeContext } from '../src/index';
import { isRecordRejection } from '../src/record-rejection';
import { loadFixtureRecords } from './fixture-records';

const ctx: NormalizeContext = { tenantId: 'tenant-1', contentType: 'Audit.General', contentId: 'blob-1', retentionDays: 90 };
const all = loadFixtureRecords();

describe('fixture records', () => {
  it('are all found (212 beats + 7 integrations + 19 panther)', () => {
    const count = (prefix: string) => all.filter((r) => r.source.startsWith(prefix)).length;
    expect([count('elastic-beats/'), count('elastic-integrations/'), count('panther/')]).toEqual([212, 7, 19]);
  });

  it.each(all.map((r) => [r.source, r.record] as const))('%s normalizes or is rejected with a reason', (_source, record) => {
    const input = structuredClone(record);
    let doc;
    try {
      doc = normalizeRecord(record, ctx);
    } catch (error) {
      expect(isRecordRejection(error), String(error)).toBe(true);
      if (isRecordRejection(error)) expect(error.reason).toMatch(/^[a-z-]+: .+/);
      return;
    }
    expect(doc.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(doc.raw).toEqual(input);
    expect(record).toEqual(input); // not mutated
    expect(normalizeRecord(structuredClone(record), ctx).id).toBe(doc.id);
    expect(doc.partitionKey).toBe(`tenant-1|${doc.actor.userId?.toLowerCase() ?? '-'}|${doc.time.slice(0, 10)}`);
    expect(doc.ttl).toBe(90 * 86_400);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc); // storable as JSON
  });

  it('every PascalCase record normalizes; only the lower-case-keyed Panther records are rejected', () => {
    const { documents, rejected } = normalizeBlob(
      all.map((r) => r.record),
      ctx,
    );
    const rejectedSources = rejected.map((r) => all[r.index]!.source);
    expect(rejectedSources.every((s) => s.startsWith('panther/microsoft_exchange_external_forwarding.yml'))).toBe(true);
    expect(rejected).toHaveLength(10);
    expect(new Set(rejected.map((r) => r.reason))).toEqual(new Set(['missing-creation-time: record has no CreationTime']));
    // ids repeat across files (ip-formats.log, 52-data-insights-api.log, panther test cases): one document each
    const ids = new Set(documents.map((d) => d.id));
    expect(ids.size).toBe(documents.length);
    expect(documents.length).toBeLessThan(all.length - rejected.length);
  });
});
