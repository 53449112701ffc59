// The HTTP functions (authLevel function: a function key is required):
//   POST /api/rerun  {contentTypes?, start, end} -> 202 + Durable status URLs, or 400 with every problem
//   GET  /api/status[?behindHours=N] -> watermarks, freshness, last cycle, open gaps, subscriptions,
//        collection health per content type
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { isConfigError, type AuditflowConfig } from '@auditflow/config';
import type { ContentType, Gap, Watermark } from '@auditflow/ingestion';
import type { AuditStore } from '@auditflow/storage';
import * as df from 'durable-functions';
import type { Logger } from '../activities/activity-deps';
import { collectSettingsFrom } from '../collect/collect-settings';
import { collectInstanceId, FUNCTION_NAMES, HTTP_ROUTES, rerunInstanceId } from '../function-names';
import { validateRerunRequest } from '../http/rerun-request';
import { buildStatusReport } from '../http/status-report';
import { collectionHealth } from '../investigate/collection-health';
import { readBehindHours } from '../investigate/health-handler';
import type { RerunInput } from '../orchestrators/orchestration-input';
import { getConfig, getRuntime } from '../runtime/app-runtime';
import { getInstanceStatus, isActive } from './instance-status';
import { readBodyLimited } from '../http/read-body';
import { startOrJoin } from './start-once';
import { structuredLog } from './structured-log';

/** POST /api/rerun bodies are a few hundred bytes; anything far larger is refused with 413. */
export const RERUN_BODY_LIMIT_BYTES = 16 * 1024;

export function registerHttpFunctions(): void {
  df.app.client.http(FUNCTION_NAMES.rerunHttpStart, {
    route: HTTP_ROUTES.rerun,
    methods: ['POST'],
    authLevel: 'function',
    handler: (request, client, context) => {
      const log = structuredLog(context);
      return guarded(log, () => startRerun(request, client, { config: getConfig(), log, now: new Date() }));
    },
  });
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

type RerunClient = Pick<df.DurableClient, 'getStatus' | 'startNew' | 'createCheckStatusResponse'>;

export async function startRerun(
  request: HttpRequest,
  client: RerunClient,
  deps: { readonly config: AuditflowConfig; readonly log: Logger; readonly now: Date },
): Promise<HttpResponseInit> {
  const { config } = deps;
  const read = await readBodyLimited(request, RERUN_BODY_LIMIT_BYTES);
  if (!read.ok) {
    return {
      status: 413,
      jsonBody: {
        error: 'RequestTooLarge',
        limitInBytes: RERUN_BODY_LIMIT_BYTES,
        message: `the body is larger than ${RERUN_BODY_LIMIT_BYTES} bytes (at least ${read.seenBytes}): a rerun request is {"contentTypes"?: [...], "start": "...", "end": "..."}`,
      },
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(read.text);
  } catch {
    body = undefined; // reported by the validation as "the body must be a JSON object"
  }
  const validation = validateRerunRequest(body, config.contentTypes, deps.now);
  if (!validation.ok) {
    return { status: 400, jsonBody: { error: 'InvalidRerunRequest', problems: validation.problems } };
  }
  const { request: rerun } = validation;
  const instanceId = rerunInstanceId(config.tenantId, rerun.start, rerun.end, rerun.allContentTypes ? undefined : rerun.contentTypes);
  // The same request twice finds the run already going instead of starting a second one.
  if (!isActive(await getInstanceStatus(client, instanceId))) {
    const input: RerunInput = {
      settings: collectSettingsFrom(config),
      contentTypes: rerun.contentTypes,
      window: { start: rerun.start, end: rerun.end },
    };
    // A concurrent identical request may have started it since: then this one joins it.
    const started = await startOrJoin(client, FUNCTION_NAMES.rerunOrchestrator, instanceId, input);
    deps.log.info(started === 'started' ? 'rerun started' : 'rerun already started by a concurrent request', { instanceId, contentTypes: rerun.contentTypes, start: rerun.start, end: rerun.end });
  }
  return client.createCheckStatusResponse(request, instanceId);
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

/** A config problem or an unexpected failure becomes a 500 JSON body that says what is wrong. */
export async function guarded(log: Logger, handle: () => Promise<HttpResponseInit>): Promise<HttpResponseInit> {
  try {
    return await handle();
  } catch (error) {
    if (isConfigError(error)) {
      log.error('configuration invalid', { problems: error.problems });
      return { status: 500, jsonBody: { error: 'InvalidConfig', message: 'the app settings are invalid: fix them and restart', problems: error.problems } };
    }
    const message = error instanceof Error ? error.message : String(error);
    log.error('request failed', { message });
    return { status: 500, jsonBody: { error: (error as { code?: string } | null)?.code ?? 'InternalError', message } };
  }
}
