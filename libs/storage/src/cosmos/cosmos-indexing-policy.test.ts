// The events container's indexing policy (COSMOS_LAYOUT.eventsIndexingPolicy, `/*` excluded)
// against every query the adapter really sends: the queries are captured on the wire while the
// adapter runs each event read (queries, counts, id listing, every investigation page filter,
// next pages, reads by id), then each document path a query filters or orders on must be an
// included path. On a real account a filter on an excluded path fails with 400 unless the query
// enables scans (Microsoft Learn, "QueryRequestOptions.EnableScanInQuery": scans "on the queries
// which couldn't be served as indexing was opted out on the requested paths"); the test server
// indexes nothing and would not notice. The other direction keeps the policy trimmed: an
// included path no query uses (a cost on every write) fails too.
import type { IncomingMessage } from 'node:http';
import { COSMOS_LAYOUT } from '@auditflow/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditStore } from '../ports';
import { startCosmosTestServer, TEST_TENANT, testEventDocument, type CosmosTestServer } from '../testing';
import { openCosmosStore } from './open-cosmos-store';

// `id` is indexed by the service whatever the policy (Microsoft Learn, "Indexing policies in
// Azure Cosmos DB": the system properties id and _ts are always indexed in consistent mode).
const ALWAYS_INDEXED = new Set(['/id/?']);

const queries: string[] = [];
let server: CosmosTestServer;
let store: AuditStore;

const isEventsQuery = (req: IncomingMessage): boolean =>
  String(req.headers['x-ms-documentdb-isquery']).toLowerCase() === 'true' && /\/colls\/events\/docs$/.test(req.url ?? '');

beforeAll(async () => {
  server = await startCosmosTestServer({
    intercept: (req) => {
      if (isEventsQuery(req)) {
        // Listening alongside the server's own handler (attached right after, in the same tick).
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => queries.push((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string }).query));
      }
      return false;
    },
  });
  store = await openCosmosStore({
    endpoint: server.endpoint,
    databaseId: 'indexing-policy',
    key: server.key,
    agent: server.agent,
    retentionSeconds: 86_400,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const docs = Array.from({ length: 6 }, (_, i) => testEventDocument({ id: `p-${i}`, time: `2026-11-0${i + 1}T10:00:00.000Z` }));
  await store.events.upsertEvents(docs);
});
afterAll(async () => {
  await store.close();
  await server.close();
});

/** The document paths a query filters or orders on (its WHERE and ORDER BY, not what it selects), as policy paths. */
export function filteredPaths(query: string): string[] {
  const from = query.search(/\bFROM c\b/i);
  const tail = from < 0 ? query : query.slice(from);
  return [...new Set([...tail.matchAll(/\bc((?:\.[A-Za-z_]\w*)+)/g)].map((m) => `${m[1]!.replaceAll('.', '/')}/?`))].sort();
}

describe('the events indexing policy against the queries on the wire', () => {
  const from = '2026-11-01T00:00:00.000Z';
  const to = '2026-11-08T00:00:00.000Z';
  const tenantId = TEST_TENANT;

  it('includes every path a query filters or orders on, and no path that none does', async () => {
    const { events } = store;
    await events.queryEvents({ tenantId, from, to });
    await events.queryEvents({ tenantId, userId: 'alice@contoso.example', from, to });
    await events.queryEvents({ tenantId, operation: 'FileAccessed', contentType: 'Audit.SharePoint' });
    await events.countEvents({ tenantId, contentType: 'Audit.SharePoint' });
    for await (const id of events.listEventIds(tenantId, 'Audit.SharePoint')) expect(id).toMatch(/^p-/);
    await events.getEvents(tenantId, ['p-1', 'p-2']);
    await events.pageEvents({ tenantId, userId: 'Alice@contoso.example', from, to });
    await events.pageEvents({ tenantId, ip: '203.0.113.7', objectId: 'x', contentId: 'blob-1' });
    await events.pageEvents({ tenantId, operations: ['FileAccessed'], workloads: ['SharePoint'], contentTypes: ['Audit.SharePoint'], results: ['Succeeded'] });
    const first = await events.pageEvents({ tenantId, from, to, limit: 2, order: 'desc' });
    expect(first.continuationToken).toBeDefined();
    await events.pageEvents({ tenantId, from, to, limit: 2, order: 'desc', continuationToken: first.continuationToken! });

    expect(queries.length).toBeGreaterThanOrEqual(10);
    const included = new Set(COSMOS_LAYOUT.eventsIndexingPolicy.includedPaths.map((p) => p.path));
    const used = new Set(queries.flatMap(filteredPaths));
    const missing = [...used].filter((p) => !included.has(p) && !ALWAYS_INDEXED.has(p));
    expect(missing, `paths filtered on but excluded from indexing, in: ${queries.join('\n')}`).toEqual([]);
    expect([...included].filter((p) => !used.has(p)), 'included paths no query uses').toEqual([]);
    expect(COSMOS_LAYOUT.eventsIndexingPolicy.excludedPaths).toEqual([{ path: '/*' }]);
  });

  it('reads the paths of a query from its WHERE and ORDER BY only', () => {
    expect(filteredPaths('SELECT c.id, c.raw FROM c WHERE c.tenantId = @t AND LOWER(c.actor.userId) = @u ORDER BY c.time DESC')).toEqual([
      '/actor/userId/?',
      '/tenantId/?',
      '/time/?',
    ]);
  });
});
