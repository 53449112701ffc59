// Benchmark of issue 11 section 6, on one SQLite store grown from 100,000 to 1,000,000 events in
// the same run. At each size: the 2-hop graph of one user over 7 days (p50/p95) beside the bare
// indexed SQL reads of the same rows (the limit: what the store needs to hand those rows over);
// all indicators incrementally for one cycle's new events; a full export (GraphML of every event)
// beside a bare scan of every raw record; and peak RSS of each, which should stay flat as the
// store grows (reads are paged; a graph holds entities, not events).
// Run: npm run bench (nx investigate-cli:bench) or, alone, npx nx run investigate-cli:bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ContentType, LedgerEntry } from '@auditflow/ingestion';
import { analyseNewEvents, graphHandler, loadGraph, type InvestigateDeps } from '@auditflow/ingest-func';
import { exportGraph, GRAPH_LIMITS, resolveGraphQuery } from '@auditflow/investigation';
import { openSqliteStore, type AuditStore, type EventStore } from '@auditflow/storage';
import { documents, START_MS, STEP_MS, TENANT, userOf } from './event-generator';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const GRAPH_RUNS = 15;
const CYCLE_EVENTS = 2_000;
const INSERT_BATCH = 5_000;
const DAY = 86_400_000;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

class PeakRss {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;
  start(): void {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, process.memoryUsage().rss)), 20);
  }
  stop(): number {
    clearInterval(this.timer);
    return Math.max(this.peak, process.memoryUsage().rss);
  }
}
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MiB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}
async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const t = process.hrtime.bigint();
  const value = await run();
  return { value, ms: Number(process.hrtime.bigint() - t) / 1e6 };
}

/** Records every event id a read returned: the rows the bare SQL must fetch too. */
function recording(events: EventStore, ids: Set<string>): EventStore {
  return new Proxy(events, {
    get(target, prop, receiver) {
      if (prop !== 'pageEvents') return Reflect.get(target, prop, receiver);
      return async (...args: Parameters<EventStore['pageEvents']>) => {
        const page = await target.pageEvents(...args);
        for (const e of page.events) ids.add(e.id);
        return page;
      };
    },
  });
}

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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'auditflow-investigate-bench-'));
  const path = join(dir, 'auditflow.db');
  const store = openSqliteStore({ path });
  const bare = new Database(path, { readonly: true });
  let count = 0;
  const rows: string[][] = [];
  try {
    for (const size of SIZES) {
      const grow = await timed(async () => {
        while (count < size) {
          const n = Math.min(INSERT_BATCH, size - count);
          await store.events.upsertEvents(documents(count, n, `bulk-${count}`));
          count += n;
        }
      });
      console.log(`store at ${count.toLocaleString('en-US')} events (grew in ${(grow.ms / 1000).toFixed(0)} s)`);
      const nowMs = START_MS + count * STEP_MS;
      const now = new Date(nowMs);
      const deps: InvestigateDeps = { store, tenantId: TENANT, now, contentTypes: ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint'] };
      const from = new Date(nowMs - 7 * DAY).toISOString();
      const to = now.toISOString();
      const center = `user:${userOf(7)}`;

      // 1. The 2-hop graph of one user over 7 days, and the bare reads of the same rows.
      const ids = new Set<string>();
      const recDeps = { ...deps, store: { ...store, events: recording(store.events, ids) } as AuditStore };
      const graphTimes: number[] = [];
      const rss = new PeakRss();
      rss.start();
      let nodes = 0;
      let edges = 0;
      for (let i = 0; i < GRAPH_RUNS; i++) {
        const r = await timed(() => graphHandler(new URLSearchParams({ center, hops: '2', from, to, maxNodes: '2000', maxEdges: '10000' }), i === 0 ? recDeps : deps));
        graphTimes.push(r.ms);
        const body = (r.value as { json: { nodes: unknown[]; edges: unknown[] } }).json;
        nodes = body.nodes.length;
        edges = body.edges.length;
      }
      const graphPeak = rss.stop();
      const byId = bare.prepare('SELECT raw FROM events WHERE tenant_id = ? AND id = ?');
      const byUser = bare.prepare('SELECT raw FROM events INDEXED BY events_user_ci WHERE tenant_id = ? AND lower(user_id) = ? AND time >= ? AND time < ?');
      const bareTimes: number[] = [];
      for (let i = 0; i < GRAPH_RUNS; i++) {
        const r = await timed(() => {
          for (const row of byUser.all(TENANT, userOf(7), from, to) as { raw: string }[]) JSON.parse(row.raw);
          for (const id of ids) JSON.parse((byId.get(TENANT, id) as { raw: string }).raw);
        });
        bareTimes.push(r.ms);
      }
      rows.push([`${count}`, 'graph 2 hops, 7 days', `p50 ${ms(pct(graphTimes, 50))}, p95 ${ms(pct(graphTimes, 95))}`, `bare SQL of the same ${ids.size} rows: p50 ${ms(pct(bareTimes, 50))}, p95 ${ms(pct(bareTimes, 95))}`, `${nodes} nodes, ${edges} edges`, mb(graphPeak)]);

      // 2. All indicators incrementally over one cycle's new events (after one warm-up cycle).
      await addCycle(store, count, `warm-${count}`);
      count += CYCLE_EVENTS;
      await analyseNewEvents({ store, now: () => now, log: silent }, { tenantId: TENANT, contentTypes: ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint'] });
      await addCycle(store, count, `cycle-${count}`);
      count += CYCLE_EVENTS;
      rss.start();
      const cycle = await timed(() => analyseNewEvents({ store, now: () => now, log: silent }, { tenantId: TENANT, contentTypes: ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint'] }));
      const cyclePeak = rss.stop();
      rows.push([`${count}`, `indicators, one cycle of ${CYCLE_EVENTS} new events`, ms(cycle.ms), `${(cycle.ms / cycle.value.events).toFixed(3)} ms/event`, `${cycle.value.findings} findings, ${cycle.value.baselineUpdates} baseline updates`, mb(cyclePeak)]);

      // 3. A full export (every event of the store, GraphML) beside a bare scan of every raw record.
      rss.start();
      const full = await timed(async () => {
        const q = { ...resolveGraphQuery({ maxNodes: GRAPH_LIMITS.maxNodes, maxEdges: GRAPH_LIMITS.maxEdges, maxEvidence: 5 }), from: new Date(START_MS).toISOString(), to: new Date(nowMs + DAY).toISOString() };
        const { graph, scanned } = await loadGraph(store.events, { tenantId: TENANT, tenantDomains: ['contoso.example'] }, q, { maxEvents: Number.MAX_SAFE_INTEGER, maxEntitiesPerHop: 1, maxEventsPerEntity: Number.MAX_SAFE_INTEGER });
        const [file] = exportGraph(graph, 'graphml');
        return { scanned: scanned.events, nodes: graph.nodes.length, edges: graph.edges.length, bytes: file?.content.length ?? 0 };
      });
      const exportPeak = rss.stop();
      const scan = await timed(() => {
        let n = 0;
        for (const row of bare.prepare('SELECT raw FROM events WHERE tenant_id = ?').iterate(TENANT) as Iterable<{ raw: string }>) {
          JSON.parse(row.raw);
          n += 1;
        }
        return n;
      });
      rows.push([`${count}`, 'full export (GraphML)', `${(full.ms / 1000).toFixed(1)} s for ${full.value.scanned} events`, `bare scan + parse of ${scan.value} raw records: ${(scan.ms / 1000).toFixed(1)} s`, `${full.value.nodes} nodes, ${full.value.edges} edges, ${mb(full.value.bytes)}`, mb(exportPeak)]);
    }
    console.log('\nevents | measure | time | physical limit (same run) | size | peak RSS');
    for (const r of rows) console.log(r.join(' | '));
  } finally {
    bare.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
