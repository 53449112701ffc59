// GET|POST /api/export: the graph of GET /api/graph's parameters as a file for the tool it names:
// format=csv (Power BI; two files, so file=nodes|edges), graphml, gexf (Gephi) or json. A POST
// body is a watch list (the seed's adminlist.csv: one account or IP per line) that keeps only
// what is within `hops` of its entries.
import { EXPORT_FORMATS, exportGraph, isInvestigationError, parseWatchList } from '@auditflow/investigation';
import { buildGraph, readGraphParams } from './graph-handler';
import { badRequest, type HandlerResult } from './handler-result';
import type { InvestigateDeps } from './investigate-deps';
import { ParamReader } from './query-params';

export const MAX_WATCH_LIST_BYTES = 1_048_576;

export async function exportHandler(params: URLSearchParams, body: string | undefined, deps: InvestigateDeps): Promise<HandlerResult> {
  const reader = new ParamReader(params);
  const format = reader.oneOf('format', EXPORT_FORMATS);
  if (format === undefined && !reader.problems.some((p) => p.parameter === 'format')) reader.problem('format', `give one of ${EXPORT_FORMATS.join(', ')}`);
  const file = reader.oneOf('file', ['nodes', 'edges'] as const);
  if (format === 'csv' && file === undefined && !reader.problems.some((p) => p.parameter === 'file')) {
    reader.problem('file', 'csv is two files (nodes.csv and edges.csv): add file=nodes or file=edges');
  }
  let watchList: string[] = [];
  if (body !== undefined && body.trim() !== '') {
    if (Buffer.byteLength(body) > MAX_WATCH_LIST_BYTES) reader.problem('body', `the watch list is larger than ${MAX_WATCH_LIST_BYTES} bytes`);
    else {
      try {
        watchList = parseWatchList(body);
      } catch (error) {
        if (!isInvestigationError(error)) throw error;
        for (const p of error.problems) reader.problem('body', p);
      }
    }
  }
  const { query } = readGraphParams(reader, deps.now, watchList);
  reader.rejectUnknown();
  if (reader.problems.length > 0 || format === undefined) return badRequest(reader.problems);
  const built = await buildGraph(query, deps);
  if ('problems' in built) return badRequest(built.problems);
  const files = exportGraph(built.graph, format);
  const chosen = format === 'csv' ? files.find((f) => f.name === `${file}.csv`) : files[0];
  if (!chosen) throw new Error(`export ${format} produced no file`);
  const truncated = built.graph.truncated;
  return {
    status: 200,
    text: chosen.content,
    contentType: chosen.contentType,
    headers: {
      'content-disposition': `attachment; filename="${chosen.name}"`,
      // What the caps cut travels with the file, which has no place for it in some formats.
      'x-auditflow-truncated': `nodes=${truncated.nodes}; edges=${truncated.edges}`,
    },
  };
}
