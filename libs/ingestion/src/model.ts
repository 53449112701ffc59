// The domain vocabulary shared by every project. Pure types and constants: no I/O, no SDK.
// Times are ISO 8601 strings in UTC with a trailing Z ("2026-11-25T09:00:00.000Z") unless a
// field says otherwise; windows are half-open [start, end), like the API's content listing.
import type { CycleCounts } from './cycle-counts';

export const CONTENT_TYPES = [
  'Audit.AzureActiveDirectory',
  'Audit.Exchange',
  'Audit.SharePoint',
  'Audit.General',
  'DLP.All',
] as const;

export type ContentType = (typeof CONTENT_TYPES)[number];

export function isContentType(value: unknown): value is ContentType {
  return typeof value === 'string' && (CONTENT_TYPES as readonly string[]).includes(value);
}

/** How long the API keeps content listable and retrievable after it became available. */
export const API_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** The widest window the content listing accepts without silently returning partial results. */
export const MAX_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A time window, half-open: start <= t < end. */
export interface CollectionWindow {
  readonly start: string;
  readonly end: string;
}

/** One content blob as the API lists it (`GET /subscriptions/content`). */
export interface ContentBlob {
  readonly contentType: ContentType;
  readonly contentId: string;
  readonly contentUri: string;
  /** When the blob became available: the listing filters on this. */
  readonly contentCreated: string;
  readonly contentExpiration: string;
}

/** Where a blob stands in the content ledger. */
export type LedgerState =
  | 'listed' // seen in a listing, not yet stored
  | 'stored' // every good record of it is in the event store
  | 'lost' // cannot be fetched any more (expired, missing, invalid): a gap records it
  | 'quarantined'; // failed to read too often for too long: a 'content-unreadable' gap records it; a rerun tries it again

/**
 * Failed reads of a blob not yet stored: counted until it is stored or quarantined. A type, not
 * an interface, so it stays assignable to the JSON types of store SDKs.
 */
export type ReadFailures = {
  readonly attempts: number;
  /** When the first counted attempt failed. */
  readonly firstFailedAt: string;
  readonly lastFailedAt: string;
  /** The last attempt's error (code and message), as the API client reported it. */
  readonly lastError: string;
};

export interface LedgerEntry {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly contentId: string;
  readonly contentUri: string;
  readonly contentCreated: string;
  readonly contentExpiration: string;
  readonly state: LedgerState;
  /** Records in the blob (good + rejected), once fetched. */
  readonly recordCount?: number;
  /** Records rejected as malformed, once fetched (each one reported with its reason). */
  readonly rejectedCount?: number;
  /** Failed reads so far (state 'listed' or 'quarantined'); absent once stored. */
  readonly readFailures?: ReadFailures;
  readonly updatedAt: string;
}

/**
 * Per tenant x content type: every blob with contentCreated < value is stored (or recorded as
 * lost). Moves forward only, and only after the data is stored. `etag` guards concurrent writes.
 */
export interface Watermark {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly value: string;
  readonly updatedAt: string;
  /** Summary of the last completed collection cycle, for status reporting. */
  readonly lastCycle?: CycleSummary;
  /** Opaque concurrency token set by the store; absent on a watermark never written. */
  readonly etag?: string;
}

/**
 * A finished cycle of one content type: its ids and times and its counts (THE counter shape,
 * cycle-counts.ts). The counters added later (blobsSettledEarlier, blobsLost, blobsUnreadable,
 * blobsQuarantined) may be absent from summaries stored by older versions.
 */
export interface CycleSummary extends Partial<CycleCounts> {
  readonly instanceId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly windows: number;
  readonly blobsListed: number;
  readonly blobsStored: number;
  readonly blobsSkipped: number;
  readonly recordsStored: number;
  readonly recordsRejected: number;
  readonly gaps: number;
}

export type GapReason =
  | 'beyond-api-retention' // the window is older than the API keeps: never collectable again
  | 'content-expired' // AF20051 / AF20052 / 404 on a listed blob
  | 'content-missing'
  | 'content-invalid' // AF20050, or a body that is not a JSON array of records
  | 'content-unreadable' // a blob that failed to read on every attempt (bad gzip, redirect loop, trickling body): quarantined
  | 'subscription-disabled'; // AF20023: an admin disabled it; we do not restart it

/** A window (or one blob) of one content type that could not be collected, and why. */
export interface Gap {
  /** Deterministic: the same gap recorded twice is one document. */
  readonly id: string;
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly window: CollectionWindow;
  readonly reason: GapReason;
  readonly detail: string;
  readonly contentId?: string;
  readonly recordedAt: string;
}

/** An audit record as the API returns it: a JSON object, otherwise untrusted. */
export type AuditRecord = Readonly<Record<string, unknown>>;

/** The stored form of one audit record (see libs/storage README for the partition key). */
export interface EventDocument {
  /** The record's Id, or a stable hash of the canonical record when it has none. */
  readonly id: string;
  readonly partitionKey: string;
  readonly tenantId: string;
  readonly contentType: ContentType;
  /** CreationTime normalized to ISO 8601 with Z. */
  readonly time: string;
  readonly workload: string | null;
  readonly recordType: number | null;
  readonly operation: string | null;
  readonly result: string | null;
  readonly actor: {
    readonly userId: string | null;
    readonly userType: number | null;
    readonly userKey: string | null;
    /** Normalized: no port, no brackets, no ::ffff: prefix; null when absent or not an IP. */
    readonly ip: string | null;
  };
  readonly target: {
    readonly objectId: string | null;
    readonly siteUrl: string | null;
    readonly fileName: string | null;
    readonly mailbox: string | null;
  };
  readonly clientApp: string | null;
  /** The content blob the record came from (the first one stored). */
  readonly contentId: string;
  /** The record exactly as received. */
  readonly raw: AuditRecord;
  /** Seconds to live (Cosmos DB `ttl`); the SQLite store purges on the same rule. */
  readonly ttl?: number;
}

/** A record that could not be normalized: reported and counted, never silently dropped. */
export interface RejectedRecord {
  readonly contentType: ContentType;
  readonly contentId: string;
  /** Position of the record in its blob. */
  readonly index: number;
  readonly reason: string;
}
