// The parameters of an entity graph (C7's GET /api/graph maps onto these), checked in one place so
// every bad parameter is named at once.
import type { ContentType, EventDocument } from '@auditflow/ingestion';
import { isContentType } from '@auditflow/ingestion';
import { parseNodeId } from './entity-id';
import { InvestigationError } from './investigation-error';

/** The filters events are narrowed by, in a graph query and in a store's paged reads alike. */
export interface EventFilters {
  /** Inclusive lower / exclusive upper bound on the event time (ISO 8601). */
  readonly from?: string;
  readonly to?: string;
  /** Any of these operations / workloads / content types. */
  readonly operations?: readonly string[];
  readonly workloads?: readonly string[];
  readonly contentTypes?: readonly ContentType[];
}

export interface GraphQuery extends EventFilters {
  /** Node id of the centre (`user:alice@contoso.com`); omitted = every entity of the documents. */
  readonly center?: string;
  /** Hops from the centre (1..3, default 2). */
  readonly hops?: number;
  /** ResultStatus values to keep (case-insensitive), e.g. ['Failed']. */
  readonly result?: readonly string[];
  /** Hard caps (default 500 nodes, 2,000 edges; at most 20,000 / 100,000). */
  readonly maxNodes?: number;
  readonly maxEdges?: number;
  /** Evidence ids kept per edge (default 20). */
  readonly maxEvidence?: number;
  /** Node ids of a watch list: only entities within `hops` of one of them are kept. */
  readonly watch?: readonly string[];
}

export interface ResolvedGraphQuery {
  readonly center: string | undefined;
  readonly hops: number;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly operations: ReadonlySet<string> | undefined;
  readonly workloads: ReadonlySet<string> | undefined;
  readonly contentTypes: ReadonlySet<string> | undefined;
  readonly result: ReadonlySet<string> | undefined;
  readonly maxNodes: number;
  readonly maxEdges: number;
  readonly maxEvidence: number;
  readonly watch: readonly string[];
}

export const GRAPH_LIMITS = { maxNodes: 20_000, maxEdges: 100_000, maxEvidence: 1_000, maxHops: 3 } as const;
export const GRAPH_DEFAULTS = { hops: 2, maxNodes: 500, maxEdges: 2_000, maxEvidence: 20 } as const;

/** Checks a query; throws InvestigationError `InvalidGraphQuery` listing every problem. */
export function resolveGraphQuery(q: GraphQuery = {}): ResolvedGraphQuery {
  const problems: string[] = [];
  if (q.center !== undefined && !parseNodeId(q.center)) problems.push(`center must be a node id like user:alice@contoso.com or ip:203.0.113.7, got "${q.center}"`);
  const hops = q.hops ?? GRAPH_DEFAULTS.hops;
  if (!Number.isInteger(hops) || hops < 1 || hops > GRAPH_LIMITS.maxHops) problems.push(`hops must be 1..${GRAPH_LIMITS.maxHops}, got ${String(q.hops)}`);
  for (const key of ['from', 'to'] as const) {
    const v = q[key];
    if (v !== undefined && Number.isNaN(Date.parse(v))) problems.push(`${key} must be an ISO 8601 date-time, got "${v}"`);
  }
  if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) problems.push('from must be before to');
  const cap = (key: 'maxNodes' | 'maxEdges' | 'maxEvidence'): number => {
    const v = q[key] ?? GRAPH_DEFAULTS[key];
    if (!Number.isInteger(v) || v < 1 || v > GRAPH_LIMITS[key]) problems.push(`${key} must be 1..${GRAPH_LIMITS[key]}, got ${String(q[key])}`);
    return v;
  };
  const maxNodes = cap('maxNodes');
  const maxEdges = cap('maxEdges');
  const maxEvidence = cap('maxEvidence');
  for (const c of q.contentTypes ?? []) if (!isContentType(c)) problems.push(`contentTypes: unknown content type "${String(c)}"`);
  for (const w of q.watch ?? []) if (!parseNodeId(w)) problems.push(`watch: "${w}" is not a node id (kind:key)`);
  if (problems.length > 0) throw new InvestigationError('InvalidGraphQuery', `invalid graph query: ${problems.join('; ')}`, problems);
  const set = (xs: readonly string[] | undefined): ReadonlySet<string> | undefined =>
    xs && xs.length > 0 ? new Set(xs.map((x) => x.toLowerCase())) : undefined;
  return {
    center: q.center,
    hops,
    from: q.from ? new Date(q.from).toISOString() : undefined,
    to: q.to ? new Date(q.to).toISOString() : undefined,
    operations: set(q.operations),
    workloads: set(q.workloads),
    contentTypes: set(q.contentTypes),
    result: set(q.result),
    maxNodes,
    maxEdges,
    maxEvidence,
    watch: q.watch ?? [],
  };
}

/** Whether a document passes the query's time range and filters. */
export function matchesFilters(doc: EventDocument, q: ResolvedGraphQuery): boolean {
  if (q.from && doc.time < q.from) return false;
  if (q.to && doc.time >= q.to) return false;
  if (q.operations && !q.operations.has((doc.operation ?? '').toLowerCase())) return false;
  if (q.workloads && !q.workloads.has((doc.workload ?? '').toLowerCase())) return false;
  if (q.contentTypes && !q.contentTypes.has(doc.contentType.toLowerCase())) return false;
  if (q.result && !q.result.has((doc.result ?? '').toLowerCase())) return false;
  return true;
}
