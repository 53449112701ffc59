// Shapes GET /api/status: per content type the watermark, its freshness, the last cycle's
// counts, open gaps, the subscription state and the collection health (issue 11 section 3: newest
// event, watermark lag, blobs listed / stored / lost, a "behind by more than N hours" verdict),
// plus the collect orchestration's state. Pure: the handler gathers the inputs (store, Durable
// client, collectionHealth).
import type { ContentType, CycleSummary, Gap, Watermark } from '@auditflow/ingestion';
import { isCollectable, type SubscriptionReport } from '../collect/ensure-subscriptions';
import type { CollectionHealth, ContentTypeHealth } from '../investigate/collection-health';
import { isActive } from '../shared/instance-status';
import { stuckCollection, type StuckCollection } from '../collect/stuck-collection';

const DEFAULT_STUCK_AFTER_MINUTES = 120;

/** What the handler knows of the collect orchestration (from the Durable client). */
export interface OrchestrationSnapshot {
  readonly runtimeStatus: string;
  readonly customStatus?: unknown;
  readonly output?: unknown;
  readonly lastUpdatedTime?: string;
  readonly createdTime?: string;
}

export interface StatusInput {
  readonly tenantId: string;
  readonly now: Date;
  readonly instanceId: string;
  readonly contentTypes: readonly ContentType[];
  readonly watermarks: ReadonlyMap<ContentType, Watermark | undefined>;
  readonly gaps: ReadonlyMap<ContentType, readonly Gap[]>;
  readonly orchestration: OrchestrationSnapshot | undefined;
  /** AUDITFLOW_STUCK_AFTER_MINUTES (default 120). */
  readonly stuckAfterMinutes?: number;
  /** Collection health of the same content types (the same report GET /api/health serves). */
  readonly health: CollectionHealth;
}

/** A content type's health in the status report (its watermark and gaps are beside it already). */
export type ContentTypeHealthStatus = Omit<ContentTypeHealth, 'contentType' | 'watermark' | 'gaps'>;

export interface GapSummary {
  readonly id: string;
  readonly reason: Gap['reason'];
  readonly window: Gap['window'];
  readonly contentId?: string;
  readonly detail: string;
  readonly recordedAt: string;
}

export interface ContentTypeStatus {
  readonly contentType: ContentType;
  readonly watermark: string | null;
  /** now - watermark in whole seconds; null before the first collection. */
  readonly freshnessInSeconds: number | null;
  readonly lastCycle: CycleSummary | null;
  readonly openGaps: { readonly count: number; readonly latest: GapSummary[] };
  /** From the last ensureSubscriptions of the collect orchestration; null when unknown. */
  readonly subscription: { readonly state: string; readonly detail?: string } | null;
  /** Whether the last (or running) cycle collects it; never silent: not-collecting says why. */
  readonly collection: { readonly state: 'collecting' | 'not-collecting' | 'unknown'; readonly reason?: string };
  readonly health: ContentTypeHealthStatus | null;
}

export interface StatusReport {
  readonly tenantId: string;
  readonly now: string;
  readonly contentTypes: ContentTypeStatus[];
  /** `behind` when any content type lags more than behindHours (or was never collected). */
  readonly health: { readonly behindHours: number; readonly verdict: CollectionHealth['verdict'] };
  readonly orchestration: {
    readonly instanceId: string;
    readonly runtimeStatus: string;
    readonly lastUpdatedTime?: string;
    readonly createdTime?: string;
    /** Set while a collection runs longer than AUDITFLOW_STUCK_AFTER_MINUTES: what to do. */
    readonly stuck?: StuckCollection;
  };
}

/** Gaps listed per content type (newest first); the count covers all of them. */
export const LATEST_GAPS = 10;

export function buildStatusReport(input: StatusInput): StatusReport {
  const subscriptions = subscriptionsOf(input.orchestration);
  return {
    tenantId: input.tenantId,
    now: input.now.toISOString(),
    contentTypes: input.contentTypes.map((contentType) => {
      const watermark = input.watermarks.get(contentType);
      const gaps = input.gaps.get(contentType) ?? [];
      const subscription = subscriptions.find((s) => s.contentType === contentType);
      return {
        contentType,
        watermark: watermark?.value ?? null,
        freshnessInSeconds: watermark ? Math.max(0, Math.floor((input.now.getTime() - Date.parse(watermark.value)) / 1000)) : null,
        lastCycle: watermark?.lastCycle ?? null,
        openGaps: {
          count: gaps.length,
          latest: [...gaps]
            .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))
            .slice(0, LATEST_GAPS)
            .map((g) => ({
              id: g.id,
              reason: g.reason,
              window: g.window,
              ...(g.contentId ? { contentId: g.contentId } : {}),
              detail: g.detail,
              recordedAt: g.recordedAt,
            })),
        },
        subscription: subscription ? { state: subscription.state, ...(subscription.detail ? { detail: subscription.detail } : {}) } : null,
        collection: collectionOf(contentType, input.orchestration, subscription),
        health: healthOf(input.health, contentType),
      };
    }),
    health: { behindHours: input.health.behindHours, verdict: input.health.verdict },
    orchestration: {
      instanceId: input.instanceId,
      runtimeStatus: input.orchestration?.runtimeStatus ?? 'NotStarted',
      ...(input.orchestration?.lastUpdatedTime ? { lastUpdatedTime: input.orchestration.lastUpdatedTime } : {}),
      ...(input.orchestration?.createdTime ? { createdTime: input.orchestration.createdTime } : {}),
      ...stuckPart(input),
    },
  };
}

function healthOf(health: CollectionHealth, contentType: ContentType): ContentTypeHealthStatus | null {
  const found = health.contentTypes.find((h) => h.contentType === contentType);
  if (!found) return null;
  const { contentType: _c, watermark: _w, gaps: _g, ...rest } = found;
  return rest;
}

function collectionOf(contentType: ContentType, orchestration: OrchestrationSnapshot | undefined, subscription: SubscriptionReport | undefined): ContentTypeStatus['collection'] {
  if (!orchestration) return { state: 'unknown', reason: 'no collection cycle has run yet' };
  const output = orchestration.output as { notCollecting?: unknown } | null | undefined;
  if (!isActive(orchestration) && Array.isArray(output?.notCollecting)) {
    const entry = (output.notCollecting as { contentType?: unknown; reason?: unknown }[]).find((n) => n?.contentType === contentType);
    return entry ? { state: 'not-collecting', reason: String(entry.reason) } : { state: 'collecting' };
  }
  if (subscription && !isCollectable(subscription.state) && subscription.state !== 'disabled') {
    return { state: 'not-collecting', reason: `not-subscribed: ${subscription.state}${subscription.detail ? `: ${subscription.detail}` : ''}` };
  }
  if (subscription?.state === 'disabled') return { state: 'not-collecting', reason: `subscription-disabled: ${subscription.detail ?? 'an admin disabled it'}` };
  if (!isActive(orchestration) && orchestration.runtimeStatus !== 'Completed') return { state: 'not-collecting', reason: `the last cycle ended ${orchestration.runtimeStatus}` };
  return { state: 'collecting' };
}

function stuckPart(input: StatusInput): { stuck?: StuckCollection } {
  const stuck = stuckCollection(input.orchestration, input.tenantId, input.now, input.stuckAfterMinutes ?? DEFAULT_STUCK_AFTER_MINUTES);
  return stuck ? { stuck } : {};
}

/** The custom status (set while a cycle runs) or else the output of the last cycle. */
function subscriptionsOf(orchestration: OrchestrationSnapshot | undefined): SubscriptionReport[] {
  for (const source of [orchestration?.customStatus, orchestration?.output]) {
    const list = (source as { subscriptions?: unknown } | null | undefined)?.subscriptions;
    if (Array.isArray(list)) {
      return list.filter(
        (s): s is SubscriptionReport =>
          typeof s === 'object' && s !== null && typeof (s as SubscriptionReport).contentType === 'string' && typeof (s as SubscriptionReport).state === 'string',
      );
    }
  }
  return [];
}
