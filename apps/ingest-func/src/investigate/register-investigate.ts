// Registers the investigation half of the app: the analysis activity the collect orchestrator
// calls, and the HTTP API (C7, authLevel function). Handlers are plain functions of
// (URLSearchParams, InvestigateDeps) in this folder; the console registers the same ones under
// /console/api/ with its own auth check.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import type { ContentType } from '@auditflow/ingestion';
import * as df from 'durable-functions';
import { returningNonRetryable } from '../shared/activity-failure';
import { FUNCTION_NAMES, INVESTIGATE_ROUTES } from '../shared/function-names';
import { guarded } from '../rerun/rerun-http';
import { structuredLog } from '../shared/structured-log';
import type { AppRuntime } from '../shared/app-runtime';
import { analyseNewEvents, type AnalyseNewEventsInput } from './analyse-new-events';
import type { DlpTypesSource } from './dlp-sensitive-types';
import { entityHandler } from './entity-handler';
import { eventsHandler } from './events-handler';
import { exportHandler } from './export-handler';
import { findingsHandler } from './findings-handler';
import { graphHandler } from './graph-handler';
import type { HandlerResult } from './handler-result';
import { healthHandler } from './health-handler';
import { toHttpResponse } from './http-response';
import type { InvestigateDeps } from './investigate-deps';
import { investigationHandler } from './investigations-handler';
import { ipCountryResolver } from './ip-country';

export function investigateDepsOf(rt: AppRuntime, now = new Date()): InvestigateDeps {
  return { store: rt.store, tenantId: rt.config.tenantId, now, contentTypes: rt.config.contentTypes as readonly ContentType[] };
}

/** The API client when it offers the DLP names call (the real client does; test fakes may not). */
function dlpSource(api: unknown): DlpTypesSource | undefined {
  const candidate = api as { listDlpSensitiveTypes?: (options: { language: string }) => Promise<unknown[]> } | undefined;
  const list = candidate?.listDlpSensitiveTypes;
  // One language (the API refuses a list); names are shown as the API gives them in it.
  return typeof list === 'function' ? { listDlpSensitiveTypes: () => list.call(candidate, { language: 'en-US' }) } : undefined;
}

export function registerInvestigateFunctions(runtime: () => Promise<AppRuntime>): void {
  df.app.activity(FUNCTION_NAMES.analyseNewEvents, {
    handler: (input: unknown, context: InvocationContext) =>
      returningNonRetryable(async () => {
        const rt = await runtime();
        const api = dlpSource(rt.api);
        const countryOf = ipCountryResolver(rt.config.ipCountryFile);
        return analyseNewEvents(
          { store: rt.store, ...(api ? { api } : {}), ...(countryOf ? { countryOf } : {}), now: () => new Date(), log: structuredLog(context) },
          input as AnalyseNewEventsInput,
        );
      }),
  });
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
