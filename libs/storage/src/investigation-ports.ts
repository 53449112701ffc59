// What the investigation half needs from storage: paged event reads by the entities an
// investigator pivots on (user, IP, object, operation, time), raw records on demand, and the
// stored results of the incremental analysis (findings, baselines, which blobs were analysed,
// cached reference data) so nothing is recomputed when someone looks.
import type { ContentType, EventDocument } from '@auditflow/ingestion';
import type { EventFilters, Finding } from '@auditflow/investigation';

/** `from`/`to` bound `time`; the lists hold at most MAX_FILTER_VALUES values each. */
export interface EventPageQuery extends EventFilters {
  readonly tenantId: string;
  /** `actor.userId`, case-insensitive (node ids are lower-cased). */
  readonly userId?: string;
  /** Normalized `actor.ip`. */
  readonly ip?: string;
  /** `target.objectId`, case-insensitive. */
  readonly objectId?: string;
  /** `result` as the record has it (Succeeded, Failed, ...). */
  readonly results?: readonly string[];
  /** Events first stored from this content blob. */
  readonly contentId?: string;
  /** Page size, 1..MAX_PAGE_SIZE, default 500. */
  readonly limit?: number;
  /** From the previous page of the SAME query; a token of another query is refused. */
  readonly continuationToken?: string;
  /** Default false: pages carry the flattened fields only (`raw` is `{}`), fetch raw with getEvents. */
  readonly includeRaw?: boolean;
  /** Default 'asc' (oldest first). */
  readonly order?: 'asc' | 'desc';
}

export interface EventPage {
  /** Ordered by (time, id) in the query's order. Without includeRaw, `raw` is an empty object. */
  readonly events: EventDocument[];
  /** Absent on the last page. */
  readonly continuationToken?: string;
}

/** The reads EventStore adapters add for investigations (same semantics on SQLite and Cosmos DB). */
export interface EventQueries {
  pageEvents(query: EventPageQuery): Promise<EventPage>;
  /** The full documents (raw record included) of these ids of one tenant; unknown ids are left out. */
  getEvents(tenantId: string, ids: readonly string[]): Promise<EventDocument[]>;
}

export const MAX_PAGE_SIZE = 5_000;
export const DEFAULT_PAGE_SIZE = 500;
export const MAX_FILTER_VALUES = 50;
export const MAX_GET_EVENTS = 1_000;

/** A finding as the analysis stores it: @auditflow/investigation's Finding plus the store's times. */
export interface StoredFinding extends Finding {
  /** Set by the store: when the finding was first stored, and last changed. */
  readonly firstDetectedAt?: string;
  readonly updatedAt?: string;
}

export interface FindingQuery {
  readonly tenantId: string;
  readonly severities?: readonly StoredFinding['severity'][];
  readonly indicators?: readonly string[];
  /** A node id (`user:alice@contoso.com`): findings naming this entity. */
  readonly entity?: string;
  /** Findings whose span [start, end] overlaps [from, to). */
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  readonly continuationToken?: string;
}

export interface FindingPage {
  /** Newest `end` first, then id. */
  readonly findings: StoredFinding[];
  readonly continuationToken?: string;
}

/**
 * One first-seen/last-seen fact of a baseline (@auditflow/investigation's BaselineEntry plus the
 * tenant), e.g. kind `user-country`, subject `alice@contoso.com`, value `FR`.
 */
export interface BaselineEntry {
  readonly tenantId: string;
  readonly kind: string;
  readonly subject: string;
  readonly value: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Events counted into the entry (a daily or windowed count, as the kind defines). */
  readonly count: number;
}

/** A baseline subject: every value stored for (kind, subject) is read together. */
export interface BaselineSubject {
  readonly kind: string;
  readonly subject: string;
}

/** Reference data cached from the API (e.g. DLP sensitive-information type names). */
export interface ReferenceData {
  readonly tenantId: string;
  readonly name: string;
  readonly fetchedAt: string;
  readonly value: unknown;
}

export interface InvestigationStore {
  /** Upserts by (tenant, id); keeps firstDetectedAt of an existing finding, sets updatedAt = `at`. */
  putFindings(findings: readonly StoredFinding[], at: string): Promise<void>;
  queryFindings(query: FindingQuery): Promise<FindingPage>;
  getFinding(tenantId: string, id: string): Promise<StoredFinding | undefined>;
  /** Every stored entry of these subjects. */
  getBaselines(tenantId: string, subjects: readonly BaselineSubject[]): Promise<BaselineEntry[]>;
  /** Upserts by (tenant, kind, subject, value): the caller passes the merged entry. */
  putBaselines(entries: readonly BaselineEntry[]): Promise<void>;
  /** Deletes baseline entries last seen before `before` and analysed markers older than it. */
  purgeInvestigation(tenantId: string, before: string): Promise<number>;
  /** Content ids of these already analysed. */
  analysedBlobs(tenantId: string, contentType: ContentType, contentIds: readonly string[]): Promise<Set<string>>;
  markAnalysed(tenantId: string, contentType: ContentType, contentIds: readonly string[], at: string): Promise<void>;
  getReference(tenantId: string, name: string): Promise<ReferenceData | undefined>;
  putReference(data: ReferenceData): Promise<void>;
  close(): Promise<void>;
}
