// GET /console/api/overview: what the Overview page shows per content type, in one call: the
// status report (watermark, lag, last cycle, gaps, subscription), the collection health of
// GET /api/health (newest event, blobs listed / stored / lost / quarantined / waiting: the same
// function, so the page and scripts never disagree), the records stored, and whether the content
// type's run is going right now (its sub-orchestration of the collect instance). Only counts.
import type { HttpResponseInit } from '@azure/functions';
import type { AuditflowConfig } from '@auditflow/config';
import type { ContentType } from '@auditflow/ingestion';
import type { AuditStore } from '@auditflow/storage';
import { collectInstanceId, contentTypeInstanceId } from '../shared/function-names';
import { readStatus } from '../status/status-http';
import { getInstanceStatus } from '../shared/instance-status';
import { collectionHealth } from '../investigate/collection-health';
import type { ConsoleClient } from './orchestration-views';

export interface ContentTypeCounts {
  readonly contentType: ContentType;
  readonly blobsListed: number;
  readonly blobsStored: number;
  readonly blobsLost: number;
  /** Unreadable after every attempt: a content-unreadable gap each. */
  readonly blobsQuarantined: number;
  /** Listed, not stored yet (fetching, or to be retried). */
  readonly blobsWaiting: number;
  readonly recordsStored: number;
  /** The newest event stored (its `time`), as GET /api/health reports it; null when none. */
  readonly newestEventTime: string | null;
  /** The content type's current run: Running while it collects. */
  readonly runStatus: string | null;
}

export async function readOverview(
  client: ConsoleClient,
  deps: { readonly config: AuditflowConfig; readonly store: AuditStore; readonly now: Date },
): Promise<HttpResponseInit> {
  const { config, store } = deps;
  const status = await readStatus(client, deps);
  const collectId = collectInstanceId(config.tenantId);
  const contentTypes = config.contentTypes as readonly ContentType[];
  const health = await collectionHealth(store, config.tenantId, contentTypes, deps.now);
  const counts: ContentTypeCounts[] = await Promise.all(
    health.contentTypes.map(async ({ contentType, blobs, newestEventTime }) => {
      const [recordsStored, run] = await Promise.all([
        store.events.countEvents({ tenantId: config.tenantId, contentType }),
        getInstanceStatus(client, contentTypeInstanceId(collectId, contentType)),
      ]);
      return {
        contentType,
        blobsListed: Object.values(blobs).reduce((sum, n) => sum + n, 0),
        blobsStored: blobs.stored,
        blobsLost: blobs.lost,
        blobsQuarantined: blobs.quarantined,
        blobsWaiting: blobs.listed,
        recordsStored,
        newestEventTime,
        runStatus: run ? String(run.runtimeStatus) : null,
      };
    }),
  );
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store' },
    jsonBody: { status: status.jsonBody, counts, schedule: config.schedule, firstRunLookbackHours: config.firstRunLookbackHours },
  };
}
