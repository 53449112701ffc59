// @auditflow/investigation: the analysis half (CONTRACTS.md section 8, contract C6). Pure: no I/O,
// no SDK. Entity graphs, indicators with an incremental baseline, the seed's three
// investigations, and exports.
export * from './model';
export { InvestigationError, isInvestigationError, type InvestigationErrorCode } from './investigation-error';
export { nodeId, normalizeKey, parseNodeId } from './entity-id';
export {
  checkContext,
  domainOf,
  inferTenantDomains,
  isExternalAddress,
  isTenantDomain,
  type InvestigationContext,
} from './context';
export { documentEntities, userFlags, type DocumentEntities, type EdgeFact, type EntityOptions, type NodeFact } from './document-entities';
export { dlpMatch, isDlpMatch, type DlpMatch } from './dlp';
export { GRAPH_DEFAULTS, GRAPH_LIMITS, matchesFilters, resolveGraphQuery, type EventFilters, type GraphQuery, type ResolvedGraphQuery } from './graph-query';
export { GraphAccumulator, buildEntityGraph, edgeId, shapeGraph } from './entity-graph';
export {
  BASELINE_KINDS,
  EMPTY_BASELINE,
  baselineFromEntries,
  mergeEntry,
  type BaselineEntry,
  type BaselineKey,
  type BaselineUpdate,
  type BaselineView,
} from './baseline';
export { DEFAULT_SETTINGS, resolveSettings, type IndicatorSettings } from './settings';
export { findingId, mergeFindings } from './finding-id';
export { INDICATORS, INDICATOR_RULES } from './indicators/all';
export type { IndicatorInfo } from './indicators/indicator';
export { countryOfEvent } from './indicators/signin-new';
export { parseIpCountryTable, type IpCountryTable } from './ip-country-table';
export { baselineSubjectsFor, evaluateIndicators, type EvaluateOptions, type EvaluationResult } from './evaluate';
export * from './investigations';
export { EDGE_COLUMNS, NODE_COLUMNS, csvCell, edgesCsv, nodesCsv } from './export/csv';
export { toGraphml } from './export/graphml';
export { toGexf } from './export/gexf';
export { EXPORT_FORMATS, exportGraph, isExportFormat, toJsonExport, type ExportFile, type ExportFormat } from './export/export-graph';
export { MAX_WATCH_ENTRIES, parseWatchList } from './export/watch-list';
