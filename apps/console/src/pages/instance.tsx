// One orchestration instance: status, custom status, output, and its history on a timeline
// (activities and sub-orchestrations as bars, failures with messages, retries numbered), with
// terminate and rerun-a-window, each confirmed.
import type { Session } from '../main';
import { api } from '../lib/api';
import { ConfirmButton } from '../lib/confirm-button';
import { fmtMs, fmtTime } from '../lib/format';
import { href, onLinkClick } from '../lib/router';
import { buildTimeline, type HistoryItem, type TimelineRow } from '../lib/timeline';
import { usePoll } from '../lib/use-poll';
import { StatusBadge } from './overview';
import { CONTENT_TYPES, RerunForm } from './rerun-form';

interface Detail {
  instance: { instanceId: string; name: string; runtimeStatus: string; createdTime: string | null; lastUpdatedTime: string | null; customStatus: unknown; output: unknown };
  history: HistoryItem[];
  historyTotal: number;
}
const ACTIVE = new Set(['Running', 'Pending', 'Suspended', 'ContinuedAsNew']);
const MAX_ROWS = 400;

export function InstancePage({ instanceId }: { instanceId: string; session: Session | undefined }) {
  const { data, error, reload } = usePoll((signal) => api<Detail>(`instances/${encodeURIComponent(instanceId)}`, { signal }), [instanceId], (d) => (d && ACTIVE.has(d.instance.runtimeStatus) ? 2000 : undefined));
  if (error) return <section><h1>Instance {instanceId}</h1><p role="alert" class="error">{error.message}</p><p><a href={href('/orchestrations')} onClick={(e) => onLinkClick(e, '/orchestrations')}>Back to the instances</a></p></section>;
  if (!data) return <section><h1>Instance {instanceId}</h1><p aria-busy="true">Loading…</p></section>;
  const { instance } = data;
  const timeline = buildTimeline(data.history);
  const contentType = CONTENT_TYPES.find((ct) => instance.instanceId.endsWith(`:${ct}`));
  const terminate = async () => {
    await api(`instances/${encodeURIComponent(instanceId)}/terminate`, { method: 'POST', body: { reason: 'terminated from the console' } });
    reload();
  };
  return (
    <section aria-labelledby="inst-title">
      <p><a href={href('/orchestrations')} onClick={(e) => onLinkClick(e, '/orchestrations')}>← Orchestrations</a></p>
      <h1 id="inst-title">{instance.instanceId}</h1>
      <dl class="facts wide">
        <dt>Orchestrator</dt><dd>{instance.name}</dd>
        <dt>Status</dt><dd><StatusBadge status={instance.runtimeStatus} /></dd>
        <dt>Created</dt><dd>{fmtTime(instance.createdTime)}</dd>
        <dt>Updated</dt><dd>{fmtTime(instance.lastUpdatedTime)}</dd>
        <dt>History</dt><dd>{data.historyTotal} events, {timeline.failures} failures, {timeline.retries} retries</dd>
      </dl>
      <div class="actions">
        <ConfirmButton label="Terminate…" title={`Terminate ${instance.instanceId}?`} confirmLabel="Terminate" danger disabled={!ACTIVE.has(instance.runtimeStatus)} onConfirm={terminate}>
          <p>The run stops where it is. Watermarks only move after data is stored, so the next cycle resumes where this one stopped.</p>
        </ConfirmButton>
      </div>
      <RerunForm {...(contentType ? { contentType } : {})} />
      <h2>Custom status</h2>
      <pre class="json">{JSON.stringify(instance.customStatus, null, 2) ?? 'none'}</pre>
      {instance.output !== null ? (<><h2>Output</h2><pre class="json">{typeof instance.output === 'string' ? instance.output : JSON.stringify(instance.output, null, 2)}</pre></>) : null}
      <h2>Timeline</h2>
      <TimelineView rows={timeline.rows.slice(0, MAX_ROWS)} start={timeline.start} end={timeline.end} />
      {timeline.rows.length > MAX_ROWS ? <p>{timeline.rows.length - MAX_ROWS} more rows not drawn.</p> : null}
    </section>
  );
}

const OUTCOME_MARK: Record<string, string> = { completed: '✓', failed: '✗', terminated: '■', started: '▶', fired: '•' };

function TimelineView({ rows, start, end }: { rows: TimelineRow[]; start: number; end: number }) {
  if (rows.length === 0) return <p>No history events.</p>;
  const span = Math.max(end - start, 1);
  return (
    <table class="timeline">
      <caption class="visually-hidden">History: one row per activity, sub-orchestration, timer or event; bars show when each ran</caption>
      <thead><tr><th scope="col">What</th><th scope="col">Outcome</th><th scope="col">Took</th><th scope="col" class="bar-col">When (from {fmtTime(new Date(start).toISOString())}, span {fmtMs(span)})</th></tr></thead>
      <tbody>
        {rows.map((r, i) => {
          const left = ((r.start - start) / span) * 100;
          const width = Math.max(((r.end - r.start) / span) * 100, 0.4);
          const to = r.instanceId ? `/orchestrations/${encodeURIComponent(r.instanceId)}` : undefined;
          return (
            <tr key={i} class={`outcome-${r.outcome}`}>
              <th scope="row">
                <span class="kind">{r.kind}</span>{' '}
                {to ? <a href={href(to)} onClick={(e) => onLinkClick(e, to)}>{r.name}</a> : r.name}
                {r.attempt > 1 ? <span class="retry"> (retry, attempt {r.attempt})</span> : null}
                {r.message ? <div class="message">{r.message}</div> : null}
              </th>
              <td>{OUTCOME_MARK[r.outcome]} {r.outcome}</td>
              <td>{r.end > r.start ? fmtMs(r.end - r.start) : '–'}</td>
              <td class="bar-col"><span class="bar" style={{ marginLeft: `${left}%`, width: `${width}%` }} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
