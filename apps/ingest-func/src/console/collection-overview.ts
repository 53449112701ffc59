// GET /console/api/overview: what the Overview page shows per content type, in one call: the
// status report (watermark, lag, last cycle, gaps, subscription), the ledger's blob counts
// (listed / stored / lost / waiting), the records stored, and whether the content type's run is
// going right now (its sub-orchestration of the collect instance). Only counts, never records.
import type { HttpResponseInit } from '@azure/functions';
import type { AuditflowConfig } from '@auditflow/config';
import type { ContentType } from '@auditflow/ingestion';
import type { AuditStore } from '@auditflow/storage';
import { collectInstanceId, contentTypeInstanceId } from '../shared/function-names';
import { readStatus } from '../status/status-http';
import { getInstanceStatus } from '../shared/instance-status';
import type { ConsoleClient } from './orchestration-views';

export interface ContentTypeCounts {
  readonly contentType: ContentType;
  readonly blobsListed: number;
  readonly blobsStored: number;
  readonly blobsLost: number;
  /** Listed, not stored yet (fetching, or to be retried). */
  readonly blobsWaiting: number;
  readonly recordsStored: number;
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
  const counts: ContentTypeCounts[] = await Promise.all(
    (config.contentTypes as readonly ContentType[]).map(async (contentType) => {
      const [ledger, recordsStored, run] = await Promise.all([
        store.checkpoints.listLedger(config.tenantId, contentType),
        store.events.countEvents({ tenantId: config.tenantId, contentType }),
        getInstanceStatus(client, contentTypeInstanceId(collectId, contentType)),
      ]);
      const by = (state: string) => ledger.filter((e) => e.state === state).length;
      return {
        contentType,
        blobsListed: ledger.length,
        blobsStored: by('stored'),
        blobsLost: by('lost'),
        blobsWaiting: by('listed'),
        recordsStored,
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
