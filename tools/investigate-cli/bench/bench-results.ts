// What each measured piece (measure.ts, its own process) reports to the runner (investigate.ts).
import type { MemoryPeak } from './peak-memory';

export interface GraphResult {
  /** Each run of the 2-hop graph, ms; then the bare reads of the same rows by primary key, ms. */
  readonly times: number[];
  readonly bareTimes: number[];
  readonly rows: number;
  readonly nodes: number;
  readonly edges: number;
  readonly peak: MemoryPeak;
}

export interface ExportResult {
  readonly ms: number;
  readonly events: number;
  readonly nodes: number;
  readonly edges: number;
  readonly bytes: number;
  /** Distinct nodes and relations aggregated before the caps (what the export's memory follows). */
  readonly held: { readonly nodes: number; readonly edges: number };
  /** The bare scan and parse of every raw record (the limit), ms, and the records it read. */
  readonly scanMs: number;
  readonly scanned: number;
  readonly peak: MemoryPeak;
}

export interface IndicatorResult {
  readonly ms: number;
  readonly events: number;
  readonly findings: number;
  readonly baselineUpdates: number;
  readonly peak: MemoryPeak;
}

export interface Results {
  readonly graph: GraphResult;
  readonly export: ExportResult;
  readonly indicators: IndicatorResult;
}
export type Phase = keyof Results;
export const PHASES: readonly Phase[] = ['graph', 'export', 'indicators'];
