// Every view is a URL under /console (path + query), so a link to an instance, an entity or a
// finding can be shared and the Back button restores filters. Navigation uses the History API.
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';

export interface Location {
  readonly path: string; // without BASE, e.g. '/orchestrations/collect-x'
  readonly query: URLSearchParams;
}

function current(): Location {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) || '/' : '/';
  return { path, query: new URLSearchParams(window.location.search) };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

/** Goes to a console URL ('/findings?severity=high'); replace keeps the history entry (filters while typing). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = to.startsWith(BASE) ? to : `${BASE}${to === '/' ? '' : to}`;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  listeners.forEach((l) => l());
}

/** The same view with some query parameters changed (undefined or '' removes one). */
export function withQuery(location: Location, changes: Record<string, string | undefined>): string {
  const query = new URLSearchParams(location.query);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') query.delete(k);
    else query.set(k, v);
  }
  const text = query.toString();
  return `${location.path}${text ? `?${text}` : ''}`;
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const listener = () => setLocation(current());
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return location;
}

/** An in-app link: a real <a href> (open in a new tab works), navigated without a reload. */
export function onLinkClick(event: MouseEvent, to: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to);
}

export function href(to: string): string {
  return `${BASE}${to === '/' ? '' : to}`;
}
