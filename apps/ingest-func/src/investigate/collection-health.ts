// Collection health per content type (issue 11 section 3): the newest event stored, the
// watermark and its lag, blobs listed / stored / lost / quarantined, gaps, and a verdict "behind
// by more than N hours". Served by GET /api/health and, per content type, in GET /api/status.
import type { ContentType, Gap, LedgerState } from '@auditflow/ingestion';
import type { AuditStore } from '@auditflow/storage';

export const DEFAULT_BEHIND_HOURS = 6;
const LEDGER_STATES: readonly LedgerState[] = ['listed', 'stored', 'lost', 'quarantined'];
const LATEST_GAPS = 5;

export interface ContentTypeHealth {
  readonly contentType: ContentType;
  readonly newestEventTime: string | null;
  /** How far the newest stored event is behind now (null: none stored). */
  readonly newestEventAgeInSeconds: number | null;
  readonly watermark: string | null;
  readonly watermarkLagInSeconds: number | null;
  readonly blobs: Readonly<Record<LedgerState, number>>;
  readonly gaps: { readonly total: number; readonly latest: readonly Pick<Gap, 'id' | 'reason' | 'window' | 'detail' | 'recordedAt'>[] };
  /** `behind`: the watermark lags more than behindHours (or there is none yet). */
  readonly verdict: 'ok' | 'behind' | 'never-collected';
  readonly detail: string;
}

export interface CollectionHealth {
  readonly tenantId: string;
  readonly checkedAt: string;
  readonly behindHours: number;
  readonly verdict: 'ok' | 'behind';
  readonly contentTypes: readonly ContentTypeHealth[];
}

export async function collectionHealth(
  store: AuditStore,
  tenantId: string,
  contentTypes: readonly ContentType[],
  now: Date,
  behindHours = DEFAULT_BEHIND_HOURS,
): Promise<CollectionHealth> {
  const gaps = await store.checkpoints.listGaps(tenantId);
  const result = await Promise.all(contentTypes.map((ct) => oneType(store, tenantId, ct, now, behindHours, gaps.filter((g) => g.contentType === ct))));
  return {
    tenantId,
    checkedAt: now.toISOString(),
    behindHours,
    verdict: result.every((r) => r.verdict === 'ok') ? 'ok' : 'behind',
    contentTypes: result,
  };
}

async function oneType(store: AuditStore, tenantId: string, contentType: ContentType, now: Date, behindHours: number, gaps: readonly Gap[]): Promise<ContentTypeHealth> {
  const [watermark, newest, ledger] = await Promise.all([
    store.checkpoints.getWatermark(tenantId, contentType),
    store.events.pageEvents({ tenantId, contentTypes: [contentType], order: 'desc', limit: 1 }),
    store.checkpoints.listLedger(tenantId, contentType),
  ]);
  const blobs = Object.fromEntries(LEDGER_STATES.map((s) => [s, 0])) as Record<LedgerState, number>;
  for (const e of ledger) blobs[e.state] = (blobs[e.state] ?? 0) + 1;
  const seconds = (iso: string | undefined) => (iso === undefined ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 1000)));
  const newestTime = newest.events[0]?.time;
  const lag = seconds(watermark?.value);
  const limit = behindHours * 3600;
  const verdict = lag === null ? 'never-collected' : lag > limit ? 'behind' : 'ok';
  const detail =
    verdict === 'never-collected'
      ? 'no watermark yet: this content type was never collected'
      : verdict === 'behind'
        ? `behind by ${(lag! / 3600).toFixed(1)} h (more than ${behindHours} h): check GET /api/status for the last cycle and its failures`
        : `collected up to ${watermark!.value}`;
  const latest = [...gaps]
    .sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : -1))
    .slice(0, LATEST_GAPS)
    .map(({ id, reason, window, detail: d, recordedAt }) => ({ id, reason, window, detail: d, recordedAt }));
  return {
    contentType,
    newestEventTime: newestTime ?? null,
    newestEventAgeInSeconds: seconds(newestTime),
    watermark: watermark?.value ?? null,
    watermarkLagInSeconds: lag,
    blobs,
    gaps: { total: gaps.length, latest },
    verdict,
    detail,
  };
}
