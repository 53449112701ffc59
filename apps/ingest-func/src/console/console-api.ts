// /console/api/{*rest}: what the console's pages read and do, behind the console's own auth
// (console-auth.ts). Plain functions over injected deps, so tests call them without a host.
import type { HttpResponseInit } from '@azure/functions';
import { isConfigError, type AuditflowConfig } from '@auditflow/config';
import type { AuditStore } from '@auditflow/storage';
import type { Logger } from '../shared/activity-deps';
import { readStatus } from '../status/status-http';
import type { ConsoleAuth, RequestLike } from './console-auth';
import { readOverview } from './collection-overview';
import { exportView, watchListIds } from './view-export';
import { instanceDetail, listInstances, startConsoleRerun, terminateInstance, type ConsoleClient } from './orchestration-views';

export interface ConsoleApiRequest extends RequestLike {
  text(): Promise<string>;
}

export interface ConsoleApiDeps {
  readonly auth: ConsoleAuth;
  readonly client: ConsoleClient;
  readonly config: () => AuditflowConfig;
  readonly store: () => Promise<AuditStore>;
  readonly log: Logger;
  readonly now: () => Date;
  /** Routes added by other modules (the investigation API), keyed by their first path segment. */
  readonly extraRoutes?: Readonly<Record<string, ConsoleRoute>>;
}

export type ConsoleRoute = (request: ConsoleApiRequest, segments: readonly string[], deps: ConsoleApiDeps) => Promise<HttpResponseInit>;

const json = (status: number, body: unknown): HttpResponseInit => ({ status, jsonBody: body, headers: { 'Cache-Control': 'no-store' } });

export async function handleConsoleApi(request: ConsoleApiRequest, rest: string, deps: ConsoleApiDeps): Promise<HttpResponseInit> {
  const segments = rest.split('/').filter(Boolean);
  const method = request.method.toUpperCase();
  const now = deps.now();
  const auth = deps.auth.check(request, now);
  if (!auth.ok) return json(auth.status, { error: auth.code, message: auth.message });

  const [head, id, action] = segments;
  if (head === 'session' && segments.length === 1) {
    if (method === 'GET') return json(200, { mode: deps.auth.mode, user: auth.user, ...dashboard(deps) });
    if (method === 'DELETE') return { status: 204, headers: { 'Set-Cookie': deps.auth.clearCookie(request), 'Cache-Control': 'no-store' } };
  }
  if (head === 'status' && segments.length === 1 && method === 'GET') {
    return readStatus(deps.client, { config: deps.config(), store: await deps.store(), now });
  }
  if (head === 'overview' && segments.length === 1 && method === 'GET') {
    return readOverview(deps.client, { config: deps.config(), store: await deps.store(), now });
  }
  if (head === 'instances') {
    if (segments.length === 1 && method === 'GET') return listInstances(deps.client, new URL(request.url).searchParams);
    if (id && segments.length === 2 && method === 'GET') return instanceDetail(deps.client, id);
    if (id && action === 'terminate' && segments.length === 3 && method === 'POST') {
      return terminateInstance(deps.client, id, parseJson(await request.text()), deps.log, auth.user);
    }
  }
  if (head === 'rerun' && segments.length === 1 && method === 'POST') {
    const body = await request.text();
    deps.log.info('console rerun requested', { user: auth.user });
    return startConsoleRerun(deps.client, body, { config: deps.config(), log: deps.log, now, url: request.url });
  }
  if (head === 'export' && segments.length === 1 && method === 'POST') return exportView(parseJson(await request.text()));
  if (head === 'watch-list' && segments.length === 1 && method === 'POST') return watchListIds(parseJson(await request.text()));
  const extra = head ? deps.extraRoutes?.[head] : undefined;
  if (extra) return extra(request, segments, deps);
  return json(404, { error: 'NotFound', message: `No console API at ${method} /console/api/${segments.join('/')}.` });
}

function dashboard(deps: ConsoleApiDeps): { dashboardUrl?: string } {
  try {
    const url = deps.config().dashboardUrl;
    return url ? { dashboardUrl: url } : {};
  } catch (error) {
    if (isConfigError(error)) return {};
    throw error;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
