// The adversarial faults that are fixed per blob or per listing page (issue 8): blobs redirected
// to a second origin that serves a made-up record, blobs that never read (not JSON, gzip without
// its Content-Encoding header, a redirect loop, a body that trickles forever) and listing pages
// redirected to a second origin that answers `[]`. Which blobs is decided once at start, from the
// seed, among the blobs published by then; fixUnreadable()/fixRedirects() turn them back to normal
// so a rerun can store them. Ground truth reads the same plan, so it stays exact.
import { CONTENT_TYPES, type ContentType } from '@auditflow/ingestion';
import { DAY_MS, type BlobCatalog, type BlobInfo } from './blob-catalog';
import { hashOf, SeededRandom } from './seeded-random';

export const UNREADABLE_MODES = ['not-json', 'gzip-no-header', 'redirect-loop', 'trickle'] as const;
export type UnreadableMode = (typeof UNREADABLE_MODES)[number];

/** Blobs chosen by count (seeded pick among the blobs published at start) or by content id. */
export interface BlobChoice {
  /** How many blobs (default 1). Ignored when contentIds is given. */
  count?: number;
  /** Only blobs of this content type (default: any). */
  contentType?: ContentType;
  /** Exactly these blobs. */
  contentIds?: readonly string[];
}

export interface UnreadableBlobs extends BlobChoice {
  /** How the blob fails to read (default 'not-json'). */
  mode?: UnreadableMode;
  /** 'trickle': one byte every this many ms, forever (default 1000). */
  trickleMs?: number;
}

export interface RedirectListing {
  /** Only listings of this content type (default: any). */
  contentType?: ContentType;
  /** Which page of a window's listing, 0 = the first (default 0). */
  page?: number;
}

export type BlobFault = { kind: 'redirect' } | { kind: 'unreadable'; mode: UnreadableMode; trickleMs: number };

export interface BlobFaultOptions {
  readonly redirectBlob?: BlobChoice;
  readonly unreadableBlobs?: UnreadableBlobs;
  readonly redirectListing?: RedirectListing;
}

export class BlobFaultPlan {
  readonly redirected: ReadonlySet<string>;
  readonly unreadable: ReadonlySet<string>;
  /** The Id of the one made-up record the second origin serves for a redirected blob. */
  readonly forgedRecordId: string | undefined;
  private unreadableFixed = false;
  private redirectsFixed = false;
  private readonly mode: UnreadableMode;
  private readonly trickleMs: number;

  constructor(
    private readonly options: BlobFaultOptions,
    catalog: BlobCatalog,
    startMs: number,
  ) {
    const published = (contentType: ContentType | undefined) =>
      (contentType ? [contentType] : CONTENT_TYPES).flatMap((ct) =>
        // Not the oldest day: a chosen blob must not expire naturally during a run.
        catalog.firstListed(ct, Math.max(catalog.params.firstSlot * 3_600_000, startMs - 6 * DAY_MS), startMs + 1, startMs).filter((b) => !b.lost),
      );
    const pick = (choice: BlobChoice | undefined, salt: string, taken: ReadonlySet<string>): Set<string> => {
      if (!choice) return new Set();
      if (choice.contentIds) return new Set(choice.contentIds);
      const count = choice.count ?? 1;
      if (!Number.isInteger(count) || count < 1) throw new RangeError(`faults.${salt}.count must be an integer >= 1, got ${count}`);
      const seed = catalog.params.seed;
      const order = (b: BlobInfo) => hashOf(seed, b.contentId, salt);
      const candidates = published(choice.contentType).filter((b) => !taken.has(b.contentId));
      if (candidates.length < count) {
        throw new RangeError(`faults.${salt}: ${count} blobs asked, only ${candidates.length} published at start (add days or recordsPerHour)`);
      }
      return new Set(candidates.sort((a, b) => order(a) - order(b)).slice(0, count).map((b) => b.contentId));
    };
    this.unreadable = pick(options.unreadableBlobs, 'unreadableBlobs', new Set());
    this.redirected = pick(options.redirectBlob, 'redirectBlob', this.unreadable);
    this.forgedRecordId = options.redirectBlob ? new SeededRandom(hashOf(catalog.params.seed, 'forged-record')).guid() : undefined;
    this.mode = options.unreadableBlobs?.mode ?? 'not-json';
    if (!(UNREADABLE_MODES as readonly string[]).includes(this.mode)) {
      throw new RangeError(`faults.unreadableBlobs.mode must be one of ${UNREADABLE_MODES.join(', ')}, got ${String(this.mode)}`);
    }
    this.trickleMs = options.unreadableBlobs?.trickleMs ?? 1000;
    const page = options.redirectListing?.page ?? 0;
    if (!Number.isInteger(page) || page < 0) throw new RangeError(`faults.redirectListing.page must be an integer >= 0, got ${page}`);
  }

  /** True while a second origin is needed (redirected blobs or listing pages configured). */
  get needsSecondOrigin(): boolean {
    return this.options.redirectBlob !== undefined || this.options.redirectListing !== undefined;
  }

  /** The fault a blob answers with right now, if any. */
  blobFault(contentId: string): BlobFault | undefined {
    if (!this.unreadableFixed && this.unreadable.has(contentId)) return { kind: 'unreadable', mode: this.mode, trickleMs: this.trickleMs };
    if (!this.redirectsFixed && this.redirected.has(contentId)) return { kind: 'redirect' };
    return undefined;
  }

  /** Whether the blob's real records can be fetched right now. */
  readable(contentId: string): boolean {
    return this.blobFault(contentId) === undefined;
  }

  /** Whether this page (0-based) of a listing of contentType is redirected right now. */
  redirectsListing(contentType: ContentType, page: number): boolean {
    const r = this.options.redirectListing;
    if (!r || this.redirectsFixed) return false;
    return (r.contentType === undefined || r.contentType === contentType) && (r.page ?? 0) === page;
  }

  fixUnreadable(): void {
    this.unreadableFixed = true;
  }

  fixRedirects(): void {
    this.redirectsFixed = true;
  }
}
