// The entity graph and findings as the investigation API returns them: the C6 types of
// @auditflow/investigation themselves, imported as types only (erased from the bundle, so the
// console takes no server code and cannot drift from the API's shapes).
export type { EntityGraph, EntityKind, Finding, GraphEdge, GraphNode } from '@auditflow/investigation';
