// Pure helpers of the graph view: merging an expansion into the view, node sizes, the evidence
// of a finding as the nodes and edges to highlight, and first positions (rings by hop around the
// centre, so the first frame is readable before any layout runs).
import type { EntityGraph, GraphEdge, GraphNode } from './graph-types';

/** The view plus an expansion: nodes and edges by id, the newer copy (fresher counts) winning. */
export function mergeGraphs(view: EntityGraph, more: EntityGraph): EntityGraph {
  const nodes = new Map<string, GraphNode>(view.nodes.map((n) => [n.id, n]));
  for (const n of more.nodes) nodes.set(n.id, n);
  const edges = new Map<string, GraphEdge>(view.edges.map((e) => [e.id, e]));
  for (const e of more.edges) if (nodes.has(e.source) && nodes.has(e.target)) edges.set(e.id, e);
  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    truncated: { nodes: view.truncated.nodes + more.truncated.nodes, edges: view.truncated.edges + more.truncated.edges, ...(more.truncated.reason ?? view.truncated.reason ? { reason: more.truncated.reason ?? view.truncated.reason } : {}) },
  };
}

/** Node radius in pixels: grows with the log of the count (the seed's size measure). */
export function nodeSize(count: number, maxCount: number): number {
  const scale = Math.log2(1 + Math.max(count, 0)) / Math.log2(2 + Math.max(maxCount, 1));
  return 4 + 14 * scale;
}

/** What a finding points at: its entities, and every edge whose evidence holds one of its events. */
export function evidenceHighlight(graph: EntityGraph, finding: { entities: readonly { id: string }[]; evidenceIds: readonly string[] } | undefined): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (!finding) return { nodes, edges };
  const evidence = new Set(finding.evidenceIds);
  for (const e of finding.entities) nodes.add(e.id);
  for (const edge of graph.edges) {
    if (edge.evidence.ids.some((id) => evidence.has(id))) {
      edges.add(edge.id);
      nodes.add(edge.source);
      nodes.add(edge.target);
    }
  }
  return { nodes, edges };
}

/** Rings by hop distance from the centre (unreached nodes on an outer ring), deterministic. */
export function ringPositions(graph: EntityGraph, center: string | undefined): Map<string, { x: number; y: number }> {
  const adjacency = new Map<string, string[]>();
  for (const e of graph.edges) {
    (adjacency.get(e.source) ?? adjacency.set(e.source, []).get(e.source)!).push(e.target);
    (adjacency.get(e.target) ?? adjacency.set(e.target, []).get(e.target)!).push(e.source);
  }
  const hop = new Map<string, number>();
  const start = center && graph.nodes.some((n) => n.id === center) ? center : graph.nodes[0]?.id;
  if (start) {
    hop.set(start, 0);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      for (const next of adjacency.get(id) ?? []) {
        if (!hop.has(next)) {
          hop.set(next, hop.get(id)! + 1);
          queue.push(next);
        }
      }
    }
  }
  const maxHop = Math.max(0, ...hop.values());
  const rings = new Map<number, string[]>();
  for (const n of graph.nodes) {
    const h = hop.get(n.id) ?? maxHop + 1;
    (rings.get(h) ?? rings.set(h, []).get(h)!).push(n.id);
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const [h, ids] of rings) {
    ids.sort();
    const radius = h === 0 ? 0 : 10 * h + Math.sqrt(ids.length);
    ids.forEach((id, i) => {
      const angle = (2 * Math.PI * i) / ids.length + h * 0.5;
      positions.set(id, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    });
  }
  return positions;
}

/**
 * The kinds a click can expand: the ones the store indexes (GET graph pivots on users, IPs and
 * objects; apps/ingest-func/src/investigate/graph-loader.ts). Operations, apps, sites... are hubs
 * the API never expands, so a click on them selects them and says so instead of doing nothing.
 */
export const EXPANDABLE_KINDS: readonly string[] = ['user', 'ip', 'object'];

export function isExpandable(nodeId: string): boolean {
  const colon = nodeId.indexOf(':');
  return colon > 0 && EXPANDABLE_KINDS.includes(nodeId.slice(0, colon));
}
