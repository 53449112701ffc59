// GET /api/graph: the entity graph around a centre (and/or a watch list), from the store.
// Parameters (C7): center=<node id>, hops 1..3, from, to (default the last 7 days), operations,
// workloads, contentTypes, result, maxNodes, maxEdges, maxEvidence, watch=<node ids>.
import { CONTENT_TYPES } from '@auditflow/ingestion';
import { GRAPH_LIMITS, isInvestigationError, resolveGraphQuery, type GraphQuery } from '@auditflow/investigation';
import { loadGraph } from './graph-loader';
import { badRequest, ok, type HandlerResult } from './handler-result';
import { defaultRange, type InvestigateDeps } from './investigate-deps';
import { checkRange, ParamReader } from './query-params';
import { loadTenantContext } from './tenant-context';

export interface GraphParams {
  readonly query: GraphQuery & { from: string; to: string };
}

/** Reads the graph parameters (shared with export and the investigations); problems go to `reader`. */
export function readGraphParams(reader: ParamReader, now: Date, extraWatch: readonly string[] = []): GraphParams {
  const center = reader.nodeId('center');
  const hops = reader.int('hops', 1, GRAPH_LIMITS.maxHops);
  const from = reader.time('from');
  const to = reader.time('to');
  checkRange(reader, from, to);
  const operations = reader.list('operations');
  const workloads = reader.list('workloads');
  const contentTypes = reader.listOf('contentTypes', CONTENT_TYPES);
  const result = reader.list('result');
  const maxNodes = reader.int('maxNodes', 1, GRAPH_LIMITS.maxNodes);
  const maxEdges = reader.int('maxEdges', 1, GRAPH_LIMITS.maxEdges);
  const maxEvidence = reader.int('maxEvidence', 1, GRAPH_LIMITS.maxEvidence);
  const watch = [...(reader.nodeIds('watch') ?? []), ...extraWatch];
  const range = defaultRange(now, from, to);
  return {
    query: {
      ...range,
      ...(center ? { center } : {}),
      ...(hops !== undefined ? { hops } : {}),
      ...(operations ? { operations } : {}),
      ...(workloads ? { workloads } : {}),
      ...(contentTypes ? { contentTypes } : {}),
      ...(result ? { result } : {}),
      ...(maxNodes !== undefined ? { maxNodes } : {}),
      ...(maxEdges !== undefined ? { maxEdges } : {}),
      ...(maxEvidence !== undefined ? { maxEvidence } : {}),
      ...(watch.length > 0 ? { watch } : {}),
    },
  };
}

export async function graphHandler(params: URLSearchParams, deps: InvestigateDeps): Promise<HandlerResult> {
  const reader = new ParamReader(params);
  const { query } = readGraphParams(reader, deps.now);
  reader.rejectUnknown();
  if (reader.problems.length > 0) return badRequest(reader.problems);
  const built = await buildGraph(query, deps);
  if ('problems' in built) return badRequest(built.problems);
  return ok({ query, ...built.graph, scanned: built.scanned });
}

/** The graph of a checked query, or the library's own objections as parameter problems. */
export async function buildGraph(query: GraphQuery & { from: string; to: string }, deps: InvestigateDeps) {
  let resolved;
  try {
    resolved = resolveGraphQuery(query);
  } catch (error) {
    if (!isInvestigationError(error)) throw error;
    return { problems: error.problems.map((message) => ({ parameter: 'query', message })) };
  }
  const context = await loadTenantContext(deps.store.investigation, deps.tenantId);
  const loaded = await loadGraph(deps.store.events, context, { ...resolved, from: query.from, to: query.to });
  return loaded;
}
