// The investigation handlers on a real SQLite store (the wire, the function key and the routes
// are tested through the local host in tools/e2e/test/investigate-api.test.ts).
import { normalizeBlob, type LedgerEntry } from '@auditflow/ingestion';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../../test/temp-store';
import { entityHandler } from './entity-handler';
import { eventsHandler } from './events-handler';
import { findingsHandler } from './findings-handler';
import { graphHandler } from './graph-handler';
import type { HandlerResult } from './handler-result';
import { exportHandler } from './export-handler';
import { healthHandler } from './health-handler';
import { investigationHandler } from './investigations-handler';
import type { InvestigateDeps } from './investigate-deps';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const OTHER = '00000000-1111-2222-3333-444444444444';
const NOW = new Date('2026-11-25T12:00:00.000Z');

function record(id: string, user: string, ip: string, operation: string, minute: number, extra: object = {}) {
  return {
    Id: id,
    CreationTime: `2026-11-25T08:${String(minute).padStart(2, '0')}:00`,
    Operation: operation,
    OrganizationId: TENANT,
    RecordType: 6,
    UserKey: 'k',
    UserType: 0,
    Workload: 'SharePoint',
    ClientIP: ip,
    ObjectId: `https://contoso.sharepoint.com/sites/x/doc-${minute % 3}.docx`,
    UserId: user,
    ...extra,
  };
}

let temp: TempStore;
let deps: InvestigateDeps;
const json = (r: HandlerResult) => (r as { json: Record<string, unknown> }).json;
const q = (s: string) => new URLSearchParams(s);

beforeAll(async () => {
  temp = openTempStore();
  const records = [
    ...Array.from({ length: 12 }, (_, i) => record(`a${i}`, 'Alice@Contoso.com', '203.0.113.7', 'FileDownloaded', i)),
    ...Array.from({ length: 4 }, (_, i) => record(`b${i}`, 'bob@contoso.com', '203.0.113.7', 'FileAccessed', 20 + i)),
    record('c0', 'carol@contoso.com', '198.51.100.1', 'FileAccessed', 30, { ObjectId: 'https://contoso.sharepoint.com/sites/y/other.docx' }),
  ];
  const { documents } = normalizeBlob(records, { tenantId: TENANT, contentType: 'Audit.SharePoint', contentId: 'blob-1', retentionDays: 90 });
  await temp.store.events.upsertEvents(documents);
  const other = normalizeBlob([record('x0', 'alice@contoso.com', '203.0.113.7', 'FileDownloaded', 1, { OrganizationId: OTHER })], {
    tenantId: OTHER,
    contentType: 'Audit.SharePoint',
    contentId: 'blob-x',
    retentionDays: 90,
  });
  await temp.store.events.upsertEvents(other.documents);
  const ledger: LedgerEntry = {
    tenantId: TENANT,
    contentType: 'Audit.SharePoint',
    contentId: 'blob-1',
    contentUri: 'https://manage.office.com/x',
    contentCreated: '2026-11-25T09:00:00.000Z',
    contentExpiration: '2026-12-02T09:00:00.000Z',
    state: 'stored',
    recordCount: records.length,
    updatedAt: '2026-11-25T09:05:00.000Z',
  };
  await temp.store.checkpoints.putLedgerEntries([ledger]);
  await temp.store.checkpoints.putWatermark({ tenantId: TENANT, contentType: 'Audit.SharePoint', value: '2026-11-25T10:00:00.000Z', updatedAt: NOW.toISOString() }, null);
  await temp.store.investigation.putFindings(
    [
      {
        id: 'f-1',
        tenantId: TENANT,
        indicator: 'mass-download',
        title: 'Mass download',
        severity: 'high',
        entities: [{ kind: 'user', id: 'user:alice@contoso.com' }, { kind: 'ip', id: 'ip:203.0.113.7' }],
        start: '2026-11-25T08:00:00.000Z',
        end: '2026-11-25T08:11:00.000Z',
        evidenceIds: ['a0', 'a1'],
        evidenceTotal: 12,
        source: 'elastic',
        details: {},
      },
      {
        id: 'f-2',
        tenantId: TENANT,
        indicator: 'oauth-consent',
        title: 'Consent',
        severity: 'low',
        entities: [{ kind: 'user', id: 'user:bob@contoso.com' }],
        start: '2026-11-25T08:20:00.000Z',
        end: '2026-11-25T08:20:00.000Z',
        evidenceIds: ['b0'],
        evidenceTotal: 1,
        source: 'elastic',
        details: {},
      },
    ],
    NOW.toISOString(),
  );
  deps = { store: temp.store, tenantId: TENANT, now: NOW, contentTypes: ['Audit.SharePoint', 'Audit.Exchange'] };
});
afterAll(async () => temp.dispose());

describe('GET /api/graph', () => {
  it('builds the 2-hop graph of a user from the store: her IP leads to the other users of that IP', async () => {
    const r = await graphHandler(q('center=user:alice@contoso.com&hops=2'), deps);
    expect(r.status).toBe(200);
    const body = json(r) as { nodes: { id: string; count: number }[]; edges: { kind: string; evidence: { total: number } }[]; truncated: { nodes: number } };
    const ids = body.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['user:alice@contoso.com', 'ip:203.0.113.7', 'user:bob@contoso.com']));
    expect(ids).not.toContain('user:carol@contoso.com');
    expect(body.nodes.find((n) => n.id === 'user:alice@contoso.com')?.count).toBe(12);
    const fromIp = body.edges.filter((e) => e.kind === 'from-ip');
    expect(fromIp.map((e) => e.evidence.total).sort()).toEqual([12, 4].sort());
  });

  it('keeps to 1 hop when asked, and to the time range', async () => {
    const one = json(await graphHandler(q('center=user:alice@contoso.com&hops=1'), deps)) as { nodes: { id: string }[] };
    expect(one.nodes.map((n) => n.id)).not.toContain('user:bob@contoso.com');
    const none = json(await graphHandler(q('center=user:alice@contoso.com&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z'), deps)) as { nodes: unknown[] };
    expect(none.nodes).toEqual([]);
  });

  it('answers 400 naming every bad parameter', async () => {
    const r = await graphHandler(q('center=alice&hops=9&from=yesterday&contentTypes=Audit.Nope&maxNodes=0&colour=red'), deps);
    expect(r.status).toBe(400);
    const problems = (json(r).problems as { parameter: string }[]).map((p) => p.parameter).sort();
    expect(problems).toEqual(['center', 'colour', 'contentTypes', 'from', 'hops', 'maxNodes']);
  });
});

describe('GET /api/entities/{kind}/{id}', () => {
  it('pages a user\'s events newest first, case-insensitively, with a summary on the first page', async () => {
    const first = json(await entityHandler('user', 'ALICE@contoso.com', q('limit=5'), deps)) as {
      events: { id: string; raw: object }[];
      continuationToken: string;
      summary: { node: { count: number }; findings: { id: string }[] };
    };
    expect(first.events.map((e) => e.id)).toEqual(['a11', 'a10', 'a9', 'a8', 'a7']);
    expect(first.events[0]?.raw).toEqual({});
    expect(first.summary.node.count).toBe(12);
    expect(first.summary.findings.map((f) => f.id)).toEqual(['f-1']);
    const ids: string[] = first.events.map((e) => e.id);
    let token: string | undefined = first.continuationToken;
    while (token) {
      const page = json(await entityHandler('user', 'alice@contoso.com', q(`limit=5&continuationToken=${encodeURIComponent(token)}`), deps)) as { events: { id: string }[]; continuationToken?: string; summary?: unknown };
      expect(page.summary).toBeUndefined();
      ids.push(...page.events.map((e) => e.id));
      token = page.continuationToken;
    }
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('returns raw records on demand and never another tenant\'s', async () => {
    const r = json(await entityHandler('ip', '203.0.113.7', q('raw=true&limit=100'), deps)) as { events: { id: string; raw: { Id?: string } }[] };
    expect(r.events).toHaveLength(16);
    expect(r.events.every((e) => e.raw.Id === e.id)).toBe(true);
    const ev = json(await eventsHandler(q('ids=a0,x0,nope'), deps)) as { events: { id: string }[]; missing: string[] };
    expect(ev.events.map((e) => e.id)).toEqual(['a0']);
    expect(ev.missing).toEqual(['x0', 'nope']);
  });

  it('answers 400 for a kind without an index, a bad token and a bad range together', async () => {
    const r = await entityHandler('site', 'x', q('from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z&order=up'), deps);
    expect(r.status).toBe(400);
    expect((json(r).problems as { parameter: string }[]).map((p) => p.parameter).sort()).toEqual(['from', 'kind', 'order']);
    const token = await entityHandler('user', 'alice@contoso.com', q('continuationToken=bm9wZQ'), deps);
    expect(token.status).toBe(400);
    expect(JSON.stringify(json(token))).toContain('continuationToken');
  });
});

describe('GET /api/findings', () => {
  it('lists stored findings newest first with links, filtered', async () => {
    const all = json(await findingsHandler(q(''), deps)) as { findings: { id: string; links: { graph: string } }[] };
    expect(all.findings.map((f) => f.id)).toEqual(['f-2', 'f-1']);
    expect(all.findings[1]?.links.graph).toContain('center=user%3Aalice%40contoso.com');
    const high = json(await findingsHandler(q('severity=high'), deps)) as { findings: { id: string }[] };
    expect(high.findings.map((f) => f.id)).toEqual(['f-1']);
    const byIp = json(await findingsHandler(q('entity=ip:203.0.113.7'), deps)) as { findings: { id: string }[] };
    expect(byIp.findings.map((f) => f.id)).toEqual(['f-1']);
    const paged = json(await findingsHandler(q('limit=1'), deps)) as { continuationToken: string };
    const next = json(await findingsHandler(q(`limit=1&continuationToken=${paged.continuationToken}`), deps)) as { findings: { id: string }[] };
    expect(next.findings.map((f) => f.id)).toEqual(['f-1']);
  });

  it('answers 400 naming an unknown severity and indicator', async () => {
    const r = await findingsHandler(q('severity=critical&indicator=nope&limit=x'), deps);
    expect(r.status).toBe(400);
    expect((json(r).problems as { parameter: string }[]).map((p) => p.parameter).sort()).toEqual(['indicator', 'limit', 'severity']);
  });
});

describe('GET /api/health', () => {
  it('reports per content type the newest event, the watermark lag, the blobs and a verdict', async () => {
    const r = json(await healthHandler(q('behindHours=1'), deps)) as { verdict: string; contentTypes: Record<string, unknown>[] };
    expect(r.verdict).toBe('behind');
    expect(r.contentTypes[0]).toMatchObject({
      contentType: 'Audit.SharePoint',
      newestEventTime: '2026-11-25T08:30:00.000Z',
      watermark: '2026-11-25T10:00:00.000Z',
      watermarkLagInSeconds: 7200,
      blobs: { listed: 0, stored: 1, lost: 0, quarantined: 0 },
      verdict: 'behind',
    });
    expect(r.contentTypes[1]).toMatchObject({ contentType: 'Audit.Exchange', verdict: 'never-collected', newestEventTime: null });
    const fine = json(await healthHandler(q('behindHours=3'), deps)) as { contentTypes: { verdict: string }[] };
    expect(fine.contentTypes[0]?.verdict).toBe('ok');
    expect((await healthHandler(q('behindHours=0'), deps)).status).toBe(400);
  });
});

describe('GET|POST /api/export', () => {
  const text = (r: HandlerResult) => (r as { text: string; contentType: string; headers: Record<string, string> });
  it('writes the graph as GraphML, GEXF, JSON and the two CSV files', async () => {
    const graphml = text(await exportHandler(q('format=graphml&center=user:alice@contoso.com'), undefined, deps));
    expect(graphml.contentType).toContain('graphml');
    expect(graphml.text).toContain('<graphml');
    expect(graphml.text).toContain('alice@contoso.com');
    expect(graphml.headers['content-disposition']).toBe('attachment; filename="graph.graphml"');
    expect(text(await exportHandler(q('format=gexf&center=user:alice@contoso.com'), undefined, deps)).text).toContain('<gexf');
    const nodes = text(await exportHandler(q('format=csv&file=nodes&center=user:alice@contoso.com'), undefined, deps));
    expect(nodes.text.split('\n')[0]).toMatch(/^Id,Label,Kind/);
    expect(nodes.text).toContain('ip:203.0.113.7');
    expect(JSON.parse(text(await exportHandler(q('format=json&center=user:alice@contoso.com'), undefined, deps)).text).nodes.length).toBeGreaterThan(1);
  });

  it('keeps only what touches a posted watch list, and names a bad one', async () => {
    const r = text(await exportHandler(q('format=json&hops=1'), 'UserId\ncarol@contoso.com\n', deps));
    const ids = (JSON.parse(r.text) as { nodes: { id: string }[] }).nodes.map((n) => n.id);
    expect(ids).toContain('user:carol@contoso.com');
    expect(ids).not.toContain('user:alice@contoso.com');
    const bad = await exportHandler(q('format=csv'), 'not an account, at all', deps);
    expect(bad.status).toBe(400);
    expect((json(bad).problems as { parameter: string }[]).map((p) => p.parameter).sort()).toEqual(['body', 'file']);
    expect((await exportHandler(q(''), undefined, deps)).status).toBe(400);
  });
});

describe('GET /api/investigations/{name}', () => {
  it('runs a named investigation over the store and refuses an unknown one', async () => {
    const r = await investigationHandler('a', q('from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z'), deps);
    expect(r.status).toBe(200);
    expect(json(r)).toMatchObject({ name: 'a', loaded: { events: 0, truncated: false }, graph: { nodes: [] } });
    const bad = await investigationHandler('z', q('maxEvents=0'), deps);
    expect((json(bad).problems as { parameter: string }[]).map((p) => p.parameter).sort()).toEqual(['maxEvents', 'name']);
  });
});
