// GET /api/status[?behindHours=N] (authLevel function): watermarks, freshness, last cycle, open
// gaps, subscriptions, the collection health per content type (investigate/collection-health.ts)
// and the collect orchestration's state (status-report.ts builds the report).
import type { HttpResponseInit } from '@azure/functions';
import type { AuditflowConfig } from '@auditflow/config';
import type { ContentType, Gap, Watermark } from '@auditflow/ingestion';
import type { AuditStore } from '@auditflow/storage';
import * as df from 'durable-functions';
import { getRuntime } from '../shared/app-runtime';
import { collectInstanceId, FUNCTION_NAMES, HTTP_ROUTES } from '../shared/function-names';
import { guarded } from '../shared/guarded-http';
import { getInstanceStatus } from '../shared/instance-status';
import { structuredLog } from '../shared/structured-log';
import { collectionHealth } from '../investigate/collection-health';
import { readBehindHours } from '../investigate/health-handler';
import { buildStatusReport } from './status-report';

export function registerStatusHttp(): void {
  df.app.client.http(FUNCTION_NAMES.statusHttp, {
    route: HTTP_ROUTES.status,
    methods: ['GET'],
    authLevel: 'function',
    handler: (request, client, context) =>
      guarded(structuredLog(context), async () => {
        const { config, store } = await getRuntime();
        return readStatus(client, { config, store, now: new Date(), query: request.query });
      }),
  });
}

export async function readStatus(
  client: Pick<df.DurableClient, 'getStatus'>,
  deps: { readonly config: AuditflowConfig; readonly store: AuditStore; readonly now: Date; readonly query?: URLSearchParams },
): Promise<HttpResponseInit> {
  const { config, store } = deps;
  const behind = readBehindHours(deps.query ?? new URLSearchParams());
  if (!behind.ok) return { status: 400, jsonBody: behind.body };
  const contentTypes = config.contentTypes as readonly ContentType[];
  const instanceId = collectInstanceId(config.tenantId);
  const [status, watermarks, gaps, health] = await Promise.all([
    getInstanceStatus(client, instanceId),
    Promise.all(contentTypes.map(async (ct) => [ct, await store.checkpoints.getWatermark(config.tenantId, ct)] as const)),
    store.checkpoints.listGaps(config.tenantId),
    collectionHealth(store, config.tenantId, contentTypes, deps.now, behind.hours),
  ]);
  const gapsByType = new Map<ContentType, Gap[]>();
  for (const gap of gaps) gapsByType.set(gap.contentType, [...(gapsByType.get(gap.contentType) ?? []), gap]);
  const report = buildStatusReport({
    tenantId: config.tenantId,
    now: deps.now,
    instanceId,
    contentTypes,
    watermarks: new Map<ContentType, Watermark | undefined>(watermarks),
    gaps: gapsByType,
    orchestration: status
      ? {
          runtimeStatus: String(status.runtimeStatus),
          customStatus: status.customStatus,
          output: status.output,
          ...isoTime(status.lastUpdatedTime, 'lastUpdatedTime'),
          ...isoTime(status.createdTime, 'createdTime'),
        }
      : undefined,
    stuckAfterMinutes: config.stuckAfterMinutes,
    health,
  });
  return { status: 200, jsonBody: report };
}

function isoTime<K extends string>(value: unknown, key: K): Partial<Record<K, string>> {
  const time = value instanceof Date || typeof value === 'string' ? new Date(value) : undefined;
  return time && !Number.isNaN(time.getTime()) ? ({ [key]: time.toISOString() } as Record<K, string>) : {};
}
