// Calls to /console/api with the session cookie (same origin). A 401 sends the browser to the
// sign-in page, coming back to the same view afterwards.
import { BASE } from './router';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: { field?: string; parameter?: string; problem?: string; message?: string }[] = [],
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const response = await fetch(`${BASE}/api/${path}`, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  if (response.status === 401) {
    const next = `${window.location.pathname}${window.location.search}`;
    window.location.assign(`${BASE}/sign-in?next=${encodeURIComponent(next)}`);
    throw new ApiError(401, 'SignInRequired', 'Sign in first.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = { message: text };
  }
  if (!response.ok) {
    const b = (body ?? {}) as { error?: unknown; message?: string; problems?: ApiError['problems'] };
    const code = typeof b.error === 'string' ? b.error : ((b.error as { code?: string } | undefined)?.code ?? `HTTP${response.status}`);
    const problems = Array.isArray(b.problems) ? b.problems : [];
    const message = b.message ?? (problems.length > 0 ? problems.map((p) => `${p.field ?? p.parameter ?? ''} ${p.problem ?? p.message ?? ''}`.trim()).join('; ') : `HTTP ${response.status}`);
    throw new ApiError(response.status, code, message, problems);
  }
  return body as T;
}

/** The URL of a console API GET (for downloads via <a download>). */
export function apiUrl(path: string): string {
  return `${BASE}/api/${path}`;
}
