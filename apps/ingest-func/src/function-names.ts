// Every function the app registers, by name: the orchestrators call activities through these
// constants, and tools (local host, e2e, demo) address the app through them.

export const FUNCTION_NAMES = {
  collectTimer: 'collectTimer',
  collectOrchestrator: 'collectOrchestrator',
  collectContentTypeOrchestrator: 'collectContentTypeOrchestrator',
  rerunOrchestrator: 'rerunOrchestrator',
  rerunHttpStart: 'rerunHttpStart',
  statusHttp: 'statusHttp',
  ensureSubscriptions: 'ensureSubscriptions',
  readCheckpoint: 'readCheckpoint',
  listContentPage: 'listContentPage',
  storeContent: 'storeContent',
  advanceWatermark: 'advanceWatermark',
  recordGaps: 'recordGaps',
  recordCycle: 'recordCycle',
} as const;

export type FunctionName = (typeof FUNCTION_NAMES)[keyof typeof FUNCTION_NAMES];

/** HTTP routes under /api. */
export const HTTP_ROUTES = { rerun: 'rerun', status: 'status' } as const;

/** The singleton collection orchestration of a tenant. */
export function collectInstanceId(tenantId: string): string {
  return `collect-${tenantId}`;
}

/** A rerun's instance id: deterministic per tenant and window, so a repeated request finds the same run. */
export function rerunInstanceId(tenantId: string, start: string, end: string): string {
  const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return `rerun-${tenantId}-${compact(start)}-${compact(end)}`;
}
