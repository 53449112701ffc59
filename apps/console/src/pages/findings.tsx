// Findings: indicator hits with severity, entities, time and evidence; filtered and sorted in the
// URL; each opens its graph (evidence highlighted) and its raw events.
import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import { fmt, fmtTime } from '../lib/format';
import { href, navigate, onLinkClick, withQuery, type Location } from '../lib/router';
import { usePoll } from '../lib/use-poll';
import type { Finding } from '../graph/graph-types';

const SEVERITY_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };
const SEVERITY_MARK: Record<string, string> = { high: '▲▲▲', medium: '▲▲', low: '▲' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Around a finding's span in its graph. */
const MARGIN = 15 * 60_000;

/**
 * The Investigate URL of a finding: its first entity's own relations (one hop) over its span
 * ±15 minutes, evidence highlighted. Narrow on purpose: around a compromise even one hour of one
 * user passes the API's node cap (600 mail items synced), and the cap cuts the least active nodes
 * first, which is where a single inbox rule's destination is. The time-range sliders widen it.
 */
export function findingGraphPath(f: Finding, now = Date.now()): string {
  const first = f.entities[0];
  const q = new URLSearchParams({
    ...(first ? { center: first.id.startsWith(`${first.kind}:`) ? first.id : `${first.kind}:${first.id}` } : {}),
    hops: '1',
    from: new Date(Math.max(Date.parse(f.start) - MARGIN, now - 7 * DAY)).toISOString(),
    to: new Date(Math.min(Date.parse(f.end) + MARGIN, now + HOUR)).toISOString(),
    finding: f.id,
  });
  return `/investigate?${q}`;
}

export function FindingsPage({ location }: { location: Location }) {
  const q = location.query;
  const params = new URLSearchParams({ limit: '500' });
  for (const k of ['severity', 'indicator', 'entity', 'from', 'to']) if (q.get(k)) params.set(k, q.get(k)!);
  const key = params.toString();
  const { data, error } = usePoll((signal) => api<{ findings: Finding[]; continuationToken?: string }>(`findings?${key}`, { signal }), [key], () => 30_000);
  const sort = q.get('sort') ?? 'time';
  const set = (k: string, v: string | undefined) => navigate(withQuery(location, { [k]: v }), { replace: true });
  const findings = [...(data?.findings ?? [])].sort((a, b) =>
    sort === 'severity' ? SEVERITY_RANK[b.severity]! - SEVERITY_RANK[a.severity]! || b.end.localeCompare(a.end) : sort === 'indicator' ? a.indicator.localeCompare(b.indicator) : b.end.localeCompare(a.end),
  );
  const indicators = [...new Set((data?.findings ?? []).map((f) => f.indicator))].sort();
  return (
    <section aria-labelledby="find-title">
      <h1 id="find-title">Findings</h1>
      <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>Severity
          <select value={q.get('severity') ?? ''} onChange={(e) => set('severity', (e.target as HTMLSelectElement).value)}>
            <option value="">any</option><option value="high">high</option><option value="medium">medium</option><option value="low">low</option>
          </select>
        </label>
        <label>Indicator
          <select value={q.get('indicator') ?? ''} onChange={(e) => set('indicator', (e.target as HTMLSelectElement).value)}>
            <option value="">any</option>
            {[...new Set([...indicators, ...(q.get('indicator') ? [q.get('indicator')!] : [])])].map((i) => <option key={i} value={i}>{i}</option>)}
          </select>
        </label>
        <label>Entity (node id, e.g. user:alice@contoso.com) <input type="search" value={q.get('entity') ?? ''} onChange={(e) => set('entity', (e.target as HTMLInputElement).value.trim())} /></label>
        <label>Sort by
          <select value={sort} onChange={(e) => set('sort', (e.target as HTMLSelectElement).value)}>
            <option value="time">newest first</option><option value="severity">severity</option><option value="indicator">indicator</option>
          </select>
        </label>
        <button type="button" onClick={() => navigate('/findings', { replace: true })}>Clear filters</button>
      </form>
      {error ? <p role="alert" class="error">{error.message}</p> : null}
      {!data && !error ? <p aria-busy="true">Loading…</p> : null}
      {data ? <p aria-live="polite">{fmt(findings.length)} finding{findings.length === 1 ? '' : 's'}{data.continuationToken ? ' (the first 500; narrow the filters)' : ''}.</p> : null}
      {data && findings.length === 0 ? <p class="callout">No finding matches. Findings are computed as events arrive; an empty store has none yet.</p> : null}
      {findings.length > 0 ? (
        <table class="findings">
          <caption class="visually-hidden">Findings</caption>
          <thead><tr><th scope="col">Severity</th><th scope="col">Finding</th><th scope="col">Entities</th><th scope="col">When</th><th scope="col">Evidence</th></tr></thead>
          <tbody>{findings.map((f) => <FindingRow key={f.id} finding={f} />)}</tbody>
        </table>
      ) : null}
    </section>
  );
}

function FindingRow({ finding: f }: { finding: Finding }) {
  const [raw, setRaw] = useState<unknown[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const graphPath = findingGraphPath(f);
  const loadRaw = async () => {
    try {
      const ids = f.evidenceIds.slice(0, 50).join(',');
      setRaw((await api<{ events: unknown[] }>(`events?ids=${encodeURIComponent(ids)}`)).events);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <tr data-finding={f.id} data-indicator={f.indicator}>
      <td class={`severity-${f.severity}`}><span aria-hidden="true">{SEVERITY_MARK[f.severity]}</span> {f.severity}</td>
      <td>
        <strong>{f.title}</strong>
        <div class="muted">{f.indicator} · rule: {f.source}</div>
        <a href={href(graphPath)} onClick={(e) => onLinkClick(e, graphPath)}>Open graph</a>
      </td>
      <td>
        <ul class="plain">
          {f.entities.map((e) => {
            const to = `/investigate?center=${encodeURIComponent(e.id)}`;
            return <li key={e.id}><a href={href(to)} onClick={(ev) => onLinkClick(ev, to)}>{e.id}</a></li>;
          })}
        </ul>
      </td>
      <td>{fmtTime(f.start)}<br />– {fmtTime(f.end)}</td>
      <td>
        {fmt(f.evidenceTotal)} events
        <details onToggle={(e) => { if ((e.target as HTMLDetailsElement).open && !raw) void loadRaw(); }}>
          <summary>Raw events</summary>
          {error ? <p role="alert" class="error">{error}</p> : null}
          {raw ? <pre class="json">{JSON.stringify(raw, null, 2)}</pre> : <p aria-busy="true">Loading…</p>}
        </details>
      </td>
    </tr>
  );
}
