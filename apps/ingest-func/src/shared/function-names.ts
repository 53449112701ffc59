// Every function the app registers, by name: tools (local host, e2e, demo) address the app
// through these constants. The activities' names come from the activity table (with their input
// and result types, shared/activity-table.ts); the orchestrators call them through it.
import { ACTIVITY_NAMES } from './activity-table';

export const FUNCTION_NAMES = {
  ...ACTIVITY_NAMES,
  collectTimer: 'collectTimer',
  collectOrchestrator: 'collectOrchestrator',
  collectContentTypeOrchestrator: 'collectContentTypeOrchestrator',
  collectWindowOrchestrator: 'collectWindowOrchestrator',
  rerunOrchestrator: 'rerunOrchestrator',
  rerunHttpStart: 'rerunHttpStart',
  statusHttp: 'statusHttp',
  consolePages: 'consolePages',
  consoleSignIn: 'consoleSignIn',
  consoleApi: 'consoleApi',
  purgeExpired: 'purgeExpired',
  purgeInstanceHistory: 'purgeInstanceHistory',
  graphHttp: 'graphHttp',
  entityHttp: 'entityHttp',
  eventsHttp: 'eventsHttp',
  findingsHttp: 'findingsHttp',
  healthHttp: 'healthHttp',
  investigationHttp: 'investigationHttp',
  exportHttp: 'exportHttp',
} as const;

export type FunctionName = (typeof FUNCTION_NAMES)[keyof typeof FUNCTION_NAMES];

/**
 * HTTP routes. host.json's routePrefix is empty so the app serves both `/api/...` (function key,
 * for scripts) and `/console/...` (the browser console, its own sign-in): every route names its
 * prefix itself. Script endpoints start with `api/`, console ones with `console/`; the
 * registration test refuses any other.
 */
export const HTTP_ROUTES = { rerun: 'api/rerun', status: 'api/status' } as const;

/** Prefix of every function-key route (what infra's authSettingsV2 excludes from sign-in). */
export const API_ROUTE_PREFIX = 'api/';
/** Prefix of the console's routes (sign-in required in Azure). */
export const CONSOLE_ROUTE_PREFIX = 'console/';
/** The console's URL path on the app's origin: tools print `${baseUrl}${CONSOLE_PATH}`. */
export const CONSOLE_PATH = '/console';

/** HTTP routes of the investigation API (C7; src/investigate); the console serves the same under console/api/. */
export const INVESTIGATE_ROUTES = {
  graph: 'api/graph',
  entity: 'api/entities/{kind}/{*id}',
  events: 'api/events',
  findings: 'api/findings',
  health: 'api/health',
  investigation: 'api/investigations/{name}',
  export: 'api/export',
} as const;

/** The singleton collection orchestration of a tenant. */
export function collectInstanceId(tenantId: string): string {
  return `collect-${tenantId}`;
}

/** A content type's run under a collect or rerun instance, e.g. `collect-{tenantId}:Audit.Exchange`. */
export function contentTypeInstanceId(parentInstanceId: string, contentType: string): string {
  return `${parentInstanceId}:${contentType}`;
}

/**
 * One window's collection under a content type's run, named by the window's start, e.g.
 * `collect-{tenantId}:Audit.Exchange:window-20261125T100000Z`: deterministic, so a replayed parent
 * re-attaches to the same child, and unique within the run (its windows never share a start).
 */
export function windowInstanceId(contentTypeRunInstanceId: string, window: { readonly start: string }): string {
  return `${contentTypeRunInstanceId}:window-${compactTime(window.start)}`;
}

/** `2026-11-25T10:00:00.000Z` -> `20261125T100000Z` (instance ids stay short and readable). */
function compactTime(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
}

const CONTENT_TYPE_KEYS: Readonly<Record<string, string>> = {
  'Audit.AzureActiveDirectory': 'aad',
  'Audit.Exchange': 'exo',
  'Audit.SharePoint': 'spo',
  'Audit.General': 'gen',
  'DLP.All': 'dlp',
};

/**
 * A rerun's instance id: deterministic per tenant, window and content types, so a repeated
 * request finds the same run (`rerun-{tenantId}-{start}-{end}[-aad.exo...]`; the content type
 * part is omitted when `contentTypes` is undefined, meaning every configured one).
 */
export function rerunInstanceId(tenantId: string, start: string, end: string, contentTypes?: readonly string[]): string {
  const types = contentTypes ? `-${[...contentTypes].map((ct) => CONTENT_TYPE_KEYS[ct] ?? ct).sort().join('.')}` : '';
  return `rerun-${tenantId}-${compactTime(start)}-${compactTime(end)}${types}`;
}
