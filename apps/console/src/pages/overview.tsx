// Overview: per content type, is it collecting, the newest event stored (as GET /api/health
// reports it), the watermark and its lag, blobs listed / stored / lost / quarantined, gaps with
// reasons, the last cycle; live while a collection runs (a progress
// bar per content type, refreshed every 2 s); an empty store says what to do next.
import { api } from '../lib/api';
import { fmt, fmtDuration, fmtTime } from '../lib/format';
import { href, onLinkClick } from '../lib/router';
import { usePoll } from '../lib/use-poll';

interface GapSummary { id: string; reason: string; window: { start: string; end: string }; detail: string; recordedAt: string }
interface ContentTypeStatus {
  contentType: string;
  watermark: string | null;
  freshnessInSeconds: number | null;
  lastCycle: { instanceId: string; startedAt: string; finishedAt: string; windows: number; blobsListed: number; blobsStored: number; recordsStored: number; recordsRejected: number; gaps: number } | null;
  openGaps: { count: number; latest: GapSummary[] };
  subscription: { state: string; detail?: string } | null;
}
interface Counts {
  contentType: string;
  blobsListed: number;
  blobsStored: number;
  blobsLost: number;
  blobsQuarantined: number;
  blobsWaiting: number;
  recordsStored: number;
  newestEventTime: string | null;
  runStatus: string | null;
}
export interface Overview {
  status: { tenantId: string; now: string; contentTypes: ContentTypeStatus[]; orchestration: { instanceId: string; runtimeStatus: string; lastUpdatedTime?: string } };
  counts: Counts[];
  schedule: string;
  firstRunLookbackHours: number;
}

const RUNNING = new Set(['Running', 'Pending', 'ContinuedAsNew']);

export function OverviewPage() {
  const { data, error } = usePoll((signal) => api<Overview>('overview', { signal }), [], (d) => (d && RUNNING.has(d.status.orchestration.runtimeStatus) ? 2000 : 10000));
  if (error) return <section><h1>Overview</h1><p role="alert" class="error">Could not read the collection status: {error.message}</p></section>;
  if (!data) return <section><h1>Overview</h1><p aria-busy="true">Loading…</p></section>;
  const { status, counts } = data;
  const running = RUNNING.has(status.orchestration.runtimeStatus);
  const empty = status.contentTypes.every((c) => c.watermark === null) && counts.every((c) => c.blobsListed === 0);
  const totalRecords = counts.reduce((s, c) => s + c.recordsStored, 0);
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <p class="summary" aria-live="polite">
        Tenant <code>{status.tenantId}</code>. Collection <a href={href(`/orchestrations/${encodeURIComponent(status.orchestration.instanceId)}`)} onClick={(e) => onLinkClick(e, `/orchestrations/${encodeURIComponent(status.orchestration.instanceId)}`)}>{status.orchestration.instanceId}</a>:{' '}
        <StatusBadge status={status.orchestration.runtimeStatus} />
        {status.orchestration.lastUpdatedTime ? <> (updated {fmtTime(status.orchestration.lastUpdatedTime)})</> : null}. {fmt(totalRecords)} records stored.
        {running ? ' Live: refreshing every 2 seconds.' : ''}
      </p>
      {empty ? (
        <div class="callout" role="note">
          <h2>Nothing collected yet</h2>
          <p>
            The collection timer (<code>AUDITFLOW_SCHEDULE</code> = <code>{data.schedule}</code>) starts a cycle; the first one collects the
            last {data.firstRunLookbackHours} hours. {status.orchestration.runtimeStatus === 'NotStarted' ? 'No cycle has started yet: wait for the timer, or ' : ''}
            start a rerun of a window from <a href={href('/orchestrations')} onClick={(e) => onLinkClick(e, '/orchestrations')}>Orchestrations</a>. With the
            simulated tenant, <code>npm start</code> fills the store in about a minute.
          </p>
        </div>
      ) : null}
      <div class="cards">
        {status.contentTypes.map((ct) => {
          const c = counts.find((x) => x.contentType === ct.contentType);
          return <ContentTypeCard key={ct.contentType} status={ct} counts={c} collecting={running && c?.runStatus !== null && RUNNING.has(c?.runStatus ?? '')} />;
        })}
      </div>
    </section>
  );
}

function ContentTypeCard({ status, counts, collecting }: { status: ContentTypeStatus; counts: Counts | undefined; collecting: boolean }) {
  const listed = counts?.blobsListed ?? 0;
  const done = (counts?.blobsStored ?? 0) + (counts?.blobsLost ?? 0) + (counts?.blobsQuarantined ?? 0);
  const id = `ct-${status.contentType.replace(/\W/g, '-')}`;
  return (
    <article class="card" aria-labelledby={id} data-content-type={status.contentType}>
      <h2 id={id}>{status.contentType}</h2>
      <p class="state">
        {collecting ? <span class="badge running">● collecting</span> : <span class="badge idle">○ idle</span>}{' '}
        {status.subscription ? <span>subscription: {status.subscription.state}</span> : null}
      </p>
      {collecting && listed > 0 ? (
        <div class="progress">
          <label for={`${id}-progress`}>Blobs done {fmt(done)} of {fmt(listed)} listed</label>
          <progress id={`${id}-progress`} max={listed} value={done} />
        </div>
      ) : null}
      <dl class="facts">
        <dt>Newest event</dt><dd data-newest={counts?.newestEventTime ?? ''}>{fmtTime(counts?.newestEventTime)}</dd>
        <dt>Watermark</dt><dd>{fmtTime(status.watermark)}</dd>
        <dt>Watermark lag</dt><dd>{fmtDuration(status.freshnessInSeconds)}</dd>
        <dt>Blobs listed</dt><dd data-count="listed">{fmt(counts?.blobsListed)}</dd>
        <dt>Blobs stored</dt><dd data-count="stored">{fmt(counts?.blobsStored)}</dd>
        <dt>Blobs lost</dt><dd data-count="lost">{fmt(counts?.blobsLost)}</dd>
        <dt>Blobs quarantined</dt><dd data-count="quarantined">{fmt(counts?.blobsQuarantined)}</dd>
        <dt>Blobs waiting</dt><dd data-count="waiting">{fmt(counts?.blobsWaiting)}</dd>
        <dt>Records stored</dt><dd data-count="records">{fmt(counts?.recordsStored)}</dd>
        <dt>Open gaps</dt><dd data-count="gaps">{fmt(status.openGaps.count)}</dd>
      </dl>
      {status.lastCycle ? (
        <p class="cycle">
          Last cycle {fmtTime(status.lastCycle.finishedAt)}: {fmt(status.lastCycle.windows)} windows, {fmt(status.lastCycle.blobsStored)}/{fmt(status.lastCycle.blobsListed)} blobs,{' '}
          {fmt(status.lastCycle.recordsStored)} records, {fmt(status.lastCycle.gaps)} gaps.
        </p>
      ) : <p class="cycle">No cycle finished yet.</p>}
      {status.openGaps.latest.length > 0 ? (
        <details>
          <summary>Gaps ({status.openGaps.count})</summary>
          <ul class="gaps">
            {status.openGaps.latest.map((g) => (
              <li key={g.id}><strong>{g.reason}</strong> {fmtTime(g.window.start)} – {fmtTime(g.window.end)}: {g.detail}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}

const STATUS_ICON: Record<string, string> = { Running: '▶', Pending: '…', Completed: '✓', Failed: '✗', Terminated: '■', ContinuedAsNew: '↻', Suspended: '⏸', NotStarted: '○' };

/** A runtime status as text plus a symbol (never colour alone). */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge status-${status.toLowerCase()}`}>{STATUS_ICON[status] ?? '•'} {status}</span>;
}
