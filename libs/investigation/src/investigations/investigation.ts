// The seed's named investigations share one result shape: a graph, the findings of the
// indicators that matter to the scenario, and a scenario-specific summary.
import type { EventDocument } from '@auditflow/ingestion';
import { EMPTY_BASELINE } from '../baseline';
import type { InvestigationContext } from '../context';
import { buildEntityGraph } from '../entity-graph';
import { evaluateIndicators } from '../evaluate';
import type { EntityGraph, Finding } from '../model';
import type { IndicatorSettings } from '../settings';

export type InvestigationName = 'a' | 'b' | 'c';

export interface InvestigationResult<S> {
  readonly name: InvestigationName;
  readonly title: string;
  readonly graph: EntityGraph;
  readonly findings: readonly Finding[];
  readonly summary: S;
}

export interface InvestigationOptions {
  readonly settings?: Partial<IndicatorSettings>;
  /** Caps of the graph (defaults of GraphQuery). */
  readonly maxNodes?: number;
  readonly maxEdges?: number;
  readonly maxEvidence?: number;
  /** Node ids (e.g. an admin list) that the graph is limited to, like the seed's adminlist.csv join. */
  readonly watch?: readonly string[];
}

/** The indicators' findings over the investigation's documents alone (a self-contained baseline). */
export function findingsOver(
  docs: readonly EventDocument[],
  ctx: InvestigationContext,
  options: InvestigationOptions,
  indicators: readonly string[],
): Finding[] {
  return evaluateIndicators(docs, EMPTY_BASELINE, options.settings ?? {}, ctx, { indicators }).findings;
}

/** The investigation's graph: its documents within `hops`, the caps of the options, limited to the watch list when one is given. */
export function graphOver(
  docs: readonly EventDocument[],
  ctx: InvestigationContext,
  options: InvestigationOptions,
  hops: number,
  watch: readonly string[] | undefined = options.watch,
): EntityGraph {
  const query = { maxNodes: options.maxNodes, maxEdges: options.maxEdges, maxEvidence: options.maxEvidence, hops, ...(watch && watch.length > 0 ? { watch } : {}) };
  return buildEntityGraph(docs, query, ctx);
}
