// GraphML (graphml.graphdrawing.org, the structural layer plus typed data keys) for Gephi, yEd,
// Cytoscape and networkx. Directed edges; every node and edge property is a declared <key>.
import type { EntityGraph } from '../model';
import { edgeProperties, nodeProperties, type EdgeProperty, type NodeProperty } from './graph-properties';
import { xml } from './xml-text';

const NODE_KEYS: readonly (readonly [NodeProperty, string])[] = [
  ['label', 'string'],
  ['kind', 'string'],
  ['count', 'int'],
  ['firstSeen', 'string'],
  ['lastSeen', 'string'],
  ['guest', 'boolean'],
  ['external', 'boolean'],
  ['watched', 'boolean'],
];
const EDGE_KEYS: readonly (readonly [EdgeProperty, string])[] = [
  ['kind', 'string'],
  ['operation', 'string'],
  ['weight', 'double'],
  ['firstSeen', 'string'],
  ['lastSeen', 'string'],
  ['evidenceTotal', 'int'],
  ['evidenceIds', 'string'],
];

export function toGraphml(graph: EntityGraph): string {
  const parts: string[] = [];
  parts.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  parts.push('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n');
  for (const [name, type] of NODE_KEYS) parts.push(`  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>\n`);
  for (const [name, type] of EDGE_KEYS) parts.push(`  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>\n`);
  parts.push('  <graph id="auditflow" edgedefault="directed">\n');
  for (const n of graph.nodes) {
    parts.push(`    <node id="${xml(n.id)}">`);
    const values = nodeProperties(n);
    for (const [name] of NODE_KEYS) parts.push(`<data key="n_${name}">${xml(values[name])}</data>`);
    parts.push('</node>\n');
  }
  for (const e of graph.edges) {
    parts.push(`    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}">`);
    const values = edgeProperties(e);
    for (const [name] of EDGE_KEYS) parts.push(`<data key="e_${name}">${xml(values[name])}</data>`);
    parts.push('</edge>\n');
  }
  parts.push('  </graph>\n</graphml>\n');
  return parts.join('');
}
