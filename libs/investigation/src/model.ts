// The vocabulary of the investigation library (CONTRACTS.md, @auditflow/investigation, contract C6).
// Pure types: graphs of entities built from event documents, and findings of the indicators.
// Times are ISO 8601 strings in UTC with a trailing Z, as in @auditflow/ingestion.
import { isOneOf } from './one-of';

/** The kinds of entity a graph node can be. */
export const ENTITY_KINDS = [
  'user', // an account (UPN, service principal name, or system account as the record names it)
  'ip', // a client address, normalized by @auditflow/ingestion's normalizeIp
  'app', // a client application (an application id, or the client string Exchange records)
  'object', // a file, list item, message, page or directory object the operation was on
  'site', // a SharePoint / OneDrive site collection
  'mailbox', // a mailbox (owner UPN)
  'operation', // an operation name (Operation of the record)
  'role', // a directory or Exchange role
  'sensitive-type', // a DLP sensitive-information type (named through the caller's lookup)
  'policy', // a DLP (or other) policy
  'domain', // a mail or directory domain
  'team', // a Microsoft Teams team
] as const;

export type EntityKind = (typeof ENTITY_KINDS)[number];

export const isEntityKind = (value: unknown): value is EntityKind => isOneOf(ENTITY_KINDS, value);

/** A reference to an entity: its kind and its node id (`${kind}:${normalized key}`). */
export interface EntityRef {
  readonly kind: EntityKind;
  readonly id: string;
}

export interface NodeFlags {
  /** UserType 10 (Guest) or a `#EXT#` UPN. */
  readonly guest?: boolean;
  /** An address or account in a domain outside the tenant's domains. */
  readonly external?: boolean;
  /** On the caller's watch list. */
  readonly watched?: boolean;
}

export interface GraphNode {
  /** `${kind}:${normalized key}`, e.g. `user:alice@contoso.com`, `ip:203.0.113.7`. */
  readonly id: string;
  readonly kind: EntityKind;
  /** What to show: the key as first seen (case kept), or a name from a lookup (sensitive types). */
  readonly label: string;
  /** Events that touch this node (the size measure of the seed's graph). */
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly flags?: NodeFlags;
}

/** Typed relations between entities (the edge's `kind`). */
export const EDGE_KINDS = [
  'performed', // user -> operation
  'acted-on', // user -> object | user | mailbox | site (with `operation`)
  'from-ip', // user -> ip
  'acting-for', // app -> user
  'accessed-mailbox', // user -> mailbox (mailbox operations; another user's mailbox too)
  'in-site', // object -> site
  'shared-with', // user -> user (the recipient of a sharing, often external)
  'forwards-to', // user | mailbox -> user (a forwarding destination)
  'granted-role', // user -> role (the member added)
  'consented-to', // user -> app
  'delegated-to', // mailbox -> user (mailbox permission given)
  'contains', // object -> sensitive-type
  'matched-policy', // object -> policy
  'in-domain', // user -> domain (federation and domain changes)
  'in-team', // user -> team
] as const;

export type EdgeKind = (typeof EDGE_KINDS)[number];

export interface Evidence {
  /** Event ids, at most the builder's evidence cap, in time order. */
  readonly ids: readonly string[];
  /** How many events support the edge (>= ids.length). */
  readonly total: number;
}

export interface GraphEdge {
  /** Deterministic: `${kind}|${source}|${target}|${operation ?? ''}`. */
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
  readonly operation?: string;
  /** Events behind the edge (the weight measure). */
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly evidence: Evidence;
}

export interface Truncation {
  /** Nodes left out by the caps (0 = none). */
  readonly nodes: number;
  /** Edges left out by the caps or because an end node was left out. */
  readonly edges: number;
  /** Why, in words, when anything was cut. */
  readonly reason?: string;
}

export interface EntityGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly truncated: Truncation;
}

export type Severity = 'low' | 'medium' | 'high';

export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high'];

export interface Finding {
  /** Deterministic: the same indicator on the same entities and span is always the same id. */
  readonly id: string;
  readonly tenantId: string;
  /** The indicator's id, e.g. `mail-forwarding-external` (see INDICATORS). */
  readonly indicator: string;
  readonly title: string;
  readonly severity: Severity;
  readonly entities: readonly EntityRef[];
  /** Time of the first and last evidence event. */
  readonly start: string;
  readonly end: string;
  /** Event ids behind the finding, at most settings.maxEvidence, in time order. */
  readonly evidenceIds: readonly string[];
  readonly evidenceTotal: number;
  /** The public rule the indicator follows (e.g. `Azure-Sentinel Detections/OfficeActivity/Office_MailForwarding.yaml`). */
  readonly source: string;
  /** Indicator-specific facts (destination, counts, thresholds used); JSON-safe. */
  readonly details: Readonly<Record<string, unknown>>;
}
