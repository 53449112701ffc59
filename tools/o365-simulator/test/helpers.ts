// Test helpers: a token from the simulator's https authority (trusting its certificate) and API
// calls over real sockets.
import { request } from 'node:https';
import type { RunningSimulator } from '../src/index';

export interface HttpsAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export function authorityRequest(sim: RunningSimulator, method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<HttpsAnswer> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      `${sim.authorityHost}${path}`,
      { method, ca: sim.authorityCaPem, headers: body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function getToken(sim: RunningSimulator, overrides: Record<string, string> = {}, tenant = sim.tenantId): Promise<HttpsAnswer> {
  return authorityRequest(sim, 'POST', `/${tenant}/oauth2/v2.0/token`, {
    grant_type: 'client_credentials',
    client_id: sim.clientId,
    client_secret: sim.clientSecret,
    scope: 'https://manage.office.com/.default',
    ...overrides,
  });
}

export async function bearer(sim: RunningSimulator): Promise<string> {
  const answer = await getToken(sim);
  if (answer.status !== 200) throw new Error(`token request failed: ${JSON.stringify(answer.body)}`);
  return String(answer.body['access_token']);
}

export const PUBLISHER = 'c0ffee00-0000-4000-8000-000000000001';

/** `path` is relative to /api/v1.0/{tenant}/activity/feed/ (or an absolute URL); PublisherIdentifier is appended. */
export function feedUrl(sim: RunningSimulator, path: string, publisher: string | null = PUBLISHER): string {
  const url = path.startsWith('http') ? path : `${sim.url}/api/v1.0/${sim.tenantId}/activity/feed/${path}`;
  if (publisher === null) return url;
  return `${url}${url.includes('?') ? '&' : '?'}PublisherIdentifier=${publisher}`;
}

export async function api(
  sim: RunningSimulator,
  token: string | undefined,
  path: string,
  init: { method?: string; body?: string; publisher?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const headers: Record<string, string> = { ...init.headers };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(feedUrl(sim, path, init.publisher === undefined ? PUBLISHER : init.publisher), {
    method: init.method ?? 'GET',
    headers,
    body: init.body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

export function errorCode(json: unknown): string | undefined {
  return (json as { error?: { code?: string } } | undefined)?.error?.code;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
