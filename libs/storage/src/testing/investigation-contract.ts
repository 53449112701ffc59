// The behaviour every adapter's investigation reads and stores must show (SQLite and Cosmos DB
// run the same suite). The factory returns a fresh, empty store for each test.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDocument } from '@auditflow/ingestion';
import type { EventPageQuery, StoredFinding } from '../investigation-ports';
import type { AuditStore } from '../ports';
import { TEST_TENANT, testEventDocument } from './test-documents';

const OTHER_TENANT = '00000000-1111-2222-3333-444444444444';
const at = (minute: number): string => new Date(Date.UTC(2026, 10, 20, 10, minute, 0)).toISOString();

function event(id: string, minute: number, over: { userId?: string; ip?: string; operation?: string; tenantId?: string; contentId?: string } = {}): EventDocument {
  const base = testEventDocument({
    id,
    time: at(minute),
    ...(over.userId === undefined ? {} : { userId: over.userId }),
    ...(over.operation === undefined ? {} : { operation: over.operation }),
    ...(over.tenantId === undefined ? {} : { tenantId: over.tenantId }),
    ...(over.contentId === undefined ? {} : { contentId: over.contentId }),
  });
  return over.ip === undefined ? base : { ...base, actor: { ...base.actor, ip: over.ip } };
}

function finding(id: string, over: Partial<StoredFinding> = {}): StoredFinding {
  return {
    id,
    tenantId: TEST_TENANT,
    indicator: 'password-spray',
    title: `finding ${id}`,
    severity: 'high',
    entities: [{ kind: 'ip', id: 'ip:198.51.100.9' }],
    start: at(0),
    end: at(5),
    evidenceIds: ['e1', 'e2'],
    evidenceTotal: 2,
    source: 'test rule',
    details: { n: 1 },
    ...over,
  };
}

async function allPages(store: AuditStore, query: EventPageQuery): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await store.events.pageEvents({ ...query, ...(token === undefined ? {} : { continuationToken: token }) });
    ids.push(...page.events.map((e) => e.id));
    token = page.continuationToken;
    pages += 1;
  } while (token !== undefined && pages < 100);
  return { ids, pages };
}

export function describeInvestigationStoreContract(name: string, factory: () => Promise<AuditStore>): void {
  describe(`investigation reads and stores: ${name}`, () => {
    let store: AuditStore | undefined;
    const open = async (): Promise<AuditStore> => (store = await factory());
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    it('pages events by user, IP, object, operation and time, only of the tenant asked', async () => {
      const s = await open();
      await s.events.upsertEvents([
        event('a1', 1, { userId: 'alice@contoso.example', ip: '198.51.100.9', operation: 'FileDownloaded' }),
        event('a2', 2, { userId: 'alice@contoso.example', operation: 'FileAccessed' }),
        event('b1', 3, { userId: 'bob@contoso.example', ip: '198.51.100.9', operation: 'UserLoginFailed' }),
        event('x1', 1, { userId: 'alice@contoso.example', ip: '198.51.100.9', tenantId: OTHER_TENANT }),
      ]);
      const ids = async (q: Omit<EventPageQuery, 'tenantId'>) => (await s.events.pageEvents({ tenantId: TEST_TENANT, ...q })).events.map((e) => e.id);
      expect(await ids({ userId: 'alice@contoso.example', from: at(0), to: at(10) })).toEqual(['a1', 'a2']);
      expect(await ids({ userId: 'alice@contoso.example' })).toEqual(['a1', 'a2']);
      expect(await ids({ userId: 'Alice@Contoso.Example', from: at(0), to: at(10) })).toEqual(['a1', 'a2']);
      expect(await ids({ ip: '198.51.100.9' })).toEqual(['a1', 'b1']);
      expect(await ids({ objectId: 'https://contoso.sharepoint.com/sites/x/A2.docx' })).toEqual(['a2']);
      expect(await ids({ operations: ['FileDownloaded', 'UserLoginFailed'] })).toEqual(['a1', 'b1']);
      expect(await ids({ from: at(2), to: at(3) })).toEqual(['a2']);
      expect(await ids({ contentTypes: ['Audit.Exchange'] })).toEqual([]);
      expect(await ids({ workloads: ['SharePoint'], results: ['Succeeded'], order: 'desc' })).toEqual(['b1', 'a2', 'a1']);
    });

    it('pages through ties at one timestamp without losing or repeating an event, both ways', async () => {
      const s = await open();
      const docs = Array.from({ length: 23 }, (_, i) => event(`t${String(i).padStart(2, '0')}`, i < 17 ? 7 : 8));
      await s.events.upsertEvents(docs);
      for (const order of ['asc', 'desc'] as const) {
        const { ids, pages } = await allPages(s, { tenantId: TEST_TENANT, limit: 5, order });
        expect(ids).toHaveLength(23);
        expect(new Set(ids).size).toBe(23);
        expect(pages).toBe(5);
      }
      const { ids } = await allPages(s, { tenantId: TEST_TENANT, userId: 'alice@contoso.example', from: at(0), to: at(60), limit: 4 });
      expect(ids.sort()).toEqual(docs.map((d) => d.id).sort());
    });

    it('refuses a token of another query and a token it never issued', async () => {
      const s = await open();
      await s.events.upsertEvents([event('p1', 1), event('p2', 2), event('p3', 3)]);
      const first = await s.events.pageEvents({ tenantId: TEST_TENANT, limit: 1 });
      expect(first.continuationToken).toBeDefined();
      const token = first.continuationToken as string;
      await expect(s.events.pageEvents({ tenantId: OTHER_TENANT, limit: 1, continuationToken: token })).rejects.toMatchObject({ code: 'InvalidContinuationToken' });
      await expect(s.events.pageEvents({ tenantId: TEST_TENANT, ip: '1.2.3.4', continuationToken: token })).rejects.toMatchObject({ code: 'InvalidContinuationToken' });
      await expect(s.events.pageEvents({ tenantId: TEST_TENANT, continuationToken: 'bm90LWEtdG9rZW4' })).rejects.toMatchObject({ code: 'InvalidContinuationToken' });
      await expect(s.events.pageEvents({ tenantId: TEST_TENANT, limit: 0 })).rejects.toMatchObject({ code: 'InvalidQuery' });
      await expect(s.events.pageEvents({ tenantId: TEST_TENANT, operations: [] })).rejects.toMatchObject({ code: 'InvalidQuery' });
      // The same query with another page size may go on.
      const second = await s.events.pageEvents({ tenantId: TEST_TENANT, limit: 5, continuationToken: token });
      expect(second.events.map((e) => e.id)).toEqual(['p2', 'p3']);
    });

    it('leaves the raw record out of pages unless asked, and reads it by id', async () => {
      const s = await open();
      const doc = event('r1', 1, { contentId: 'blob-r' });
      await s.events.upsertEvents([doc, event('r2', 2, { tenantId: OTHER_TENANT })]);
      const [lean] = (await s.events.pageEvents({ tenantId: TEST_TENANT })).events;
      expect(lean).toEqual({ ...doc, raw: {} });
      const [full] = (await s.events.pageEvents({ tenantId: TEST_TENANT, includeRaw: true, contentId: 'blob-r' })).events;
      expect(full).toEqual(doc);
      expect(await s.events.getEvents(TEST_TENANT, ['r1', 'nope', 'r2', 'r1'])).toEqual([doc]);
    });

    it('stores findings once per id, keeps when they were first detected, and filters them', async () => {
      const s = await open();
      const inv = s.investigation;
      await inv.putFindings([finding('f1'), finding('f2', { severity: 'low', indicator: 'oauth-consent', entities: [{ kind: 'user', id: 'user:bob@contoso.example' }], start: at(20), end: at(30) })], at(40));
      await inv.putFindings([finding('f1', { evidenceTotal: 9 }), finding('f9', { tenantId: OTHER_TENANT })], at(50));
      const f1 = await inv.getFinding(TEST_TENANT, 'f1');
      expect(f1).toMatchObject({ evidenceTotal: 9, firstDetectedAt: at(40), updatedAt: at(50) });
      expect(await inv.getFinding(TEST_TENANT, 'f9')).toBeUndefined();
      const ids = async (q: object) => (await inv.queryFindings({ tenantId: TEST_TENANT, ...q })).findings.map((f) => f.id);
      expect(await ids({})).toEqual(['f2', 'f1']);
      expect(await ids({ severities: ['high'] })).toEqual(['f1']);
      expect(await ids({ indicators: ['oauth-consent'] })).toEqual(['f2']);
      expect(await ids({ entity: 'user:bob@contoso.example' })).toEqual(['f2']);
      expect(await ids({ entity: 'ip:198.51.100.9' })).toEqual(['f1']);
      expect(await ids({ from: at(10), to: at(60) })).toEqual(['f2']);
      expect(await ids({ from: at(5), to: at(21) })).toEqual(['f2', 'f1']);
    });

    it('pages findings newest first', async () => {
      const s = await open();
      await s.investigation.putFindings(Array.from({ length: 7 }, (_, i) => finding(`g${i}`, { end: at(i < 4 ? 9 : i) })), at(59));
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await s.investigation.queryFindings({ tenantId: TEST_TENANT, limit: 2, ...(token ? { continuationToken: token } : {}) });
        seen.push(...page.findings.map((f) => f.id));
        token = page.continuationToken;
      } while (token !== undefined);
      expect(seen).toEqual(['g3', 'g2', 'g1', 'g0', 'g6', 'g5', 'g4']);
    });

    it('keeps baselines, analysed blobs and reference data per tenant', async () => {
      const s = await open();
      const inv = s.investigation;
      const entry = { tenantId: TEST_TENANT, kind: 'user-country', subject: 'alice@contoso.example', value: 'FR', firstSeen: at(1), lastSeen: at(2), count: 2 };
      const second = { ...entry, value: 'DE', lastSeen: at(9) };
      const long = { ...entry, kind: 'download-bucket', subject: `alice|${'x'.repeat(400)}`, value: `/${'y'.repeat(300)}` };
      await inv.putBaselines([entry, second, long, { ...entry, tenantId: OTHER_TENANT, count: 99 }, { ...entry, subject: 'bob@contoso.example' }]);
      await inv.putBaselines([{ ...entry, lastSeen: at(3), count: 3 }]);
      const got = await inv.getBaselines(TEST_TENANT, [
        { kind: 'user-country', subject: 'alice@contoso.example' },
        { kind: 'user-country', subject: 'nobody' },
        { kind: 'download-bucket', subject: long.subject },
      ]);
      const order = (xs: typeof got) => [...xs].sort((a, b) => `${a.kind}${a.value}`.localeCompare(`${b.kind}${b.value}`));
      expect(order(got)).toEqual(order([long, second, { ...entry, lastSeen: at(3), count: 3 }]));
      // Entries last seen before the cut go (the other tenant's stay).
      await inv.markAnalysed(TEST_TENANT, 'Audit.General', ['old'], at(1));
      expect(await inv.purgeInvestigation(TEST_TENANT, at(4))).toBe(4);
      const left = await inv.getBaselines(TEST_TENANT, [{ kind: 'user-country', subject: 'alice@contoso.example' }]);
      expect(left.map((e) => e.value)).toEqual(['DE']);
      expect((await inv.analysedBlobs(TEST_TENANT, 'Audit.General', ['old'])).size).toBe(0);
      expect(await inv.getBaselines(OTHER_TENANT, [{ kind: 'user-country', subject: 'alice@contoso.example' }])).toHaveLength(1);

      await inv.markAnalysed(TEST_TENANT, 'Audit.Exchange', ['b1', 'b2'], at(5));
      expect([...(await inv.analysedBlobs(TEST_TENANT, 'Audit.Exchange', ['b1', 'b3', 'b2']))].sort()).toEqual(['b1', 'b2']);
      expect((await inv.analysedBlobs(TEST_TENANT, 'Audit.SharePoint', ['b1'])).size).toBe(0);
      expect((await inv.analysedBlobs(OTHER_TENANT, 'Audit.Exchange', ['b1'])).size).toBe(0);

      const types = [{ id: 'g-1', name: 'Credit Card Number' }];
      await inv.putReference({ tenantId: TEST_TENANT, name: 'dlpSensitiveTypes', fetchedAt: at(6), value: types });
      expect(await inv.getReference(TEST_TENANT, 'dlpSensitiveTypes')).toEqual({ tenantId: TEST_TENANT, name: 'dlpSensitiveTypes', fetchedAt: at(6), value: types });
      expect(await inv.getReference(OTHER_TENANT, 'dlpSensitiveTypes')).toBeUndefined();
    });
  });
}
