// The properties of a node and of an edge that every file format writes, named once: GraphML keys,
// GEXF attributes and the CSV columns are these names, so a property added here reaches them all.
import type { GraphEdge, GraphNode } from '../model';

export type PropertyValue = string | number | boolean;

export function nodeProperties(n: GraphNode) {
  return {
    label: n.label,
    kind: n.kind,
    count: n.count,
    firstSeen: n.firstSeen,
    lastSeen: n.lastSeen,
    guest: n.flags?.guest === true,
    external: n.flags?.external === true,
    watched: n.flags?.watched === true,
  } satisfies Record<string, PropertyValue>;
}

export function edgeProperties(e: GraphEdge) {
  return {
    kind: e.kind,
    operation: e.operation ?? '',
    weight: e.count,
    firstSeen: e.firstSeen,
    lastSeen: e.lastSeen,
    evidenceTotal: e.evidence.total,
    evidenceIds: e.evidence.ids.join(';'),
  } satisfies Record<string, PropertyValue>;
}

export type NodeProperty = keyof ReturnType<typeof nodeProperties>;
export type EdgeProperty = keyof ReturnType<typeof edgeProperties>;
