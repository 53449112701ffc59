// Where the host's CPU goes, from a V8 CPU profile (`node --cpu-prof`) of the local host running
// the bundled app: each sample's self time is attributed through the bundle's source map to the
// source file it ran, then bucketed by concern. Builtins (JSON.parse, zlib, crypto) count toward
// the JavaScript function that called them, as V8 attributes them.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

export const CPU_BUCKETS = ['fetch+parse', 'normalize', 'write', 'engine', 'startup', 'gc', 'idle', 'other'] as const;
export type CpuBucket = (typeof CPU_BUCKETS)[number];

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The bucket of one source path (a file of the repo or of node_modules, or a V8 pseudo-frame). */
export function bucketOf(source: string, functionName: string): CpuBucket {
  if (functionName === '(garbage collector)') return 'gc';
  if (functionName === '(idle)') return 'idle';
  if (/node:internal\/modules\//.test(source)) return 'startup';
  if (/libs\/activity-api\/|undici|node:internal\/deps\/undici|node:zlib|node:internal\/streams|node:http|node:net|@azure\/identity|@azure\/msal/.test(source)) return 'fetch+parse';
  if (/libs\/ingestion\//.test(source)) return 'normalize';
  if (/libs\/storage\/|better-sqlite3/.test(source)) return 'write';
  if (/tools\/local-host\/|durable-functions|apps\/ingest-func\/src\/(orchestrators|functions)/.test(source)) return 'engine';
  return 'other';
}

export interface CpuSplit {
  readonly totals: Record<CpuBucket, number>;
  /** The sources with the most self time in 'other', so the split never hides where time went. */
  readonly topOther: readonly { readonly source: string; readonly ms: number }[];
}

/** Milliseconds of self time per bucket, summed over every profile file in `dir`. */
export function cpuSplit(dir: string): CpuSplit {
  const totals = Object.fromEntries(CPU_BUCKETS.map((b) => [b, 0])) as Record<CpuBucket, number>;
  const other = new Map<string, number>();
  const maps = new Map<string, TraceMap | null>();
  const mapFor = (url: string): TraceMap | null => {
    if (!maps.has(url)) {
      let map: TraceMap | null = null;
      if (url.startsWith('file://') && url.endsWith('.js')) {
        try {
          const file = fileURLToPath(url);
          map = new TraceMap(readFileSync(`${file}.map`, 'utf8'), url);
        } catch {
          map = null; // no source map next to it: not a bundle of ours
        }
      }
      maps.set(url, map);
    }
    return maps.get(url)!;
  };
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const bucketById = new Map<number, CpuBucket>();
    const sourceById = new Map<number, string>();
    for (const node of profile.nodes) {
      const { url, lineNumber, columnNumber, functionName } = node.callFrame;
      let source = url;
      const map = mapFor(url);
      if (map && lineNumber >= 0) {
        const original = originalPositionFor(map, { line: lineNumber + 1, column: Math.max(columnNumber, 0) });
        if (original.source) source = resolve(dirname(fileURLToPath(url)), original.source);
      }
      bucketById.set(node.id, bucketOf(source, functionName));
      sourceById.set(node.id, source || functionName);
    }
    profile.samples.forEach((id, i) => {
      const bucket = byId.has(id) ? bucketById.get(id)! : 'other';
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      totals[bucket] += ms;
      if (bucket === 'other') {
        const source = sourceById.get(id) ?? '?';
        other.set(source, (other.get(source) ?? 0) + ms);
      }
    });
  }
  const topOther = [...other].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([source, ms]) => ({ source, ms }));
  return { totals, topOther };
}

/** One line: each bucket's share of the busy (non-idle) time. */
export function formatCpuSplit({ totals, topOther }: CpuSplit): string {
  const busy = CPU_BUCKETS.filter((b) => b !== 'idle').reduce((sum, b) => sum + totals[b], 0);
  const parts = CPU_BUCKETS.filter((b) => b !== 'idle').map((b) => `${b} ${((100 * totals[b]) / Math.max(busy, 1)).toFixed(0)} %`);
  const others = topOther.map((o) => `${o.source.replace(/^.*\/(node_modules|libs|apps|tools)\//, '$1/')} ${((100 * o.ms) / Math.max(busy, 1)).toFixed(0)} %`);
  return `host CPU, busy ${(busy / 1000).toFixed(1)} s (idle ${(totals.idle / 1000).toFixed(1)} s): ${parts.join(', ')}; most of other: ${others.join(', ')}`;
}
