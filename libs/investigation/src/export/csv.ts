// nodes.csv + edges.csv: one row per node / edge, shaped for Power BI (nodes[Id] 1 -> * edges[Source]
// and edges[Target]: the relationships of a graph visual) and for Gephi's spreadsheet import
// (Id/Label on nodes, Source/Target/Weight on edges). RFC 4180 quoting; a cell starting with
// = + - @ or a control character gets a leading apostrophe so a spreadsheet never runs it as a
// formula (OWASP "CSV injection").
import type { EntityGraph } from '../model';

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
    out += row([n.id, n.label, n.kind, n.count, n.firstSeen, n.lastSeen, n.flags?.guest === true, n.flags?.external === true, n.flags?.watched === true]);
  }
  return out;
}

export function edgesCsv(graph: EntityGraph): string {
  let out = row(EDGE_COLUMNS);
  for (const e of graph.edges) {
    out += row([e.id, e.source, e.target, e.kind, e.operation ?? '', e.count, e.firstSeen, e.lastSeen, e.evidence.total, e.evidence.ids.join(';')]);
  }
  return out;
}
