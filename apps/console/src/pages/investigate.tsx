// Investigate: an entity's graph (node size = count, edge label = operation), a click selects and
// expands a node, filters and the time range in the URL, the side pane with the entity's summary
// and raw events, a finding's evidence highlighted (?finding=), export of the view (CSV, GraphML,
// GEXF) and a watch-list CSV that keeps only the paths touching the listed accounts.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import { downloadResponse } from '../lib/download';
import { fmt } from '../lib/format';
import { navigate, withQuery, type Location } from '../lib/router';
import { GraphCanvas } from '../graph/graph-canvas';
import { evidenceHighlight, isExpandable, mergeGraphs } from '../graph/graph-model';
import type { EntityGraph, Finding } from '../graph/graph-types';
import { KIND_COLORS } from '../graph/render-graph';
import { EdgeList, EntityPane, NodeList } from './entity-pane';
import { InvestigateFilters, rangeOf } from './investigate-filters';

const FILTER_KEYS = ['operations', 'workloads', 'result', 'watch'] as const;
const EMPTY: EntityGraph = { nodes: [], edges: [], truncated: { nodes: 0, edges: 0 } };

export function InvestigatePage({ location }: { location: Location }) {
  const q = location.query;
  const center = q.get('center') ?? undefined;
  const range = rangeOf(location);
  const expand = useMemo(() => (q.get('expand') ?? '').split(',').filter(Boolean), [q.get('expand')]);
  const filterParams = new URLSearchParams({ from: range.from, to: range.to });
  for (const k of FILTER_KEYS) if (q.get(k)) filterParams.set(k, q.get(k)!);
  const filterKey = filterParams.toString();
  const [graph, setGraph] = useState<EntityGraph>(EMPTY);
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [finding, setFinding] = useState<Finding | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  useEffect(() => {
    if (!center && !q.get('watch')) return;
    const controller = new AbortController();
    setLoading(true);
    (async () => {
      const base = new URLSearchParams(filterParams);
      if (center) base.set('center', center);
      base.set('hops', q.get('hops') ?? '2');
      let view = await api<EntityGraph>(`graph?${base}`, { signal: controller.signal });
      for (const id of expand) {
        const more = new URLSearchParams(filterParams);
        more.set('center', id);
        more.set('hops', '1');
        view = mergeGraphs(view, await api<EntityGraph>(`graph?${more}`, { signal: controller.signal }));
      }
      setGraph(view);
      setError(undefined);
    })()
      .catch((e: Error) => {
        if (!controller.signal.aborted) setError(e instanceof ApiError && e.problems.length > 0 ? e.problems.map((p) => `${p.field ?? p.parameter ?? ''}: ${p.problem ?? p.message ?? ''}`).join('; ') : e.message);
      })
      .finally(() => setLoading(false));
    return () => controller.abort();
  }, [center, q.get('hops'), filterKey, expand.join(',')]);

  const findingId = q.get('finding');
  useEffect(() => {
    if (!findingId) return setFinding(undefined);
    const params = new URLSearchParams({ limit: '1000', ...(center ? { entity: center } : {}) });
    api<{ findings: Finding[] }>(`findings?${params}`).then(
      (r) => setFinding(r.findings.find((f) => f.id === findingId)),
      () => setFinding(undefined),
    );
  }, [findingId, center]);

  const highlight = useMemo(() => evidenceHighlight(graph, finding), [graph, finding]);
  const selectedId = q.get('selected') ?? center;
  const selected = graph.nodes.find((n) => n.id === selectedId);
  const select = (id: string) => navigate(withQuery(location, { selected: id }), { replace: true });
  const expandNode = (id: string) => {
    if (!isExpandable(id)) return select(id);
    const next = expand.includes(id) || id === center ? expand : [...expand, id];
    navigate(withQuery(location, { selected: id, expand: next.join(',') || undefined }));
  };

  const exportAs = async (format: 'csv' | 'graphml' | 'gexf', file?: 'nodes' | 'edges') => {
    const response = await fetch('/console/api/export', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ format, ...(file ? { file } : {}), graph: { nodes: graph.nodes, edges: graph.edges, truncated: graph.truncated } }),
    });
    const name = await downloadResponse(response, `graph.${format}`);
    setNotice(`Downloaded ${name}.`);
  };
  const uploadWatchList = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const { ids } = await api<{ ids: string[] }>('watch-list', { method: 'POST', body: { csv: await file.text() } });
      navigate(withQuery(location, { watch: ids.join(','), expand: undefined }));
      setNotice(`Watch list: ${ids.length} entries; only paths touching them are kept.`);
    } catch (e) {
      setNotice(`The watch list was refused: ${(e as Error).message}`);
    }
    input.value = '';
  };

  return (
    <section aria-labelledby="inv-title" class="investigate">
      <h1 id="inv-title">Investigate{center ? <>: <code>{center}</code></> : null}</h1>
      <InvestigateFilters location={location}>
        <div class="watch-list">
          <label class="file">Watch list (CSV of accounts or IPs) <input type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void uploadWatchList(e.target as HTMLInputElement)} /></label>
          {q.get('watch') ? <button type="button" onClick={() => navigate(withQuery(location, { watch: undefined }))}>Clear watch list ({(q.get('watch') ?? '').split(',').length})</button> : null}
        </div>
      </InvestigateFilters>
      <p role="status" aria-live="polite">{notice}</p>
      {finding ? (
        <div class="callout finding-callout">
          <strong>Finding [{finding.severity}]: {finding.title}</strong> — {finding.indicator}, {finding.evidenceTotal} evidence events; the ★ entities and relations carry its evidence
          ({highlight.edges.size} relations highlighted). Rule: {finding.source}.
          {graph.nodes.length > 0 && highlight.edges.size === 0 ? (
            <p>None of its evidence is in this view (cut by the caps or the filters): narrow the time range, use one hop, or clear the filters.</p>
          ) : null}
        </div>
      ) : findingId ? <p>Finding {findingId} is not among the findings of this entity.</p> : null}
      {!center && !q.get('watch') ? <p class="callout">Search for an entity above, or open a finding from the Findings page.</p> : null}
      {error ? <p role="alert" class="error">{error}</p> : null}
      {loading ? <p aria-busy="true">Loading the graph…</p> : null}
      {graph.nodes.length > 0 ? (
        <>
          <p class="graph-summary">
            {fmt(graph.nodes.length)} entities, {fmt(graph.edges.length)} relations.
            {graph.truncated.nodes + graph.truncated.edges > 0 ? ` Cut by the caps: ${fmt(graph.truncated.nodes)} entities, ${fmt(graph.truncated.edges)} relations (${graph.truncated.reason ?? 'limits'}).` : ''}
            {' '}Click a user, IP or object to expand it (other entities are selected).
          </p>
          <div class="graph-layout">
            <div>
              <GraphCanvas graph={graph} {...(center ? { center } : {})} {...(selectedId ? { selected: selectedId } : {})} highlight={highlight} onNodeClick={expandNode} />
              <div class="toolbar">
                <span>Export the view:</span>
                <button type="button" onClick={() => void exportAs('csv', 'nodes').then(() => exportAs('csv', 'edges'))}>CSV (nodes + edges)</button>
                <button type="button" onClick={() => void exportAs('graphml')}>GraphML</button>
                <button type="button" onClick={() => void exportAs('gexf')}>GEXF</button>
              </div>
              <Legend graph={graph} />
              <NodeList graph={graph} {...(selectedId ? { selected: selectedId } : {})} onSelect={select} />
              <EdgeList graph={graph} highlighted={highlight.edges} />
            </div>
            <EntityPane node={selected} range={range} onExpand={expandNode} />
          </div>
        </>
      ) : null}
    </section>
  );
}

function Legend({ graph }: { graph: EntityGraph }) {
  const kinds = [...new Set(graph.nodes.map((n) => n.kind))].sort();
  return (
    <ul class="legend" aria-label="Entity kinds">
      {kinds.map((k) => (
        <li key={k}><span class="swatch" data-kind={k} style={{ background: KIND_COLORS[k] ?? '#333' }} aria-hidden="true" /> {k} ({graph.nodes.filter((n) => n.kind === k).length})</li>
      ))}
      <li>Node labels name the kind too; size = event count; edge label = operation; ★ = evidence of the open finding.</li>
    </ul>
  );
}
