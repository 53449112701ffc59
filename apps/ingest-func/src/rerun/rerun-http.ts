// POST /api/rerun (authLevel function) {contentTypes?, start, end} -> 202 + Durable status URLs,
// or 400 with every problem: starts the rerun orchestration under a deterministic instance id, so
// the same request twice finds the same run. The console starts reruns through startRerun too.
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { AuditflowConfig } from '@auditflow/config';
import * as df from 'durable-functions';
import { collectSettingsFrom } from '../collect/collect-settings';
import type { RerunInput } from '../collect/orchestration-input';
import type { Logger } from '../shared/activity-deps';
import { getConfig } from '../shared/app-runtime';
import { FUNCTION_NAMES, HTTP_ROUTES, rerunInstanceId } from '../shared/function-names';
import { guarded } from '../shared/guarded-http';
import { getInstanceStatus, isActive } from '../shared/instance-status';
import { readBodyLimited } from '../shared/read-body';
import { startOrJoin } from '../shared/start-once';
import { structuredLog } from '../shared/structured-log';
import { validateRerunRequest } from './rerun-request';

/** POST /api/rerun bodies are a few hundred bytes; anything far larger is refused with 413. */
export const RERUN_BODY_LIMIT_BYTES = 16 * 1024;

export function registerRerunHttp(): void {
  df.app.client.http(FUNCTION_NAMES.rerunHttpStart, {
    route: HTTP_ROUTES.rerun,
    methods: ['POST'],
    authLevel: 'function',
    handler: (request, client, context) => {
      const log = structuredLog(context);
      return guarded(log, () => startRerun(request, client, { config: getConfig(), log, now: new Date() }));
    },
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
