// The side pane: the selected entity's facts, its summary (neighbours, findings) and its raw
// events, paged; plus the keyboard-reachable list of every entity in the view.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api';
import { fmt, fmtTime } from '../lib/format';
import { EXPANDABLE_KINDS, isExpandable } from '../graph/graph-model';
import type { EntityGraph, GraphNode } from '../graph/graph-types';

export const EVENT_KINDS = ['user', 'ip', 'object', 'operation'];

interface EventDoc { id: string; time: string; operation: string | null; workload: string | null; result: string | null; actor: { userId: string | null; ip: string | null }; target: { objectId: string | null }; raw?: unknown }
interface EntityPage { events: EventDoc[]; continuationToken?: string; summary?: { findings?: { id: string; title: string; severity: string }[] } }

export function EntityPane({ node, range, onExpand }: { node: GraphNode | undefined; range: { from: string; to: string }; onExpand: (id: string) => void }) {
  const [events, setEvents] = useState<EventDoc[]>([]);
  const [token, setToken] = useState<string | undefined>();
  const [summary, setSummary] = useState<EntityPage['summary']>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const kind = node?.kind ?? '';
  const key = node ? node.id.slice(kind.length + 1) : '';
  const load = async (continuation?: string) => {
    if (!node || !EVENT_KINDS.includes(kind)) return;
    setBusy(true);
    try {
      const q = new URLSearchParams({ from: range.from, to: range.to, limit: '25', raw: 'true', ...(continuation ? { continuationToken: continuation } : {}) });
      const page = await api<EntityPage>(`entities/${encodeURIComponent(kind)}/${encodeURIComponent(key)}?${q}`);
      setEvents((e) => (continuation ? [...e, ...page.events] : page.events));
      setToken(page.continuationToken);
      if (!continuation) setSummary(page.summary);
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    setEvents([]);
    setToken(undefined);
    setSummary(undefined);
    void load();
  }, [node?.id, range.from, range.to]);
  if (!node) return <aside class="pane" aria-label="Entity"><p>Select an entity in the graph or in the list.</p></aside>;
  return (
    <aside class="pane" aria-labelledby="pane-title">
      <h2 id="pane-title">{node.kind}: {node.label}</h2>
      <dl class="facts">
        <dt>Events</dt><dd>{fmt(node.count)}</dd>
        <dt>First seen</dt><dd>{fmtTime(node.firstSeen)}</dd>
        <dt>Last seen</dt><dd>{fmtTime(node.lastSeen)}</dd>
        {node.flags?.external ? <><dt>Flag</dt><dd>external</dd></> : null}
        {node.flags?.guest ? <><dt>Flag</dt><dd>guest</dd></> : null}
        {node.flags?.watched ? <><dt>Flag</dt><dd>on the watch list</dd></> : null}
      </dl>
      <button type="button" disabled={!isExpandable(node.id)} aria-describedby={isExpandable(node.id) ? undefined : 'expand-note'} onClick={() => onExpand(node.id)}>Expand this entity</button>
      {isExpandable(node.id) ? null : (
        <p id="expand-note" class="muted">A {node.kind} cannot be expanded: the store indexes events by {EXPANDABLE_KINDS.join(', ')}; expand one of its neighbours instead.</p>
      )}
      {summary?.findings && summary.findings.length > 0 ? (
        <>
          <h3>Findings naming it</h3>
          <ul>{summary.findings.map((f) => <li key={f.id}>[{f.severity}] {f.title}</li>)}</ul>
        </>
      ) : null}
      <h3>Raw events</h3>
      {!EVENT_KINDS.includes(kind) ? <p>Events are indexed by user, IP, object and operation; expand this entity to see them through its neighbours.</p> : null}
      {error ? <p role="alert" class="error">{error}</p> : null}
      <ol class="events">
        {events.map((e) => (
          <li key={e.id}>
            <details>
              <summary>{fmtTime(e.time)} {e.operation ?? '?'} · {e.workload ?? '?'} · {e.result ?? '–'}{e.actor.ip ? ` · ${e.actor.ip}` : ''}</summary>
              <pre class="json">{JSON.stringify(e.raw ?? e, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
      {token ? <button type="button" disabled={busy} onClick={() => void load(token)}>{busy ? 'Loading…' : 'More events'}</button> : null}
    </aside>
  );
}

/** Every relation in the view as text (what the canvas draws), heaviest first. */
export function EdgeList({ graph, highlighted }: { graph: EntityGraph; highlighted: ReadonlySet<string> }) {
  const label = new Map(graph.nodes.map((n) => [n.id, `${n.kind}: ${n.label}`]));
  const edges = [...graph.edges].sort((a, b) => Number(highlighted.has(b.id)) - Number(highlighted.has(a.id)) || b.count - a.count).slice(0, 5000);
  return (
    <details class="edge-list">
      <summary>Relations in the view ({graph.edges.length})</summary>
      <ul>
        {edges.map((e) => (
          <li key={e.id} data-edge-kind={e.kind} data-operation={e.operation ?? ''} class={highlighted.has(e.id) ? 'evidence' : ''}>
            {highlighted.has(e.id) ? '★ ' : ''}{label.get(e.source) ?? e.source} —{e.operation ?? e.kind}→ {label.get(e.target) ?? e.target} ({fmt(e.count)})
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Every entity in the view as buttons: the keyboard's way into the graph. */
export function NodeList({ graph, selected, onSelect }: { graph: EntityGraph; selected?: string; onSelect: (id: string) => void }) {
  const nodes = [...graph.nodes].sort((a, b) => b.count - a.count).slice(0, 5000);
  return (
    <details class="node-list">
      <summary>Entities in the view ({graph.nodes.length})</summary>
      <ul>
        {nodes.map((n) => (
          <li key={n.id}>
            <button type="button" class="link-like" data-node={n.id} aria-pressed={n.id === selected} onClick={() => onSelect(n.id)}>{n.kind}: {n.label} ({fmt(n.count)})</button>
          </li>
        ))}
      </ul>
    </details>
  );
}
