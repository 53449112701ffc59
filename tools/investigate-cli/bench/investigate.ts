// Benchmark of issue 11 section 6, at 100,000 and 1,000,000 events in the same run (stores cached
// under the OS temp folder, bench-store.ts). At each size: the 2-hop graph of one user over 7 days
// (p50/p95) beside the bare indexed SQL reads of the same rows (the limit: what the store needs to
// hand those rows over); all indicators incrementally for one cycle's new events; a full export
// (GraphML of every event) beside a bare scan and parse of every raw record. Each piece runs in a
// process of its own (measure.ts), so its peak RSS and heap are its own, printed at both sizes
// side by side with their ratio: flat means the work reads pages, never the store.
// Run: npm run bench (nx investigate-cli:bench); BENCH_SIZES=20000,100000 for a shorter run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedStore, workingCopy } from './bench-store';
import { CYCLE_EVENTS } from './event-generator';
import { PHASES, type Phase, type Results } from './bench-results';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MiB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const s = (x: number) => `${(x / 1000).toFixed(1)} s`;
function pct(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function measure<P extends Phase>(phase: P, path: string, events: number): Results[P] {
  const child = spawnSync(process.execPath, [...process.execArgv, join(__dirname, 'measure.ts'), phase, path, String(events)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1_048_576,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) throw new Error(`measure ${phase} at ${events} events failed (exit ${child.status}): ${child.stdout}`);
  return JSON.parse(line.slice('RESULT '.length)) as Results[P];
}

/** measure | time | physical limit (same run) | size */
function describe(r: Results): string[][] {
  const { graph: g, export: x, indicators: i } = r;
  return [
    ['graph 2 hops, 7 days', `p50 ${ms(pct(g.times, 50))}, p95 ${ms(pct(g.times, 95))}`, `bare SQL of the same ${g.rows} rows by primary key: p50 ${ms(pct(g.bareTimes, 50))}, p95 ${ms(pct(g.bareTimes, 95))}`, `${g.nodes} nodes, ${g.edges} edges`],
    ['full export (GraphML)', `${s(x.ms)} for ${x.events} events (${((x.ms / x.events) * 1000).toFixed(1)} µs/event)`, `bare scan + parse of ${x.scanned} raw records: ${s(x.scanMs)}`, `${x.nodes} nodes, ${x.edges} edges, ${mib(x.bytes)} (held before the caps: ${x.held.nodes} nodes, ${x.held.edges} edges)`],
    [`indicators, one cycle of ${CYCLE_EVENTS} new events`, ms(i.ms), `${(i.ms / i.events).toFixed(3)} ms/event`, `${i.findings} findings, ${i.baselineUpdates} baseline updates`],
  ];
}

async function main(): Promise<void> {
  console.log(`cpus ${cpus().length}, load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const results = new Map<number, Results>();
  for (const size of SIZES) {
    const cached = await cachedStore(size, (l) => console.log(l));
    const dir = mkdtempSync(join(tmpdir(), 'auditflow-investigate-bench-'));
    try {
      const path = workingCopy(cached, dir);
      // The indicator cycles add events: they come last, after the pieces that read `size` events.
      const graph = measure('graph', path, size);
      const full = measure('export', path, size);
      results.set(size, { graph, export: full, indicators: measure('indicators', path, size) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log('\nevents | measure | time | physical limit (same run) | size');
  for (const [size, r] of results) for (const row of describe(r)) console.log([size, ...row].join(' | '));

  const [small, large] = [SIZES[0] as number, SIZES[SIZES.length - 1] as number];
  console.log(`\npeak memory (own process per piece; at start = store open, before the work) | ${small} events | ${large} events | ratio`);
  for (const phase of PHASES) {
    const a = results.get(small)?.[phase].peak;
    const b = results.get(large)?.[phase].peak;
    if (!a || !b) continue;
    console.log(`${phase} peak RSS | ${mib(a.rss)} (at start ${mib(a.rssAtStart)}) | ${mib(b.rss)} (at start ${mib(b.rssAtStart)}) | ${(b.rss / a.rss).toFixed(2)}x`);
    console.log(`${phase} peak heap | ${mib(a.heap)} (at start ${mib(a.heapAtStart)}) | ${mib(b.heap)} (at start ${mib(b.heapAtStart)}) | ${(b.heap / a.heap).toFixed(2)}x`);
  }
  console.log(`\nload average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
