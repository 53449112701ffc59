// The entity graph: documents -> aggregated nodes and typed edges (counts, first/last seen, capped
// evidence with totals), then the neighbourhood of a centre (and/or a watch list) within `hops`,
// then the hard caps, which say what they cut. One pass over the documents; memory is bounded by
// the distinct entities and relations, not by the events.
import type { EventDocument } from '@auditflow/ingestion';
import { documentEntities, type EntityOptions } from './document-entities';
import { matchesFilters, resolveGraphQuery, type GraphQuery, type ResolvedGraphQuery } from './graph-query';
import type { EdgeKind, EntityGraph, EntityKind, GraphEdge, GraphNode, NodeFlags } from './model';

interface NodeAcc {
  id: string;
  kind: EntityKind;
  label: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  flags: { guest?: boolean; external?: boolean; watched?: boolean } | undefined;
}

interface EdgeAcc {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  operation: string | undefined;
  count: number;
  firstSeen: string;
  lastSeen: string;
  ids: string[];
}

export function edgeId(kind: EdgeKind, source: string, target: string, operation?: string): string {
  return `${kind}|${source}|${target}|${operation ?? ''}`;
}

/** Aggregates documents into nodes and edges (no caps, no centre): the building block. */
export class GraphAccumulator {
  private readonly nodes = new Map<string, NodeAcc>();
  private readonly edges = new Map<string, EdgeAcc>();

  constructor(
    private readonly options: EntityOptions,
    private readonly maxEvidence: number,
  ) {}

  add(doc: EventDocument): void {
    const facts = documentEntities(doc, this.options);
    for (const n of facts.nodes) {
      const acc = this.nodes.get(n.id);
      if (!acc) {
        this.nodes.set(n.id, { id: n.id, kind: n.kind, label: n.label, count: 1, firstSeen: doc.time, lastSeen: doc.time, flags: n.flags ? { ...n.flags } : undefined });
        continue;
      }
      acc.count += 1;
      if (doc.time < acc.firstSeen) acc.firstSeen = doc.time;
      if (doc.time > acc.lastSeen) acc.lastSeen = doc.time;
      if (n.flags) acc.flags = { ...acc.flags, ...n.flags };
    }
    const seen = new Set<string>();
    for (const e of facts.edges) {
      const id = edgeId(e.kind, e.source, e.target, e.operation);
      if (seen.has(id)) continue;
      seen.add(id);
      const acc = this.edges.get(id);
      if (!acc) {
        this.edges.set(id, { id, source: e.source, target: e.target, kind: e.kind, operation: e.operation, count: 1, firstSeen: doc.time, lastSeen: doc.time, ids: [doc.id] });
        continue;
      }
      acc.count += 1;
      if (doc.time < acc.firstSeen) acc.firstSeen = doc.time;
      if (doc.time > acc.lastSeen) acc.lastSeen = doc.time;
      if (acc.ids.length < this.maxEvidence) acc.ids.push(doc.id);
    }
  }

  nodeMap(): ReadonlyMap<string, NodeAcc> {
    return this.nodes;
  }

  edgeList(): readonly EdgeAcc[] {
    return [...this.edges.values()];
  }
}

/**
 * The graph of `docs` for a query: filtered by time and filters, limited to `hops` around the
 * centre and/or the watch list, capped (nodes nearest the centre and busiest first; then edges by
 * count). `truncated` counts what the caps (and the removal of nodes) cut.
 */
export function buildEntityGraph(docs: Iterable<EventDocument>, query: GraphQuery, options: EntityOptions): EntityGraph {
  const q = resolveGraphQuery(query);
  const acc = new GraphAccumulator(options, q.maxEvidence);
  for (const doc of docs) {
    if (options.tenantId !== undefined && doc.tenantId !== options.tenantId) continue;
    if (matchesFilters(doc, q)) acc.add(doc);
  }
  return shapeGraph(acc, q);
}

export function shapeGraph(acc: GraphAccumulator, q: ResolvedGraphQuery): EntityGraph {
  const nodes = acc.nodeMap();
  const edges = acc.edgeList();
  const adjacency = new Map<string, string[]>();
  for (const e of edges) {
    push(adjacency, e.source, e.target);
    push(adjacency, e.target, e.source);
  }
  const watched = new Set(q.watch.filter((w) => nodes.has(w)));
  let distance: Map<string, number> | undefined;
  if (q.center !== undefined) distance = bfs(adjacency, [q.center].filter((c) => nodes.has(c)), q.hops);
  if (q.watch.length > 0) {
    const fromWatch = bfs(adjacency, [...watched], q.hops);
    distance = distance ? intersect(distance, fromWatch) : fromWatch;
  }
  let candidates = [...nodes.values()];
  if (distance) {
    const d = distance;
    candidates = candidates.filter((n) => d.has(n.id));
  }
  candidates.sort((a, b) => (distance ? (distance.get(a.id) ?? 0) - (distance.get(b.id) ?? 0) : 0) || b.count - a.count || (a.id < b.id ? -1 : 1));
  const keptNodes = candidates.slice(0, q.maxNodes);
  const keptIds = new Set(keptNodes.map((n) => n.id));
  const inScope = edges.filter((e) => (!distance || (distance.has(e.source) && distance.has(e.target))));
  const between = inScope.filter((e) => keptIds.has(e.source) && keptIds.has(e.target));
  between.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  const keptEdges = between.slice(0, q.maxEdges);
  const cutNodes = candidates.length - keptNodes.length;
  const cutEdges = inScope.length - keptEdges.length;
  const reasons: string[] = [];
  if (cutNodes > 0) reasons.push(`${cutNodes} of ${candidates.length} nodes over maxNodes=${q.maxNodes} (farthest and least active cut first)`);
  if (cutEdges > 0) reasons.push(`${cutEdges} of ${inScope.length} edges over maxEdges=${q.maxEdges} or touching a cut node`);
  return {
    nodes: keptNodes.map((n) => toNode(n, watched.has(n.id))),
    edges: keptEdges.map(toEdge),
    truncated: reasons.length > 0 ? { nodes: cutNodes, edges: cutEdges, reason: reasons.join('; ') } : { nodes: 0, edges: 0 },
  };
}

function toNode(n: NodeAcc, watched: boolean): GraphNode {
  const flags: NodeFlags | undefined = watched ? { ...n.flags, watched: true } : n.flags;
  const base = { id: n.id, kind: n.kind, label: n.label, count: n.count, firstSeen: n.firstSeen, lastSeen: n.lastSeen };
  return flags ? { ...base, flags } : base;
}

function toEdge(e: EdgeAcc): GraphEdge {
  const base = { id: e.id, source: e.source, target: e.target, kind: e.kind, count: e.count, firstSeen: e.firstSeen, lastSeen: e.lastSeen, evidence: { ids: [...e.ids], total: e.count } };
  return e.operation ? { ...base, operation: e.operation } : base;
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function bfs(adjacency: ReadonlyMap<string, readonly string[]>, roots: readonly string[], hops: number): Map<string, number> {
  const dist = new Map<string, number>(roots.map((r) => [r, 0]));
  let frontier = [...roots];
  for (let h = 1; h <= hops && frontier.length > 0; h++) {
    const next: string[] = [];
    for (const n of frontier) {
      // Operation nodes are leaves: every user who ever read a file shares "FileAccessed", and
      // walking through it would turn any 2-hop graph into the whole tenant.
      if (h > 1 && n.startsWith('operation:')) continue;
      for (const m of adjacency.get(n) ?? []) {
        if (!dist.has(m)) {
          dist.set(m, h);
          next.push(m);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

function intersect(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of a) if (b.has(k)) out.set(k, v);
  return out;
}
