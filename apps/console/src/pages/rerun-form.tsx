// Rerun a window: content types and [start, end) within the API's 7 days, confirmed in a dialog;
// on success the new instance opens.
import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import { ConfirmButton } from '../lib/confirm-button';
import { navigate } from '../lib/router';

export const CONTENT_TYPES = ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint', 'Audit.General', 'DLP.All'];

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);

export function RerunForm({ contentType }: { contentType?: string }) {
  const now = new Date();
  const [types, setTypes] = useState<string[]>(contentType ? [contentType] : CONTENT_TYPES);
  const [start, setStart] = useState(localInput(new Date(now.getTime() - 24 * 3600_000)));
  const [end, setEnd] = useState(localInput(new Date(now.getTime() - 3600_000)));
  const toggle = (ct: string) => setTypes((t) => (t.includes(ct) ? t.filter((x) => x !== ct) : [...t, ct]));
  const startIso = start ? new Date(start).toISOString() : '';
  const endIso = end ? new Date(end).toISOString() : '';
  const run = async () => {
    const body = { ...(types.length === CONTENT_TYPES.length ? {} : { contentTypes: types }), start: startIso, end: endIso };
    const result = await api<{ instanceId: string }>('rerun', { method: 'POST', body });
    navigate(`/orchestrations/${encodeURIComponent(result.instanceId)}`);
  };
  return (
    <fieldset class="rerun">
      <legend>Rerun a window</legend>
      <div class="checks" role="group" aria-label="Content types">
        {CONTENT_TYPES.map((ct) => (
          <label key={ct}><input type="checkbox" checked={types.includes(ct)} onChange={() => toggle(ct)} /> {ct}</label>
        ))}
      </div>
      <label>Start (local time) <input type="datetime-local" value={start} onInput={(e) => setStart((e.target as HTMLInputElement).value)} /></label>
      <label>End <input type="datetime-local" value={end} onInput={(e) => setEnd((e.target as HTMLInputElement).value)} /></label>
      <ConfirmButton label="Rerun window…" title="Start a rerun?" confirmLabel="Start rerun" onConfirm={run} disabled={types.length === 0 || !start || !end}>
        <p>Re-fetch {types.join(', ')} from {startIso || '?'} to {endIso || '?'}. Stored records are not duplicated; watermarks do not move.</p>
      </ConfirmButton>
    </fieldset>
  );
}
