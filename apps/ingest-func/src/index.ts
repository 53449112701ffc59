// Public face of the app for tools (local host, e2e, demo): names, ids and pure shapes. The
// Functions entry point is src/main.ts (built to dist/main.js).
export { API_ROUTE_PREFIX, CONSOLE_PATH, CONSOLE_ROUTE_PREFIX, FUNCTION_NAMES, HTTP_ROUTES, collectInstanceId, contentTypeInstanceId, rerunInstanceId, windowInstanceId, type FunctionName } from './shared/function-names';
export { validateRerunRequest, type RerunProblem, type RerunRequest, type RerunValidation } from './rerun/rerun-request';
export { buildStatusReport, type ContentTypeStatus, type StatusReport } from './status/status-report';
export type { CollectOutput, ContentTypeOutcome, ContentTypeOutcomeKind } from './collect/orchestration-input';
export type { CollectSettings } from './collect/collect-settings';
export type { CycleCounts } from '@auditflow/ingestion';
export * from './investigate/index';
export { INVESTIGATE_ROUTES } from './shared/function-names';
