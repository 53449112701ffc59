// Orchestrations: the Durable instances with filters that live in the URL (they survive opening
// an instance and the Back button), a clear-all, sub-orchestrations hidden on demand, a rerun
// form, and in Azure a link to the Durable Task Scheduler dashboard.
import type { Session } from '../main';
import { api } from '../lib/api';
import { fmtTime } from '../lib/format';
import { href, navigate, onLinkClick, withQuery, type Location } from '../lib/router';
import { usePoll } from '../lib/use-poll';
import { StatusBadge } from './overview';
import { RerunForm } from './rerun-form';

interface InstanceSummary { instanceId: string; name: string; runtimeStatus: string; createdTime: string | null; lastUpdatedTime: string | null }
const STATUSES = ['Running', 'Pending', 'Completed', 'Failed', 'Terminated', 'ContinuedAsNew', 'Suspended'];

export function OrchestrationsPage({ location, session }: { location: Location; session: Session | undefined }) {
  const q = location.query;
  const params = new URLSearchParams();
  for (const k of ['status', 'name', 'from', 'to', 'topLevel']) if (q.get(k)) params.set(k, k === 'from' || k === 'to' ? new Date(q.get(k)!).toISOString() : q.get(k)!);
  const key = params.toString();
  const { data, error, reload } = usePoll((signal) => api<{ instances: InstanceSummary[]; total: number; truncated: boolean }>(`instances?${key}`, { signal }), [key], () => 5000);
  const set = (k: string, v: string | undefined) => navigate(withQuery(location, { [k]: v }), { replace: true });
  return (
    <section aria-labelledby="orch-title">
      <h1 id="orch-title">Orchestrations</h1>
      {session?.dashboardUrl ? (
        <p>In Azure the Durable Task Scheduler dashboard shows the same instances: <a href={session.dashboardUrl} target="_blank" rel="noopener noreferrer">open the dashboard</a>.</p>
      ) : null}
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <label>Status
          <select value={q.get('status') ?? ''} onChange={(e) => set('status', (e.target as HTMLSelectElement).value)}>
            <option value="">any</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>Name or id contains <input type="search" value={q.get('name') ?? ''} onInput={(e) => set('name', (e.target as HTMLInputElement).value)} /></label>
        <label>Created from <input type="datetime-local" value={q.get('from') ?? ''} onInput={(e) => set('from', (e.target as HTMLInputElement).value)} /></label>
        <label>to <input type="datetime-local" value={q.get('to') ?? ''} onInput={(e) => set('to', (e.target as HTMLInputElement).value)} /></label>
        <label class="inline"><input type="checkbox" checked={q.get('topLevel') === 'true'} onChange={(e) => set('topLevel', (e.target as HTMLInputElement).checked ? 'true' : undefined)} /> Hide sub-orchestrations</label>
        <button type="button" onClick={() => navigate('/orchestrations', { replace: true })}>Clear filters</button>
        <button type="button" onClick={reload}>Refresh</button>
      </form>
      <RerunForm />
      {error ? <p role="alert" class="error">{error.message}</p> : null}
      {data ? (
        <>
          <p aria-live="polite">{data.total} instance{data.total === 1 ? '' : 's'}{data.truncated ? ` (newest ${data.instances.length} shown)` : ''}.</p>
          <table class="instances">
            <caption class="visually-hidden">Orchestration instances, newest first</caption>
            <thead><tr><th scope="col">Instance</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col">Updated</th></tr></thead>
            <tbody>
              {data.instances.map((i) => {
                const to = `/orchestrations/${encodeURIComponent(i.instanceId)}`;
                return (
                  <tr key={i.instanceId}>
                    <td><a href={href(to)} onClick={(e) => onLinkClick(e, to)}>{i.instanceId}</a></td>
                    <td>{i.name}</td>
                    <td><StatusBadge status={i.runtimeStatus} /></td>
                    <td>{fmtTime(i.createdTime)}</td>
                    <td>{fmtTime(i.lastUpdatedTime)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : !error ? <p aria-busy="true">Loading…</p> : null}
    </section>
  );
}
