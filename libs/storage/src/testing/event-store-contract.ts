// The behaviour every EventStore adapter must show. Run it from an adapter's test file with a
// factory that returns a fresh, empty store for each test.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDocument } from '@auditflow/ingestion';
import type { EventStore } from '../ports';
import { TEST_TENANT, testEventDocument } from './test-documents';

export interface EventStoreContractOptions {
  /** True when purgeExpired deletes expired documents itself (SQLite); false when the backend's TTL does (Cosmos). */
  readonly purgesExpired: boolean;
}

const OTHER_TENANT = '00000000-1111-2222-3333-444444444444';

function day(n: number, hour = 12): string {
  return new Date(Date.UTC(2026, 10, n, hour, 0, 0)).toISOString();
}

async function collect(ids: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const id of ids) out.push(id);
  return out.sort();
}

export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStore>,
  options: EventStoreContractOptions,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore | undefined;
    const open = async (): Promise<EventStore> => (store = await factory());
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    it('stores a document and reads it back unchanged', async () => {
      const events = await open();
      const doc = testEventDocument({ id: 'rt-1', time: day(3), ttl: 3600 });
      expect(await events.upsertEvents([doc])).toEqual({ written: 1, duplicates: 0 });
      const [read] = await events.queryEvents({ tenantId: TEST_TENANT });
      expect(read).toEqual(doc);
    });

    it('storing the same blob twice leaves one document per record', async () => {
      const events = await open();
      const blob = [1, 2, 3].map((i) => testEventDocument({ id: `b-${i}`, time: day(i), contentId: 'blob-A' }));
      expect(await events.upsertEvents(blob)).toEqual({ written: 3, duplicates: 0 });
      expect(await events.upsertEvents(blob)).toEqual({ written: 0, duplicates: 3 });
      expect(await events.countEvents({ tenantId: TEST_TENANT })).toBe(3);
      expect(await collect(events.listEventIds(TEST_TENANT))).toEqual(['b-1', 'b-2', 'b-3']);
    });

    it('the same record in two blobs (and twice in one batch) is one document, from the first blob', async () => {
      const events = await open();
      const first = testEventDocument({ id: 'same', time: day(4), contentId: 'blob-1' });
      const again = testEventDocument({ id: 'same', time: day(4), contentId: 'blob-2' });
      expect(await events.upsertEvents([first, first])).toEqual({ written: 1, duplicates: 1 });
      expect(await events.upsertEvents([again])).toEqual({ written: 0, duplicates: 1 });
      const docs = await events.queryEvents({ tenantId: TEST_TENANT });
      expect(docs).toHaveLength(1);
      expect(docs[0]?.contentId).toBe('blob-1');
    });

    describe('event identity is (tenant, record id)', () => {
      const pair = (): EventDocument[] => [
        testEventDocument({ id: 'shared-id', time: day(6), contentId: 'blob-T1' }),
        testEventDocument({ id: 'shared-id', time: day(6), contentId: 'blob-T2', tenantId: OTHER_TENANT }),
      ];
      const contentIds = async (events: EventStore, tenantId: string): Promise<string[]> =>
        (await events.queryEvents({ tenantId })).map((d) => `${d.tenantId}/${d.id}/${d.contentId}`);

      it('two tenants with the same record Id both store, in separate calls', async () => {
        const events = await open();
        const [mine, theirs] = pair() as [EventDocument, EventDocument];
        expect(await events.upsertEvents([mine])).toEqual({ written: 1, duplicates: 0 });
        expect(await events.upsertEvents([theirs])).toEqual({ written: 1, duplicates: 0 });
        expect(await events.upsertEvents([theirs])).toEqual({ written: 0, duplicates: 1 });
        expect(await contentIds(events, TEST_TENANT)).toEqual([`${TEST_TENANT}/shared-id/blob-T1`]);
        expect(await contentIds(events, OTHER_TENANT)).toEqual([`${OTHER_TENANT}/shared-id/blob-T2`]);
        expect(await collect(events.listEventIds(OTHER_TENANT))).toEqual(['shared-id']);
        expect(await events.countEvents({ tenantId: TEST_TENANT })).toBe(1);
      });

      it('two tenants with the same record Id both store, in one batch', async () => {
        const events = await open();
        expect(await events.upsertEvents(pair())).toEqual({ written: 2, duplicates: 0 });
        expect(await contentIds(events, TEST_TENANT)).toEqual([`${TEST_TENANT}/shared-id/blob-T1`]);
        expect(await contentIds(events, OTHER_TENANT)).toEqual([`${OTHER_TENANT}/shared-id/blob-T2`]);
      });
    });

    it('writes a large batch across many partitions completely', async () => {
      const events = await open();
      const docs: EventDocument[] = [];
      for (let i = 0; i < 1_200; i++) {
        docs.push(testEventDocument({ id: `big-${String(i).padStart(5, '0')}`, time: day(1 + (i % 20)), userId: `user${i % 37}@contoso.example` }));
      }
      expect(await events.upsertEvents(docs)).toEqual({ written: 1_200, duplicates: 0 });
      expect(await events.countEvents({ tenantId: TEST_TENANT })).toBe(1_200);
      expect(await events.upsertEvents([])).toEqual({ written: 0, duplicates: 0 });
    });

    describe('queries', () => {
      const seed = (): EventDocument[] => [
        testEventDocument({ id: 'q1', time: day(1), userId: 'alice@contoso.example', operation: 'FileAccessed' }),
        testEventDocument({ id: 'q2', time: day(2), userId: 'bob@contoso.example', operation: 'FileDeleted' }),
        testEventDocument({ id: 'q3', time: day(3), userId: 'alice@contoso.example', operation: 'FileDeleted' }),
        testEventDocument({ id: 'q4', time: day(4), userId: 'alice@contoso.example', operation: 'UserLoggedIn', contentType: 'Audit.AzureActiveDirectory' }),
        testEventDocument({ id: 'q5', time: day(5), userId: null, operation: 'MailItemsAccessed', contentType: 'Audit.Exchange' }),
        testEventDocument({ id: 'q6', time: day(3, 13), userId: 'alice@contoso.example', tenantId: OTHER_TENANT }),
      ];
      const ids = (docs: EventDocument[]): string[] => docs.map((d) => d.id);

      it('by time range: from inclusive, to exclusive, ordered by time, limited', async () => {
        const events = await open();
        await events.upsertEvents(seed());
        expect(ids(await events.queryEvents({ tenantId: TEST_TENANT, from: day(2), to: day(4) }))).toEqual(['q2', 'q3']);
        expect(ids(await events.queryEvents({ tenantId: TEST_TENANT, from: day(3) }))).toEqual(['q3', 'q4', 'q5']);
        expect(ids(await events.queryEvents({ tenantId: TEST_TENANT, to: day(2, 13) }))).toEqual(['q1', 'q2']);
        expect(ids(await events.queryEvents({ tenantId: TEST_TENANT, limit: 2 }))).toEqual(['q1', 'q2']);
        expect(await events.countEvents({ tenantId: TEST_TENANT, from: day(2), to: day(4) })).toBe(2);
      });

      it('by user, operation and content type, alone and combined, within the tenant', async () => {
        const events = await open();
        await events.upsertEvents(seed());
        const t = TEST_TENANT;
        expect(ids(await events.queryEvents({ tenantId: t, userId: 'alice@contoso.example' }))).toEqual(['q1', 'q3', 'q4']);
        expect(ids(await events.queryEvents({ tenantId: t, userId: 'alice@contoso.example', from: day(2), to: day(4) }))).toEqual(['q3']);
        // One user over one day: a single partition key (Cosmos routes the query to it alone).
        expect(ids(await events.queryEvents({ tenantId: t, userId: 'alice@contoso.example', from: day(3, 0), to: day(4, 0) }))).toEqual(['q3']);
        expect(await events.countEvents({ tenantId: t, userId: 'alice@contoso.example', from: day(1, 0), to: day(5, 0) })).toBe(3);
        expect(ids(await events.queryEvents({ tenantId: t, operation: 'FileDeleted' }))).toEqual(['q2', 'q3']);
        expect(ids(await events.queryEvents({ tenantId: t, contentType: 'Audit.Exchange' }))).toEqual(['q5']);
        expect(ids(await events.queryEvents({ tenantId: t, contentType: 'Audit.SharePoint', operation: 'FileDeleted', userId: 'bob@contoso.example' }))).toEqual(['q2']);
        expect(ids(await events.queryEvents({ tenantId: OTHER_TENANT }))).toEqual(['q6']);
        expect(await events.queryEvents({ tenantId: t, userId: 'nobody@contoso.example' })).toEqual([]);
      });

      it('counts and lists ids with the same filters', async () => {
        const events = await open();
        await events.upsertEvents(seed());
        expect(await events.countEvents({ tenantId: TEST_TENANT })).toBe(5);
        expect(await events.countEvents({ tenantId: TEST_TENANT, contentType: 'Audit.SharePoint' })).toBe(3);
        expect(await events.countEvents({ tenantId: TEST_TENANT, userId: 'alice@contoso.example', operation: 'FileDeleted' })).toBe(1);
        expect(await events.countEvents({ tenantId: OTHER_TENANT, operation: 'FileDeleted' })).toBe(0);
        expect(await collect(events.listEventIds(TEST_TENANT))).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
        expect(await collect(events.listEventIds(TEST_TENANT, 'Audit.AzureActiveDirectory'))).toEqual(['q4']);
        expect(await collect(events.listEventIds(OTHER_TENANT))).toEqual(['q6']);
      });
    });

    it('purgeExpired removes only documents past their ttl', async () => {
      const events = await open();
      await events.upsertEvents([
        testEventDocument({ id: 'short', time: day(1), ttl: 60 }),
        testEventDocument({ id: 'long', time: day(1), ttl: 86_400 }),
      ]);
      const purged = await events.purgeExpired(new Date(Date.now() + 3_600_000));
      if (options.purgesExpired) {
        expect(purged).toBe(1);
        expect(await collect(events.listEventIds(TEST_TENANT))).toEqual(['long']);
      } else {
        expect(purged).toBe(0);
      }
      expect(await events.purgeExpired(new Date())).toBe(0);
    });
  });
}
