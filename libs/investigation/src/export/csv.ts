// nodes.csv + edges.csv: one row per node / edge, shaped for Power BI (nodes[Id] 1 -> * edges[Source]
// and edges[Target]: the relationships of a graph visual) and for Gephi's spreadsheet import
// (Id/Label on nodes, Source/Target/Weight on edges). RFC 4180 quoting; a cell starting with
// = + - @ or a control character gets a leading apostrophe so a spreadsheet never runs it as a
// formula (OWASP "CSV injection").
import type { EntityGraph } from '../model';
import { edgeProperties, nodeProperties } from './graph-properties';

export const NODE_COLUMNS = ['Id', 'Label', 'Kind', 'Count', 'FirstSeen', 'LastSeen', 'Guest', 'External', 'Watched'] as const;
export const EDGE_COLUMNS = ['Id', 'Source', 'Target', 'Kind', 'Operation', 'Weight', 'FirstSeen', 'LastSeen', 'EvidenceTotal', 'EvidenceIds'] as const;

export function csvCell(value: string | number | boolean | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(cells: readonly (string | number | boolean | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function nodesCsv(graph: EntityGraph): string {
  let out = row(NODE_COLUMNS);
  for (const n of graph.nodes) {
    const p = nodeProperties(n);
    out += row([n.id, p.label, p.kind, p.count, p.firstSeen, p.lastSeen, p.guest, p.external, p.watched]);
  }
  return out;
}

export function edgesCsv(graph: EntityGraph): string {
  let out = row(EDGE_COLUMNS);
  for (const e of graph.edges) {
    const p = edgeProperties(e);
    out += row([e.id, e.source, e.target, p.kind, p.operation, p.weight, p.firstSeen, p.lastSeen, p.evidenceTotal, p.evidenceIds]);
  }
  return out;
}
