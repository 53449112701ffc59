// Live view of a collection, read from the SQLite store the app writes (a second connection: WAL
// lets it read while the app writes). Never reads audit records, only counts.
import type { ContentType, LedgerEntry } from '@auditflow/ingestion';
import type { CheckpointStore, EventStore } from '@auditflow/storage';

export interface ContentTypeProgress {
  readonly contentType: ContentType;
  readonly blobsListed: number;
  readonly blobsStored: number;
  readonly blobsLost: number;
  /** Records in the stored blobs, duplicates and rejected records included. */
  readonly recordsReceived: number;
  readonly recordsRejected: number;
  /** Unique documents in the event store. */
  readonly recordsStored: number;
  readonly gaps: number;
  readonly watermark: string | null;
}

export async function readProgress(
  tenantId: string,
  contentTypes: readonly ContentType[],
  events: EventStore,
  checkpoints: CheckpointStore,
): Promise<ContentTypeProgress[]> {
  const gaps = await checkpoints.listGaps(tenantId);
  return Promise.all(
    contentTypes.map(async (contentType) => {
      const ledger: LedgerEntry[] = await checkpoints.listLedger(tenantId, contentType);
      const stored = ledger.filter((e) => e.state === 'stored');
      const watermark = await checkpoints.getWatermark(tenantId, contentType);
      return {
        contentType,
        blobsListed: ledger.length,
        blobsStored: stored.length,
        blobsLost: ledger.filter((e) => e.state === 'lost').length,
        recordsReceived: stored.reduce((sum, e) => sum + (e.recordCount ?? 0), 0),
        recordsRejected: stored.reduce((sum, e) => sum + (e.rejectedCount ?? 0), 0),
        recordsStored: await events.countEvents({ tenantId, contentType }),
        gaps: gaps.filter((g) => g.contentType === contentType).length,
        watermark: watermark?.value ?? null,
      };
    }),
  );
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function formatProgress(rows: readonly ContentTypeProgress[], elapsedInMs: number): string[] {
  const seconds = Math.max(elapsedInMs / 1000, 0.001);
  const total = rows.reduce((sum, r) => sum + r.recordsStored, 0);
  const lines = rows.map(
    (r) =>
      `  ${r.contentType.padEnd(27)} blobs ${fmt(r.blobsStored).padStart(6)}/${fmt(r.blobsListed).padEnd(6)} ` +
      `records ${fmt(r.recordsStored).padStart(9)}  gaps ${r.gaps}  watermark ${r.watermark ?? '-'}`,
  );
  lines.push(`  ${'all'.padEnd(27)} ${fmt(total)} records in ${seconds.toFixed(1)} s (${fmt(Math.round(total / seconds))} events/s)`);
  return lines;
}
