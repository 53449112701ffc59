// Registers the investigation half of the app: the analysis activity the collect orchestrator
// calls, and the HTTP API (C7, authLevel function). Handlers are plain functions of
// (URLSearchParams, InvestigateDeps) in this folder; the console registers the same ones under
// /console/api/ with its own auth check.
import { app, type HttpRequest } from '@azure/functions';
import type { ContentType } from '@auditflow/ingestion';
import { FUNCTION_NAMES, INVESTIGATE_ROUTES } from '../shared/function-names';
import { guarded } from '../shared/guarded-http';
import { structuredLog } from '../shared/structured-log';
import type { AppRuntime } from '../shared/app-runtime';
import { registerActivities } from '../shared/register-activities';
import { entityHandler } from './entity-handler';
import { eventsHandler } from './events-handler';
import { exportHandler } from './export-handler';
import { findingsHandler } from './findings-handler';
import { graphHandler } from './graph-handler';
import type { HandlerResult } from './handler-result';
import { healthHandler } from './health-handler';
import { toHttpResponse } from './http-response';
import type { InvestigateDeps } from './investigate-deps';
import { INVESTIGATE_ACTIVITIES } from './investigate-activities';
import { investigationHandler } from './investigations-handler';

export function investigateDepsOf(rt: AppRuntime, now = new Date()): InvestigateDeps {
  return { store: rt.store, tenantId: rt.config.tenantId, now, contentTypes: rt.config.contentTypes as readonly ContentType[] };
}

export function registerInvestigateFunctions(runtime: () => Promise<AppRuntime>): void {
  registerActivities(runtime, INVESTIGATE_ACTIVITIES);
  const get = (name: string, route: string, handle: (request: HttpRequest, deps: InvestigateDeps) => Promise<HandlerResult>, methods: ('GET' | 'POST')[] = ['GET']) =>
    app.http(name, {
      route,
      methods,
      authLevel: 'function',
      handler: (request, context) => guarded(structuredLog(context), async () => toHttpResponse(await handle(request, investigateDepsOf(await runtime())))),
    });
  get(FUNCTION_NAMES.graphHttp, INVESTIGATE_ROUTES.graph, (r, d) => graphHandler(r.query, d));
  get(FUNCTION_NAMES.entityHttp, INVESTIGATE_ROUTES.entity, (r, d) => entityHandler(r.params.kind ?? '', r.params.id ?? '', r.query, d));
  get(FUNCTION_NAMES.eventsHttp, INVESTIGATE_ROUTES.events, (r, d) => eventsHandler(r.query, d));
  get(FUNCTION_NAMES.findingsHttp, INVESTIGATE_ROUTES.findings, (r, d) => findingsHandler(r.query, d));
  get(FUNCTION_NAMES.healthHttp, INVESTIGATE_ROUTES.health, (r, d) => healthHandler(r.query, d));
  get(FUNCTION_NAMES.investigationHttp, INVESTIGATE_ROUTES.investigation, (r, d) => investigationHandler(r.params.name ?? '', r.query, d));
  get(FUNCTION_NAMES.exportHttp, INVESTIGATE_ROUTES.export, async (r, d) => exportHandler(r.query, r.method === 'POST' ? await r.text() : undefined, d), ['GET', 'POST']);
}
