// The investigation handlers as console routes (/console/api/graph, /console/api/entities/...):
// the same functions as /api/..., behind the console's own sign-in (console-api.ts checks it
// before an extra route runs). Keyed by the first path segment, as registerConsoleFunctions takes them.
import type { HttpResponseInit } from '@azure/functions';
import type { ContentType } from '@auditflow/ingestion';
import type { ConsoleApiDeps, ConsoleApiRequest, ConsoleRoute } from '../console/console-api';
import { entityHandler } from './entity-handler';
import { eventsHandler } from './events-handler';
import { exportHandler } from './export-handler';
import { findingsHandler } from './findings-handler';
import { graphHandler } from './graph-handler';
import { toHttpResponse } from './http-response';
import { healthHandler } from './health-handler';
import type { InvestigateDeps } from './investigate-deps';
import { investigationHandler } from './investigations-handler';
import type { HandlerResult } from './handler-result';

const methodNotAllowed = (method: string): HttpResponseInit => ({ status: 405, jsonBody: { error: 'MethodNotAllowed', message: `${method} is not served here; use GET` } });

function route(handle: (request: ConsoleApiRequest, params: URLSearchParams, rest: readonly string[], deps: InvestigateDeps) => Promise<HandlerResult>, post = false): ConsoleRoute {
  return async (request, segments, consoleDeps) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && !(post && method === 'POST')) return methodNotAllowed(method);
    const deps = await depsOf(consoleDeps);
    return toHttpResponse(await handle(request, new URL(request.url).searchParams, segments.slice(1), deps));
  };
}

async function depsOf(d: ConsoleApiDeps): Promise<InvestigateDeps> {
  const config = d.config();
  return { store: await d.store(), tenantId: config.tenantId, now: d.now(), contentTypes: config.contentTypes as readonly ContentType[] };
}

export function investigateConsoleRoutes(): Readonly<Record<string, ConsoleRoute>> {
  return {
    graph: route((_r, p, _s, d) => graphHandler(p, d)),
    // An object id may hold '/': everything after the kind is the id.
    entities: route((_r, p, s, d) => entityHandler(s[0] ?? '', s.slice(1).join('/'), p, d)),
    events: route((_r, p, _s, d) => eventsHandler(p, d)),
    findings: route((_r, p, _s, d) => findingsHandler(p, d)),
    health: route((_r, p, _s, d) => healthHandler(p, d)),
    investigations: route((_r, p, s, d) => investigationHandler(s[0] ?? '', p, d)),
    export: route(async (r, p, _s, d) => exportHandler(p, r.method.toUpperCase() === 'POST' ? await r.text() : undefined, d), true),
  };
}
