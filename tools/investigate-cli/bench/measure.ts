// One measured piece of the benchmark, in a process of its own so its peak memory is its own:
//   measure.ts <graph|export|indicators> <store path> <events in the store>
// prints one line `RESULT <json>` (times, sizes, the physical limit measured beside them, peaks).
import Database from 'better-sqlite3';
import type { ContentType, LedgerEntry } from '@auditflow/ingestion';
import { analyseNewEvents, graphHandler, loadGraph, type InvestigateDeps } from '@auditflow/ingest-func';
import { exportGraph, GRAPH_LIMITS, resolveGraphQuery } from '@auditflow/investigation';
import { openSqliteStore, type AuditStore, type EventStore } from '@auditflow/storage';
import { CYCLE_EVENTS, documents, START_MS, STEP_MS, TENANT, userOf } from './event-generator';
import type { ExportResult, GraphResult, IndicatorResult } from './bench-results';
import { PeakMemory } from './peak-memory';

const GRAPH_RUNS = 15;
const DAY = 86_400_000;
const CONTENT_TYPES: ContentType[] = ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint'];
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const t = process.hrtime.bigint();
  const value = await run();
  return { value, ms: Number(process.hrtime.bigint() - t) / 1e6 };
}

/** The store's reads, with a memory sample at every page and, optionally, the ids it returned. */
function observed(events: EventStore, memory: PeakMemory, ids?: Set<string>): EventStore {
  return new Proxy(events, {
    get(target, prop, receiver) {
      if (prop !== 'pageEvents') return Reflect.get(target, prop, receiver);
      return async (...args: Parameters<EventStore['pageEvents']>) => {
        const page = await target.pageEvents(...args);
        memory.sample();
        if (ids) for (const e of page.events) ids.add(e.id);
        return page;
      };
    },
  });
}

async function graph(store: AuditStore, bare: Database.Database, count: number, memory: PeakMemory): Promise<GraphResult> {
  const nowMs = START_MS + count * STEP_MS;
  const deps: InvestigateDeps = { store, tenantId: TENANT, now: new Date(nowMs), contentTypes: CONTENT_TYPES };
  const from = new Date(nowMs - 7 * DAY).toISOString();
  const to = new Date(nowMs).toISOString();
  const ids = new Set<string>();
  const params = new URLSearchParams({ center: `user:${userOf(7)}`, hops: '2', from, to, maxNodes: '2000', maxEdges: '10000' });
  const times: number[] = [];
  let shape = { nodes: 0, edges: 0 };
  memory.start();
  for (let i = 0; i < GRAPH_RUNS; i++) {
    const run = { ...deps, store: { ...store, events: observed(store.events, memory, i === 0 ? ids : undefined) } as AuditStore };
    const r = await timed(() => graphHandler(params, run));
    times.push(r.ms);
    const body = (r.value as { json: { nodes: unknown[]; edges: unknown[] } }).json;
    shape = { nodes: body.nodes.length, edges: body.edges.length };
  }
  const peak = memory.stop();
  // The physical limit: the same rows by the same indexes, parsed, and nothing else.
  const byId = bare.prepare('SELECT raw FROM events WHERE tenant_id = ? AND id = ?');
  const bareTimes: number[] = [];
  for (let i = 0; i < GRAPH_RUNS; i++) {
    const r = await timed(() => {
      for (const id of ids) JSON.parse((byId.get(TENANT, id) as { raw: string }).raw);
    });
    bareTimes.push(r.ms);
  }
  return { times, bareTimes, rows: ids.size, ...shape, peak };
}

async function fullExport(store: AuditStore, bare: Database.Database, count: number, memory: PeakMemory): Promise<ExportResult> {
  const to = new Date(START_MS + count * STEP_MS + DAY).toISOString();
  memory.start();
  const full = await timed(async () => {
    const q = { ...resolveGraphQuery({ maxNodes: GRAPH_LIMITS.maxNodes, maxEdges: GRAPH_LIMITS.maxEdges, maxEvidence: 5 }), from: new Date(START_MS).toISOString(), to };
    const events = observed(store.events, memory);
    const limits = { maxEvents: Number.MAX_SAFE_INTEGER, maxEntitiesPerHop: 1, maxEventsPerEntity: Number.MAX_SAFE_INTEGER };
    const { graph: g, scanned } = await loadGraph(events, { tenantId: TENANT, tenantDomains: ['contoso.example'] }, q, limits);
    const [file] = exportGraph(g, 'graphml');
    // What the aggregation held before the caps cut it: the export's memory follows these.
    const held = { nodes: g.nodes.length + g.truncated.nodes, edges: g.edges.length + g.truncated.edges };
    return { events: scanned.events, nodes: g.nodes.length, edges: g.edges.length, held, bytes: file?.content.length ?? 0 };
  });
  const peak = memory.stop();
  const scan = await timed(() => {
    let n = 0;
    for (const row of bare.prepare('SELECT raw FROM events WHERE tenant_id = ?').iterate(TENANT) as Iterable<{ raw: string }>) {
      JSON.parse(row.raw);
      n += 1;
    }
    return n;
  });
  return { ms: full.ms, ...full.value, scanMs: scan.ms, scanned: scan.value, peak };
}

/** Stores one cycle's events as the collector does: documents, then their blobs marked stored. */
async function addCycle(store: AuditStore, start: number, tag: string): Promise<void> {
  const docs = documents(start, CYCLE_EVENTS, tag);
  await store.events.upsertEvents(docs);
  const byBlob = new Map<string, { contentType: ContentType; n: number }>();
  for (const d of docs) byBlob.set(d.contentId, { contentType: d.contentType, n: (byBlob.get(d.contentId)?.n ?? 0) + 1 });
  const at = new Date(START_MS + start * STEP_MS).toISOString();
  const entries: LedgerEntry[] = [...byBlob].map(([contentId, { contentType, n }]) => ({
    tenantId: TENANT,
    contentType,
    contentId,
    contentUri: `https://manage.office.com/api/v1.0/${TENANT}/activity/feed/audit/${contentId}`,
    contentCreated: at,
    contentExpiration: new Date(Date.parse(at) + 7 * DAY).toISOString(),
    state: 'stored',
    recordCount: n,
    updatedAt: at,
  }));
  await store.checkpoints.putLedgerEntries(entries);
}

async function indicators(store: AuditStore, count: number, memory: PeakMemory): Promise<IndicatorResult> {
  const now = new Date(START_MS + (count + 2 * CYCLE_EVENTS) * STEP_MS);
  const deps = { store, now: () => now, log: silent };
  // One warm-up cycle first: baselines and tenant context exist, as in a running app.
  await addCycle(store, count, `warm-${count}`);
  await analyseNewEvents(deps, { tenantId: TENANT, contentTypes: CONTENT_TYPES });
  await addCycle(store, count + CYCLE_EVENTS, `cycle-${count}`);
  memory.start();
  const observedDeps = { ...deps, store: { ...store, events: observed(store.events, memory) } as AuditStore };
  const cycle = await timed(() => analyseNewEvents(observedDeps, { tenantId: TENANT, contentTypes: CONTENT_TYPES }));
  const peak = memory.stop();
  return { ms: cycle.ms, events: cycle.value.events, findings: cycle.value.findings, baselineUpdates: cycle.value.baselineUpdates, peak };
}

async function main(): Promise<void> {
  const [phase, path, countText] = process.argv.slice(2);
  const count = Number(countText);
  if (!path || !Number.isInteger(count)) throw new Error('usage: measure.ts <graph|export|indicators> <store path> <events>');
  const store = openSqliteStore({ path });
  const bare = new Database(path, { readonly: true });
  const memory = new PeakMemory();
  try {
    const result =
      phase === 'graph' ? await graph(store, bare, count, memory)
      : phase === 'export' ? await fullExport(store, bare, count, memory)
      : phase === 'indicators' ? await indicators(store, count, memory)
      : undefined;
    if (result === undefined) throw new Error(`unknown phase "${phase}": graph, export or indicators`);
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    bare.close();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
