// Splits a rerun's window into windows the content listing accepts: at most 24 h each, none
// starting before what the API still lists (validated at request time, but the request may
// wait before it runs), with the same margin planWindows keeps.
import { API_RETENTION_MS, MAX_WINDOW_MS, RETENTION_MARGIN_MS, type CollectionWindow } from '@auditflow/ingestion';

export function rerunWindows(window: CollectionWindow, now: Date): CollectionWindow[] {
  const earliest = now.getTime() - API_RETENTION_MS + RETENTION_MARGIN_MS;
  const start = Math.max(Date.parse(window.start), earliest);
  const end = Math.min(Date.parse(window.end), now.getTime());
  const windows: CollectionWindow[] = [];
  for (let from = start; from < end; from += MAX_WINDOW_MS) {
    windows.push({ start: new Date(from).toISOString(), end: new Date(Math.min(from + MAX_WINDOW_MS, end)).toISOString() });
  }
  return windows;
}
