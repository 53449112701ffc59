// GEXF 1.2 (gexf.net, the version Gephi reads and writes by default): static, directed, node and
// edge attributes declared once, node size and edge weight from the counts.
import type { EntityGraph } from '../model';
import { edgeProperties, nodeProperties, type EdgeProperty, type NodeProperty } from './graph-properties';
import { xml } from './xml-text';

// The label is GEXF's own node attribute and the weight its own edge attribute.
const NODE_ATTRS: readonly (readonly [Exclude<NodeProperty, 'label'>, string])[] = [
  ['kind', 'string'],
  ['count', 'integer'],
  ['firstSeen', 'string'],
  ['lastSeen', 'string'],
  ['guest', 'boolean'],
  ['external', 'boolean'],
  ['watched', 'boolean'],
];
const EDGE_ATTRS: readonly (readonly [Exclude<EdgeProperty, 'weight'>, string])[] = [
  ['kind', 'string'],
  ['operation', 'string'],
  ['firstSeen', 'string'],
  ['lastSeen', 'string'],
  ['evidenceTotal', 'integer'],
  ['evidenceIds', 'string'],
];

export function toGexf(graph: EntityGraph, options: { lastModified?: string } = {}): string {
  const parts: string[] = [];
  parts.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  parts.push('<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n');
  parts.push(`  <meta${options.lastModified ? ` lastmodifieddate="${xml(options.lastModified.slice(0, 10))}"` : ''}><creator>auditflow</creator><description>entity graph of Office 365 audit events</description></meta>\n`);
  parts.push('  <graph mode="static" defaultedgetype="directed">\n');
  parts.push('    <attributes class="node">\n');
  NODE_ATTRS.forEach(([title, type], i) => parts.push(`      <attribute id="${i}" title="${title}" type="${type}"/>\n`));
  parts.push('    </attributes>\n    <attributes class="edge">\n');
  EDGE_ATTRS.forEach(([title, type], i) => parts.push(`      <attribute id="${i}" title="${title}" type="${type}"/>\n`));
  parts.push('    </attributes>\n    <nodes>\n');
  for (const n of graph.nodes) {
    const values = nodeProperties(n);
    parts.push(`      <node id="${xml(n.id)}" label="${xml(n.label)}"><attvalues>`);
    NODE_ATTRS.forEach(([title], i) => parts.push(`<attvalue for="${i}" value="${xml(values[title])}"/>`));
    parts.push('</attvalues></node>\n');
  }
  parts.push('    </nodes>\n    <edges>\n');
  for (const e of graph.edges) {
    const values = edgeProperties(e);
    parts.push(`      <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}" weight="${e.count}" label="${xml(e.operation ?? e.kind)}"><attvalues>`);
    EDGE_ATTRS.forEach(([title], i) => parts.push(`<attvalue for="${i}" value="${xml(values[title])}"/>`));
    parts.push('</attvalues></edge>\n');
  }
  parts.push('    </edges>\n  </graph>\n</gexf>\n');
  return parts.join('');
}
