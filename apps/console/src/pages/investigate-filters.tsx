// The Investigate page's controls: entity search, hops, filters by operation / workload / result,
// and the time range as two sliders over the API's 7 days (hour steps). Everything is in the URL.
// Compact (one row, workloads and time behind a summary that states them) so that at 1280x800 the
// graph starts in the first screen.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { fmtTime } from '../lib/format';
import { navigate, withQuery, type Location } from '../lib/router';

export const SEARCH_KINDS = ['user', 'ip', 'object', 'site', 'app', 'mailbox', 'operation'];
export const WORKLOADS = ['AzureActiveDirectory', 'Exchange', 'SharePoint', 'OneDrive', 'MicrosoftTeams', 'SecurityComplianceCenter'];
export const RESULTS = ['Succeeded', 'Success', 'Failed', 'PartiallySucceeded'];
const HOUR = 3600_000;
export const RANGE_HOURS = 7 * 24;

/** The range the URL names, or the last 7 days ending now (rounded up to the hour). */
export function rangeOf(location: Location, now = Date.now()): { from: string; to: string; end: number } {
  const end = Math.ceil(now / HOUR) * HOUR;
  return { from: location.query.get('from') ?? new Date(end - RANGE_HOURS * HOUR).toISOString(), to: location.query.get('to') ?? new Date(end).toISOString(), end };
}

export function InvestigateFilters({ location, children }: { location: Location; children?: ComponentChildren }) {
  const q = location.query;
  const center = q.get('center') ?? '';
  const [kind, setKind] = useState(center.includes(':') ? center.slice(0, center.indexOf(':')) : 'user');
  const [key, setKey] = useState(center.includes(':') ? center.slice(center.indexOf(':') + 1) : '');
  const range = rangeOf(location);
  const fromH = Math.round((Date.parse(range.from) - (range.end - RANGE_HOURS * HOUR)) / HOUR);
  const toH = Math.round((Date.parse(range.to) - (range.end - RANGE_HOURS * HOUR)) / HOUR);
  const set = (changes: Record<string, string | undefined>) => navigate(withQuery(location, changes), { replace: true });
  const hourIso = (h: number) => new Date(range.end - (RANGE_HOURS - h) * HOUR).toISOString();
  const workloads = (q.get('workloads') ?? '').split(',').filter(Boolean);
  return (
    <div class="investigate-controls">
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) navigate(withQuery({ path: location.path, query: new URLSearchParams() }, { center: `${kind}:${key.trim()}`, from: q.get('from') ?? undefined, to: q.get('to') ?? undefined }));
        }}
      >
        <label>Entity kind
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            {SEARCH_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
        <label>Entity (account, IP, file URL, site, app id…)
          <input type="search" value={key} placeholder="alice@contoso.com" onInput={(e) => setKey((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="primary">Show graph</button>
      </form>
      <form class="filters" aria-label="Graph filters" onSubmit={(e) => e.preventDefault()}>
        <label>Hops
          <select value={q.get('hops') ?? '2'} onChange={(e) => set({ hops: (e.target as HTMLSelectElement).value })}>
            {['1', '2', '3'].map((h) => <option key={h} value={h}>{h}</option>)}
          </select>
        </label>
        <label>Operations (comma list)
          <input type="text" value={q.get('operations') ?? ''} onChange={(e) => set({ operations: (e.target as HTMLInputElement).value.replace(/\s*,\s*/g, ',').trim() })} />
        </label>
        <label>Result
          <select value={q.get('result') ?? ''} onChange={(e) => set({ result: (e.target as HTMLSelectElement).value })}>
            <option value="">any</option>
            {RESULTS.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => navigate(withQuery({ path: location.path, query: new URLSearchParams() }, { center: center || undefined }), { replace: true })}>Clear filters</button>
      </form>
      {children}
      <details class="more-filters" open={workloads.length > 0}>
        <summary>
          Workloads and time: {workloads.length > 0 ? workloads.join(', ') : 'all workloads'}, {fmtTime(range.from)} – {fmtTime(range.to)}
        </summary>
        <fieldset class="checks">
          <legend>Workloads</legend>
          {WORKLOADS.map((w) => (
            <label key={w}>
              <input type="checkbox" checked={workloads.includes(w)} onChange={() => set({ workloads: (workloads.includes(w) ? workloads.filter((x) => x !== w) : [...workloads, w]).join(',') })} /> {w}
            </label>
          ))}
        </fieldset>
        <fieldset class="range">
          <legend>Time range: {fmtTime(range.from)} – {fmtTime(range.to)}</legend>
          <label>From <input type="range" min={0} max={RANGE_HOURS - 1} step={1} value={fromH} aria-valuetext={fmtTime(range.from)} onChange={(e) => set({ from: hourIso(Math.min(Number((e.target as HTMLInputElement).value), toH - 1)) })} /></label>
          <label>To <input type="range" min={1} max={RANGE_HOURS} step={1} value={toH} aria-valuetext={fmtTime(range.to)} onChange={(e) => set({ to: hourIso(Math.max(Number((e.target as HTMLInputElement).value), fromH + 1)) })} /></label>
        </fieldset>
      </details>
    </div>
  );
}
