// One call for every export format (C7's GET|POST /api/export): the files to hand out.
import type { EntityGraph } from '../model';
import { edgesCsv, nodesCsv } from './csv';
import { toGexf } from './gexf';
import { toGraphml } from './graphml';
import { isOneOf } from '../one-of';

export const EXPORT_FORMATS = ['csv', 'graphml', 'gexf', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isExportFormat = (value: unknown): value is ExportFormat => isOneOf(EXPORT_FORMATS, value);

export interface ExportFile {
  readonly name: string;
  readonly contentType: string;
  readonly content: string;
}

/** JSON export: the graph as the API returns it, with a format tag. */
export function toJsonExport(graph: EntityGraph): string {
  return `${JSON.stringify({ format: 'auditflow-entity-graph', version: 1, nodes: graph.nodes, edges: graph.edges, truncated: graph.truncated }, null, 1)}\n`;
}

export function exportGraph(graph: EntityGraph, format: ExportFormat): ExportFile[] {
  switch (format) {
    case 'csv':
      return [
        { name: 'nodes.csv', contentType: 'text/csv; charset=utf-8', content: nodesCsv(graph) },
        { name: 'edges.csv', contentType: 'text/csv; charset=utf-8', content: edgesCsv(graph) },
      ];
    case 'graphml':
      return [{ name: 'graph.graphml', contentType: 'application/graphml+xml; charset=utf-8', content: toGraphml(graph) }];
    case 'gexf':
      return [{ name: 'graph.gexf', contentType: 'application/gexf+xml; charset=utf-8', content: toGexf(graph) }];
    case 'json':
      return [{ name: 'graph.json', contentType: 'application/json; charset=utf-8', content: toJsonExport(graph) }];
  }
}
