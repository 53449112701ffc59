// The investigation handlers for other hosts (the console's /console/api/ routes, the CLI): plain
// functions (URLSearchParams, InvestigateDeps) -> HandlerResult, with no Functions runtime inside.
export { graphHandler, readGraphParams, buildGraph } from './graph-handler';
export { entityHandler, EVENT_KINDS } from './entity-handler';
export { eventsHandler, MAX_EVENT_IDS } from './events-handler';
export { findingsHandler, withLinks, type FindingView } from './findings-handler';
export { healthHandler } from './health-handler';
export { collectionHealth, DEFAULT_BEHIND_HOURS, type CollectionHealth, type ContentTypeHealth } from './collection-health';
export { badRequest, notFound, ok, type HandlerResult } from './handler-result';
export { defaultRange, DEFAULT_RANGE_MS, type InvestigateDeps } from './investigate-deps';
export { ParamReader, type ParamProblem } from './query-params';
export { loadGraph, DEFAULT_LOAD_LIMITS, type LoadLimits, type LoadedGraph } from './graph-loader';
export { loadTenantContext } from './tenant-context';
export { analyseNewEvents, type AnalyseDeps, type AnalyseNewEventsInput, type AnalyseNewEventsResult } from './analyse-new-events';
export { exportHandler, MAX_WATCH_LIST_BYTES } from './export-handler';
export { investigationHandler } from './investigations-handler';
