import { describe, expect, it } from 'vitest';
import { beatsRecords } from '../test/fixture-records';
import { normalizeBlob } from './normalize-blob';
import { normalizeRecord, type NormalizeContext } from './normalize-record';
import { RecordRejection } from './record-rejection';

const ctx: NormalizeContext = { tenantId: 'tenant-1', contentType: 'Audit.Exchange', contentId: 'blob-7', retentionDays: 30 };
const minimal = { Id: 'id-1', CreationTime: '2020-02-17T17:12:03' };

function rejectionOf(record: unknown, context: NormalizeContext = ctx): RecordRejection {
  try {
    normalizeRecord(record, context);
  } catch (error) {
    if (error instanceof RecordRejection) return error;
    throw error;
  }
  throw new Error('expected a RecordRejection');
}

describe('normalizeRecord: fields', () => {
  it('maps an Exchange mailbox record', () => {
    const record = beatsRecords('02-exchange-item.log')[0] as Record<string, unknown>;
    const doc = normalizeRecord(record, ctx);
    expect(doc).toEqual({
      id: '3be78a31-dbd3-4c2c-eaf9-08d7b3cc8226',
      partitionKey: 'tenant-1|s-1-5-18|2020-02-17',
      tenantId: 'tenant-1',
      contentType: 'Audit.Exchange',
      time: '2020-02-17T17:12:03.000Z',
      workload: 'Exchange',
      recordType: 2,
      operation: 'Create',
      result: 'Succeeded',
      actor: { userId: 'S-1-5-18', userType: record['UserType'], userKey: 'S-1-5-18', ip: '::1' },
      target: {
        objectId: record['ObjectId'] ?? null,
        siteUrl: null,
        fileName: null,
        mailbox: 'SIEMTest@testsiem.onmicrosoft.com',
      },
      clientApp: 'Client=WebServices;Action=ConfigureGroupMailbox',
      contentId: 'blob-7',
      raw: record,
      ttl: 30 * 86_400,
    });
    expect(doc.raw).toBe(record);
  });

  it('maps a OneDrive file record', () => {
    const doc = normalizeRecord(beatsRecords('06-sharepointfileop.log')[0], ctx);
    expect(doc.target).toEqual({
      objectId:
        'https://testsiem-my.sharepoint.com/personal/asr_testsiem_onmicrosoft_com/Documents/Screenshot 2020-01-27 at 11.30.48.png',
      siteUrl: 'https://testsiem-my.sharepoint.com/personal/asr_testsiem_onmicrosoft_com/',
      fileName: 'Screenshot 2020-01-27 at 11.30.48.png',
      mailbox: null,
    });
    expect(doc.clientApp).toBe('Mozilla/5.0 (Macintosh; Intel Mac OS X 10.14; rv:72.0) Gecko/20100101 Firefox/72.0');
    expect(doc.actor).toEqual({
      userId: 'asr@testsiem.onmicrosoft.com',
      userType: 0,
      userKey: 'i:0h.f|membership|1003200096971f55@live.com',
      ip: '81.2.69.143',
    });
    expect(doc.result).toBeNull(); // records without ResultStatus
  });

  it.each([
    [{ ClientAppId: 'app-1', AppId: 'app-2', ClientInfoString: 'c', UserAgent: 'u' }, 'app-1'],
    [{ ClientAppId: '', AppId: 'app-2', UserAgent: 'u' }, 'app-2'],
    [{ ApplicationId: 'app-3', UserAgent: 'u' }, 'app-3'],
    [{ AppAccessContext: { ClientAppId: 'app-4' }, ClientInfoString: 'c' }, 'app-4'],
    [{ ClientInfoString: 'Client=OWA', UserAgent: 'u' }, 'Client=OWA'],
    [{ UserAgent: 'curl/8' }, 'curl/8'],
    [{}, null],
  ])('clientApp of %o is %s', (fields, want) => {
    expect(normalizeRecord({ ...minimal, ...fields }, ctx).clientApp).toBe(want);
  });

  it.each([
    [15, 15],
    [15.0, 15],
    ['15', 15],
    [' 15.0 ', 15],
    [-1, -1],
    [15.5, null],
    ['fifteen', null],
    ['0x0f', null],
    ['', null],
    [null, null],
    [true, null],
  ])('RecordType %o -> %o', (value, want) => {
    expect(normalizeRecord({ ...minimal, RecordType: value }, ctx).recordType).toBe(want);
  });

  it('RecordType written as 15.0 in the JSON text', () => {
    expect(normalizeRecord(JSON.parse('{"Id":"x","CreationTime":"2020-01-01T00:00:00","RecordType":15.0}'), ctx).recordType).toBe(15);
  });

  it.each([
    [{ ClientIP: 'localhost', ActorIpAddress: '1.2.3.4' }, '1.2.3.4'],
    [{ ClientIPAddress: '[2001:db8::1]:443' }, '2001:db8::1'],
    [{ ClientIP: 'cool.client.local' }, null],
    [{}, null],
  ])('client IP of %o is %s', (fields, want) => {
    expect(normalizeRecord({ ...minimal, ...fields }, ctx).actor.ip).toBe(want);
  });

  it('ttl follows retentionDays', () => {
    expect(normalizeRecord(minimal, { ...ctx, retentionDays: 1 }).ttl).toBe(86_400);
    expect(normalizeRecord(minimal, { ...ctx, retentionDays: 0.5 }).ttl).toBe(43_200);
  });
});

describe('normalizeRecord: the quirks of the real data (fixtures/README.md)', () => {
  it('CreationTime without a trailing Z is UTC', () => {
    const record = beatsRecords('15-azuread-sts-logon.log')[0] as Record<string, unknown>;
    expect(record['CreationTime']).not.toMatch(/Z$/);
    expect(normalizeRecord(record, ctx).time).toBe(`${String(record['CreationTime'])}.000Z`);
  });

  it('RecordType and UserType as strings', () => {
    const doc = normalizeRecord({ ...minimal, RecordType: '25', UserType: '0' }, ctx);
    expect([doc.recordType, doc.actor.userType]).toEqual([25, 0]);
  });

  it('Parameters / ExtendedProperties as a string are kept as received', () => {
    for (const record of beatsRecords('str-params.log')) {
      const doc = normalizeRecord(record, ctx);
      expect(doc.raw).toEqual(record);
    }
    const withString = beatsRecords('str-params.log').find((r) => typeof (r as Record<string, unknown>)['Parameters'] === 'string');
    expect(withString).toBeDefined();
  });

  it('the same Id twice in a blob is one document (the first)', () => {
    const records = beatsRecords('52-data-insights-api.log');
    const { documents, rejected } = normalizeBlob(records, ctx);
    expect(rejected).toEqual([]);
    expect(records).toHaveLength(9);
    expect(documents.map((d) => d.id)).toEqual([
      '20a7bbcf-8e64-4e60-b075-08d7ae3bcea0',
      '0ff67168-de8c-45fb-3f7d-08d7b003ebdc',
      '3b492d08-23a8-4e65-75ea-08d7afa9c9a2',
    ]);
    expect(documents[0]!.raw).toBe(records[0]);
  });

  it('the 22.8 kB record is accepted; a lower maxRecordBytes rejects it', () => {
    const records = beatsRecords('08-azuread-users.log');
    const big = records.reduce((a, b) => (JSON.stringify(b).length > JSON.stringify(a).length ? b : a));
    const size = Buffer.byteLength(JSON.stringify(big));
    expect(size).toBeGreaterThan(22_000);
    expect(normalizeRecord(big, ctx).raw).toBe(big);
    expect(rejectionOf(big, { ...ctx, maxRecordBytes: 20_000 }).code).toBe('too-large');
  });

  it('the ClientIP variants of ip-formats.log', () => {
    const ips = beatsRecords('ip-formats.log').map((r) => normalizeRecord(r, ctx).actor.ip);
    expect(ips).toEqual([
      '10.11.12.13',
      '10.11.12.13',
      '10.11.12.13',
      '10.11.12.13',
      '10.11.12.13',
      '2001:db8::abcd',
      '2001:db8::abcd',
      '2001:db8::abcd',
      '10.11.12.13',
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('normalizeRecord: rejections', () => {
  const circular: Record<string, unknown> = { ...minimal };
  circular['self'] = circular;
  it.each([
    ['null', null, 'not-an-object'],
    ['an array', [minimal], 'not-an-object'],
    ['a string', '{"Id":"x"}', 'not-an-object'],
    ['a Date', new Date(0), 'not-an-object'],
    ['no CreationTime', { Id: 'x' }, 'missing-creation-time'],
    ['a blank CreationTime', { Id: 'x', CreationTime: '' }, 'missing-creation-time'],
    ['an unparseable CreationTime', { Id: 'x', CreationTime: 'last tuesday' }, 'invalid-creation-time'],
    ['a numeric CreationTime', { Id: 'x', CreationTime: 1581959523000 }, 'invalid-creation-time'],
    ['a circular record', circular, 'not-serializable'],
    ['a BigInt', { ...minimal, n: 1n }, 'not-serializable'],
    ['an oversized record', { ...minimal, Blob: 'x'.repeat(1024 * 1024) }, 'too-large'],
  ])('%s -> %s', (_name, record, code) => {
    const rejection = rejectionOf(record);
    expect(rejection.code).toBe(code);
    expect(rejection.statusCode).toBe(422);
    expect(rejection.reason).toMatch(new RegExp(`^${code}: `));
  });

  it.each([
    [{ tenantId: '' }, /tenantId/],
    [{ contentType: 'Audit.Foo' }, /contentType/],
    [{ contentId: undefined }, /contentId/],
    [{ retentionDays: 0 }, /retentionDays/],
    [{ maxRecordBytes: -1 }, /maxRecordBytes/],
    [{ maxRecordBytes: 1.5 }, /maxRecordBytes/],
  ])('a bad context %o is a TypeError, not a rejection', (bad, message) => {
    const context = { ...ctx, ...bad } as NormalizeContext;
    expect(() => normalizeRecord(minimal, context)).toThrow(TypeError);
    expect(() => normalizeRecord(minimal, context)).toThrow(message);
    expect(() => normalizeBlob([minimal], context)).toThrow(message);
  });
});

describe('normalizeBlob', () => {
  it('rejects bad records with their index and keeps the good ones beside them', () => {
    const records = [
      { Id: 'a', CreationTime: '2020-01-01T00:00:00' },
      null,
      { Id: 'b' },
      { Id: 'c', CreationTime: '2020-01-01T00:00:01Z' },
      'garbage',
      { Id: 'a', CreationTime: '2020-01-02T00:00:00' }, // repeated id: the first wins
      { Id: 'd', CreationTime: '2020-01-01', Big: 'x'.repeat(100) },
    ];
    const { documents, rejected } = normalizeBlob(records, { ...ctx, maxRecordBytes: 100 });
    expect(documents.map((d) => [d.id, d.time])).toEqual([
      ['a', '2020-01-01T00:00:00.000Z'],
      ['c', '2020-01-01T00:00:01.000Z'],
    ]);
    expect(rejected.map((r) => [r.index, r.reason.split(':')[0]])).toEqual([
      [1, 'not-an-object'],
      [2, 'missing-creation-time'],
      [4, 'not-an-object'],
      [6, 'too-large'],
    ]);
    for (const r of rejected) expect([r.contentType, r.contentId]).toEqual(['Audit.Exchange', 'blob-7']);
  });

  it('an empty blob gives nothing', () => {
    expect(normalizeBlob([], ctx)).toEqual({ documents: [], rejected: [] });
  });

  it('a non-array is a TypeError', () => {
    expect(() => normalizeBlob({} as unknown as unknown[], ctx)).toThrow(TypeError);
  });

  it('records without Id get stable hash ids and repeated content is one document', () => {
    const rec = { CreationTime: '2020-01-01T00:00:00', Operation: 'X', Nested: { b: 1, a: 2 } };
    const sameContent = { Nested: { a: 2, b: 1 }, Operation: 'X', CreationTime: '2020-01-01T00:00:00' };
    const { documents } = normalizeBlob([rec, sameContent, { ...rec, Operation: 'Y' }], ctx);
    expect(documents).toHaveLength(2);
    expect(documents[0]!.id).toMatch(/^h-[0-9a-f]{64}$/);
    expect(normalizeBlob([structuredClone(rec)], ctx).documents[0]!.id).toBe(documents[0]!.id);
  });
});
