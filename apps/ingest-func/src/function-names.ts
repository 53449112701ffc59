// Every function the app registers, by name: the orchestrators call activities through these
// constants, and tools (local host, e2e, demo) address the app through them.

export const FUNCTION_NAMES = {
  collectTimer: 'collectTimer',
  collectOrchestrator: 'collectOrchestrator',
  collectContentTypeOrchestrator: 'collectContentTypeOrchestrator',
  rerunOrchestrator: 'rerunOrchestrator',
  rerunHttpStart: 'rerunHttpStart',
  statusHttp: 'statusHttp',
  purgeExpired: 'purgeExpired',
  ensureSubscriptions: 'ensureSubscriptions',
  readCheckpoint: 'readCheckpoint',
  listContentPage: 'listContentPage',
  storeContent: 'storeContent',
  advanceWatermark: 'advanceWatermark',
  recordGaps: 'recordGaps',
  recordCycle: 'recordCycle',
  analyseNewEvents: 'analyseNewEvents',
  graphHttp: 'graphHttp',
  entityHttp: 'entityHttp',
  eventsHttp: 'eventsHttp',
  findingsHttp: 'findingsHttp',
  healthHttp: 'healthHttp',
} as const;

export type FunctionName = (typeof FUNCTION_NAMES)[keyof typeof FUNCTION_NAMES];

/** HTTP routes under /api. */
export const HTTP_ROUTES = { rerun: 'rerun', status: 'status' } as const;

/** HTTP routes of the investigation API under /api (C7; src/investigate). */
export const INVESTIGATE_ROUTES = {
  graph: 'graph',
  entity: 'entities/{kind}/{*id}',
  events: 'events',
  findings: 'findings',
  health: 'health',
} as const;

/** The singleton collection orchestration of a tenant. */
export function collectInstanceId(tenantId: string): string {
  return `collect-${tenantId}`;
}

/** A content type's run under a collect or rerun instance, e.g. `collect-{tenantId}:Audit.Exchange`. */
export function contentTypeInstanceId(parentInstanceId: string, contentType: string): string {
  return `${parentInstanceId}:${contentType}`;
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
  const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
  const types = contentTypes ? `-${[...contentTypes].map((ct) => CONTENT_TYPE_KEYS[ct] ?? ct).sort().join('.')}` : '';
  return `rerun-${tenantId}-${compact(start)}-${compact(end)}${types}`;
}
