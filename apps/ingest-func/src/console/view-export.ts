// POST /console/api/export {format, file?, graph}: exports the graph the console shows (its
// expansions included, which no single query reproduces) with the investigation library's own
// exporters: nodes.csv / edges.csv (file=nodes|edges), GraphML, GEXF, JSON. The posted graph is
// checked first (shape and caps), so a malformed body is a 400 naming each problem, never a 500.
// POST /console/api/watch-list {csv}: the watch list as node ids (parseWatchList), for graph
// queries' watch= parameter.
import type { HttpResponseInit } from '@azure/functions';
import { exportGraph, isExportFormat, isInvestigationError, parseWatchList, type EntityGraph, type GraphEdge, type GraphNode } from '@auditflow/investigation';

export const MAX_EXPORT_NODES = 20_000;
export const MAX_EXPORT_EDGES = 100_000;
/** Watch-list ids the console sends back in graph URLs. */
export const MAX_CONSOLE_WATCH = 500;

const bad = (problems: string[]): HttpResponseInit => ({ status: 400, jsonBody: { error: 'InvalidExportRequest', message: problems.join('; '), problems: problems.map((message) => ({ parameter: 'body', message })) } });

function isNode(n: unknown): n is GraphNode {
  const x = n as GraphNode;
  return typeof x === 'object' && x !== null && typeof x.id === 'string' && typeof x.kind === 'string' && typeof x.label === 'string' && typeof x.count === 'number' && typeof x.firstSeen === 'string' && typeof x.lastSeen === 'string';
}

function isEdge(e: unknown): e is GraphEdge {
  const x = e as GraphEdge;
  return (
    typeof x === 'object' && x !== null && typeof x.id === 'string' && typeof x.source === 'string' && typeof x.target === 'string' && typeof x.kind === 'string' &&
    typeof x.count === 'number' && typeof x.firstSeen === 'string' && typeof x.lastSeen === 'string' &&
    typeof x.evidence === 'object' && x.evidence !== null && Array.isArray(x.evidence.ids) && typeof x.evidence.total === 'number'
  );
}

export function exportView(body: unknown): HttpResponseInit {
  const b = (body ?? {}) as { format?: unknown; file?: unknown; graph?: { nodes?: unknown; edges?: unknown; truncated?: unknown } };
  const problems: string[] = [];
  if (!isExportFormat(b.format)) problems.push(`format must be csv, graphml, gexf or json, got ${JSON.stringify(b.format)}`);
  if (b.format === 'csv' && b.file !== 'nodes' && b.file !== 'edges') problems.push('a csv export needs file: "nodes" or "edges"');
  const nodes = Array.isArray(b.graph?.nodes) ? b.graph.nodes : undefined;
  const edges = Array.isArray(b.graph?.edges) ? b.graph.edges : undefined;
  if (!nodes || !edges) problems.push('graph must have nodes and edges arrays (as GET /console/api/graph returns them)');
  else {
    if (nodes.length > MAX_EXPORT_NODES) problems.push(`at most ${MAX_EXPORT_NODES} nodes, got ${nodes.length}`);
    if (edges.length > MAX_EXPORT_EDGES) problems.push(`at most ${MAX_EXPORT_EDGES} edges, got ${edges.length}`);
    const badNode = nodes.findIndex((n) => !isNode(n));
    if (badNode >= 0) problems.push(`graph.nodes[${badNode}] is not a node {id, kind, label, count, firstSeen, lastSeen}`);
    const badEdge = edges.findIndex((e) => !isEdge(e));
    if (badEdge >= 0) problems.push(`graph.edges[${badEdge}] is not an edge {id, source, target, kind, count, firstSeen, lastSeen, evidence}`);
  }
  if (problems.length > 0) return bad(problems);
  const truncated = (b.graph?.truncated ?? { nodes: 0, edges: 0 }) as EntityGraph['truncated'];
  const graph: EntityGraph = { nodes: nodes as GraphNode[], edges: edges as GraphEdge[], truncated: { nodes: Number(truncated.nodes) || 0, edges: Number(truncated.edges) || 0 } };
  const files = exportGraph(graph, b.format as Parameters<typeof exportGraph>[1]);
  const file = b.format === 'csv' ? files.find((f) => f.name === `${String(b.file)}.csv`) : files[0];
  if (!file) return bad(['nothing to export']);
  return {
    status: 200,
    body: file.content,
    headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.name}"`, 'Cache-Control': 'no-store' },
  };
}

export function watchListIds(body: unknown): HttpResponseInit {
  const csv = (body as { csv?: unknown } | null)?.csv;
  if (typeof csv !== 'string' || csv.trim() === '') return bad(['send {"csv": "<the file>"}: one account or IP per line (a header row is skipped)']);
  try {
    const ids = parseWatchList(csv);
    if (ids.length === 0) return bad(['the watch list names no account or IP']);
    if (ids.length > MAX_CONSOLE_WATCH) return bad([`the console takes at most ${MAX_CONSOLE_WATCH} entries (got ${ids.length}); for more, use POST /api/export with the CSV`]);
    return { status: 200, jsonBody: { ids } };
  } catch (error) {
    if (isInvestigationError(error)) return bad([error.message]);
    throw error;
  }
}
