// The tenant's publication schedule: which blobs exist, when each becomes available and what it
// holds. Everything is a pure function of (seed, content type, hour slot, index), computed lazily
// per hour slot, so a 9-day clock jump costs nothing and no record is kept in memory: a blob's
// records are rebuilt from its seed whenever it is fetched.
import type { ContentType } from '@auditflow/ingestion';
import { HOUR_MS, encodeContentId, type BlobKey } from './content-id';
import { buildRecord, recordId } from './record-factory';
import type { MutableRecord } from './record-context';
import { unitOf } from './seeded-random';
import type { StoryPlan } from './stories';
import type { TenantDirectory } from './tenant-directory';

export const DAY_MS = 24 * HOUR_MS;
export const RETENTION_MS = 7 * DAY_MS;
const MINUTE_MS = 60_000;
/** The latest a blob appears after the start of its hour slot (events are 30 min..12 h old then). */
export const MAX_PUBLISH_DELAY_MS = 12 * HOUR_MS;
const MIN_RELIST_DELAY_MS = 2 * HOUR_MS;
export const MAX_RELIST_DELAY_MS = 3 * DAY_MS;

/** Share of recordsPerHour per content type (sums to 1). */
export const CONTENT_TYPE_WEIGHTS: Readonly<Record<ContentType, number>> = {
  'Audit.AzureActiveDirectory': 0.25,
  'Audit.Exchange': 0.25,
  'Audit.SharePoint': 0.3,
  'Audit.General': 0.15,
  'DLP.All': 0.05,
};

export interface BlobInfo extends BlobKey {
  readonly contentId: string;
  /** The first (and for most blobs the only) contentCreated. */
  readonly createdMs: number;
  /** A second listing with a later contentCreated (relist), same contentId. */
  readonly relistedMs: number | undefined;
  /** The expired-blob fault: answers AF20051 whenever fetched. */
  readonly lost: boolean;
  /** A blob that repeats some records of its slot's regular blobs (redelivery). */
  readonly redelivery: boolean;
  /** Regular blobs hold the record indices [first, end) of their slot. */
  readonly first: number;
  readonly end: number;
}

export interface CatalogParams {
  readonly seed: number;
  readonly directory: TenantDirectory;
  /** Events exist from the start of this slot on. */
  readonly firstSlot: number;
  readonly recordsPerHour: number;
  readonly redeliveryRate: number;
  readonly relistRate: number;
  readonly expiredBlobRate: number;
  /** Attack stories: their records follow the normal ones of their slot (indices >= normal count). */
  readonly stories?: StoryPlan;
}

export interface ListingEntry {
  readonly blob: BlobInfo;
  readonly contentCreatedMs: number;
}

const CACHE_LIMIT = 20_000;

export class BlobCatalog {
  private readonly cache = new Map<string, BlobInfo[]>();

  constructor(readonly params: CatalogParams) {}

  slotOf(ms: number): number {
    return Math.floor(ms / HOUR_MS);
  }

  recordCount(contentType: ContentType, slot: number): number {
    return this.normalCount(contentType, slot) + this.storyRecords(contentType, slot).length;
  }

  private storyRecords(contentType: ContentType, slot: number) {
    return this.params.stories?.recordsOf(contentType, slot) ?? [];
  }

  /** A story record at index i of its slot, or undefined for a normal record. */
  private storyAt(contentType: ContentType, slot: number, index: number) {
    const normal = this.normalCount(contentType, slot);
    return index >= normal ? this.storyRecords(contentType, slot)[index - normal] : undefined;
  }

  /** The Id of record i of a slot (normal or story). */
  idOf(contentType: ContentType, slot: number, index: number): string {
    const story = this.storyAt(contentType, slot, index);
    return story ? String(story.record['Id']) : recordId(this.params.seed, contentType, slot, index);
  }

  private normalCount(contentType: ContentType, slot: number): number {
    const { seed, recordsPerHour, firstSlot } = this.params;
    if (slot < firstSlot) return 0;
    const mean = recordsPerHour * CONTENT_TYPE_WEIGHTS[contentType];
    // Busy and quiet hours (x0.5..x1.5), stochastic rounding so small rates still add up.
    const exact = mean * (0.5 + unitOf(seed, contentType, slot, 'volume'));
    return Math.floor(exact + unitOf(seed, contentType, slot, 'round'));
  }

  isRedelivered(contentType: ContentType, slot: number, index: number): boolean {
    return unitOf(this.params.seed, contentType, slot, index, 'redeliver') < this.params.redeliveryRate;
  }

  blobsOfSlot(contentType: ContentType, slot: number): BlobInfo[] {
    const cacheKey = `${contentType}|${slot}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const blobs = this.computeSlot(contentType, slot);
    if (this.cache.size >= CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(cacheKey, blobs);
    return blobs;
  }

  private computeSlot(contentType: ContentType, slot: number): BlobInfo[] {
    const { seed } = this.params;
    const count = this.recordCount(contentType, slot);
    if (count === 0) return [];
    const target = 30 + Math.floor(unitOf(seed, contentType, slot, 'blob-size') * 120);
    const regular = Math.ceil(count / target);
    const blobs: BlobInfo[] = [];
    for (let b = 0; b < regular; b++) {
      blobs.push(this.describe(contentType, slot, b, false, Math.floor((b * count) / regular), Math.floor(((b + 1) * count) / regular)));
    }
    let redelivered = 0;
    for (let i = 0; i < count; i++) if (this.isRedelivered(contentType, slot, i)) redelivered += 1;
    if (redelivered > 0) blobs.push(this.describe(contentType, slot, regular, true, 0, count));
    return blobs;
  }

  private describe(contentType: ContentType, slot: number, index: number, redelivery: boolean, first: number, end: number): BlobInfo {
    const { seed, relistRate, expiredBlobRate } = this.params;
    const key: BlobKey = { contentType, slot, index };
    // 30 min after the slot's last event at the earliest; 3 in 4 blobs within 2 h, the rest up
    // to 12 h after the slot's first event. Unordered relative to event time on purpose.
    const u = unitOf(seed, contentType, slot, index, 'delay');
    const extra = u < 0.75 ? (u / 0.75) * 90 * MINUTE_MS : 90 * MINUTE_MS + ((u - 0.75) / 0.25) * (MAX_PUBLISH_DELAY_MS - 3 * HOUR_MS);
    const createdMs = (slot + 1) * HOUR_MS + 30 * MINUTE_MS + Math.floor(extra);
    const relisted = unitOf(seed, contentType, slot, index, 'relist') < relistRate;
    const relistedMs = relisted
      ? createdMs + MIN_RELIST_DELAY_MS + Math.floor(unitOf(seed, contentType, slot, index, 'relist-delay') * (MAX_RELIST_DELAY_MS - MIN_RELIST_DELAY_MS))
      : undefined;
    return {
      ...key,
      contentId: encodeContentId(seed, key),
      createdMs,
      relistedMs,
      lost: unitOf(seed, contentType, slot, index, 'expired') < expiredBlobRate,
      redelivery,
      first,
      end,
    };
  }

  find(key: BlobKey): BlobInfo | undefined {
    return this.blobsOfSlot(key.contentType, key.slot).find((b) => b.index === key.index);
  }

  /** Listing entries with fromMs <= contentCreated < toMs and contentCreated <= nowMs, in publication order. */
  listing(contentType: ContentType, fromMs: number, toMs: number, nowMs: number): ListingEntry[] {
    const upper = Math.min(toMs, nowMs + 1);
    const entries: ListingEntry[] = [];
    if (upper <= fromMs) return entries;
    const firstSlot = Math.max(this.params.firstSlot, this.slotOf(fromMs - MAX_PUBLISH_DELAY_MS - MAX_RELIST_DELAY_MS) - 1);
    for (let slot = firstSlot; slot <= this.slotOf(upper); slot++) {
      for (const blob of this.blobsOfSlot(contentType, slot)) {
        if (blob.createdMs >= fromMs && blob.createdMs < upper) entries.push({ blob, contentCreatedMs: blob.createdMs });
        if (blob.relistedMs !== undefined && blob.relistedMs >= fromMs && blob.relistedMs < upper) {
          entries.push({ blob, contentCreatedMs: blob.relistedMs });
        }
      }
    }
    entries.sort((a, b) => a.contentCreatedMs - b.contentCreatedMs || (a.blob.contentId < b.blob.contentId ? -1 : 1));
    return entries;
  }

  /** Blobs whose FIRST contentCreated is in [fromMs, toMs) and <= nowMs. */
  firstListed(contentType: ContentType, fromMs: number, toMs: number, nowMs: number): BlobInfo[] {
    const upper = Math.min(toMs, nowMs + 1);
    const out: BlobInfo[] = [];
    const startSlot = Math.max(this.params.firstSlot, this.slotOf(fromMs - MAX_PUBLISH_DELAY_MS) - 1);
    for (let slot = startSlot; slot <= this.slotOf(upper); slot++) {
      for (const blob of this.blobsOfSlot(contentType, slot)) if (blob.createdMs >= fromMs && blob.createdMs < upper) out.push(blob);
    }
    return out;
  }

  recordIndices(blob: BlobInfo): number[] {
    const out: number[] = [];
    for (let i = blob.first; i < blob.end; i++) {
      if (!blob.redelivery || this.isRedelivered(blob.contentType, blob.slot, i)) out.push(i);
    }
    return out;
  }

  recordTimeMs(contentType: ContentType, slot: number, index: number): number {
    const story = this.storyAt(contentType, slot, index);
    if (story) return story.timeMs;
    return slot * HOUR_MS + Math.floor(unitOf(this.params.seed, contentType, slot, index, 'time') * HOUR_MS);
  }

  recordIds(blob: BlobInfo): string[] {
    return this.recordIndices(blob).map((i) => this.idOf(blob.contentType, blob.slot, i));
  }

  records(blob: BlobInfo): MutableRecord[] {
    const { directory, seed } = this.params;
    return this.recordIndices(blob).map((i) => {
      const story = this.storyAt(blob.contentType, blob.slot, i);
      // A copy: the server may serialize or fault it; the plan stays as built.
      if (story) return structuredClone(story.record);
      return buildRecord(directory, seed, blob.contentType, blob.slot, i, this.recordTimeMs(blob.contentType, blob.slot, i));
    });
  }

  /** The regular blob of a slot that holds record index i. */
  regularBlobOf(contentType: ContentType, slot: number, index: number): BlobInfo | undefined {
    return this.blobsOfSlot(contentType, slot).find((b) => !b.redelivery && index >= b.first && index < b.end);
  }

  /** The redelivery blob of a slot, if any. */
  redeliveryBlobOf(contentType: ContentType, slot: number): BlobInfo | undefined {
    return this.blobsOfSlot(contentType, slot).find((b) => b.redelivery);
  }
}
