// The console's view of the Durable management API, through the app's durable client (so the
// system key stays in the host): the instance list with filters, one instance with its history,
// terminate, and a rerun of a window. Nothing returned carries a management URL or a key.
import type { HttpResponseInit } from '@azure/functions';
import type { AuditflowConfig } from '@auditflow/config';
import * as df from 'durable-functions';
import type { Logger } from '../shared/activity-deps';
import { startRerun } from '../rerun/rerun-http';
import { getInstanceStatus } from '../shared/instance-status';

export const RUNTIME_STATUSES = ['Running', 'Pending', 'Completed', 'Failed', 'Terminated', 'ContinuedAsNew', 'Suspended'] as const;
/** Instances per list response; the newest first. */
export const MAX_LISTED = 500;
/** History events per instance response (the rest is counted, not sent). */
export const MAX_HISTORY_EVENTS = 5000;

export type ConsoleClient = Pick<df.DurableClient, 'getStatus' | 'getStatusBy' | 'terminate' | 'startNew' | 'createCheckStatusResponse' | 'createHttpManagementPayload'>;

export interface InstanceSummary {
  readonly instanceId: string;
  readonly name: string;
  readonly runtimeStatus: string;
  readonly createdTime: string | null;
  readonly lastUpdatedTime: string | null;
  readonly customStatus: unknown;
}

function iso(value: unknown): string | null {
  const time = value instanceof Date || typeof value === 'string' ? new Date(value) : undefined;
  return time && !Number.isNaN(time.getTime()) ? time.toISOString() : null;
}

function summary(s: df.DurableOrchestrationStatus): InstanceSummary {
  return {
    instanceId: s.instanceId,
    name: s.name,
    runtimeStatus: String(s.runtimeStatus),
    createdTime: iso(s.createdTime),
    lastUpdatedTime: iso(s.lastUpdatedTime),
    customStatus: s.customStatus ?? null,
  };
}

function badRequest(problems: { field: string; problem: string }[]): HttpResponseInit {
  return { status: 400, jsonBody: { error: 'InvalidQuery', problems } };
}

/** GET /console/api/instances?status=Running,Failed&name=collect&from=ISO&to=ISO&topLevel=true */
export async function listInstances(client: ConsoleClient, query: URLSearchParams): Promise<HttpResponseInit> {
  const problems: { field: string; problem: string }[] = [];
  const statuses = (query.get('status') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of statuses) {
    if (!(RUNTIME_STATUSES as readonly string[]).includes(s)) problems.push({ field: 'status', problem: `"${s}" is not a runtime status: use ${RUNTIME_STATUSES.join(', ')}` });
  }
  const time = (field: 'from' | 'to'): Date | undefined => {
    const raw = query.get(field);
    if (!raw) return undefined;
    const t = new Date(raw);
    if (Number.isNaN(t.getTime())) problems.push({ field, problem: `"${raw}" is not a date-time: use ISO 8601, e.g. 2026-11-30T00:00:00Z` });
    return t;
  };
  const from = time('from');
  const to = time('to');
  if (from && to && !Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime()) && from > to) problems.push({ field: 'from', problem: 'is after to: swap them' });
  if (problems.length > 0) return badRequest(problems);

  const filter: df.OrchestrationFilter = {
    ...(from ? { createdTimeFrom: from } : {}),
    ...(to ? { createdTimeTo: to } : {}),
    ...(statuses.length > 0 ? { runtimeStatus: statuses as df.OrchestrationRuntimeStatus[] } : {}),
  };
  const name = (query.get('name') ?? '').trim().toLowerCase();
  const topLevel = query.get('topLevel') === 'true';
  const all = (await client.getStatusBy(filter))
    .map(summary)
    .filter((s) => !name || s.name.toLowerCase().includes(name) || s.instanceId.toLowerCase().includes(name))
    // sub-orchestrations of this app have ids `{parent}:{suffix}`
    .filter((s) => !topLevel || !s.instanceId.includes(':'))
    .sort((a, b) => (b.createdTime ?? '').localeCompare(a.createdTime ?? ''));
  return { status: 200, jsonBody: { instances: all.slice(0, MAX_LISTED), total: all.length, truncated: all.length > MAX_LISTED } };
}

/**
 * GET /console/api/instances/{id}: status, custom status and history (capped).
 * The history is read from the management API's status URL that the durable client binding
 * provides (it carries the system key, server side only): durable-functions 3.x drops it from
 * getStatus (its DurableOrchestrationStatus reads `history`, the API answers `historyEvents`:
 * azure-functions-durable-js issue #620).
 */
export async function instanceDetail(client: ConsoleClient, instanceId: string, fetchImpl: typeof fetch = fetch): Promise<HttpResponseInit> {
  const status = await getInstanceStatus(client, instanceId);
  if (!status) return { status: 404, jsonBody: { error: 'InstanceNotFound', message: `No orchestration instance ${instanceId}.` } };
  const history = await readHistory(client, instanceId, fetchImpl);
  return {
    status: 200,
    jsonBody: {
      instance: { ...summary(status), output: status.output ?? null },
      history: history.slice(0, MAX_HISTORY_EVENTS),
      historyTotal: history.length,
    },
  };
}

async function readHistory(client: ConsoleClient, instanceId: string, fetchImpl: typeof fetch): Promise<unknown[]> {
  const url = new URL(client.createHttpManagementPayload(instanceId).statusQueryGetUri);
  url.searchParams.set('showHistory', 'true');
  url.searchParams.set('showHistoryOutput', 'false');
  url.searchParams.set('showInput', 'false');
  const response = await fetchImpl(url, { signal: AbortSignal.timeout(30_000) });
  if (response.status === 404) return [];
  const body = (await response.json()) as { historyEvents?: unknown };
  return Array.isArray(body.historyEvents) ? body.historyEvents : [];
}

/** POST /console/api/instances/{id}/terminate {reason} */
export async function terminateInstance(client: ConsoleClient, instanceId: string, body: unknown, log: Logger, user: string): Promise<HttpResponseInit> {
  const reason = typeof (body as { reason?: unknown } | null)?.reason === 'string' ? String((body as { reason: string }).reason).slice(0, 500) : '';
  const status = await getInstanceStatus(client, instanceId);
  if (!status) return { status: 404, jsonBody: { error: 'InstanceNotFound', message: `No orchestration instance ${instanceId}.` } };
  if (!['Running', 'Pending', 'Suspended', 'ContinuedAsNew'].includes(String(status.runtimeStatus))) {
    return { status: 409, jsonBody: { error: 'NotRunning', message: `Instance ${instanceId} is ${String(status.runtimeStatus)}: only a running instance can be terminated.` } };
  }
  await client.terminate(instanceId, reason ? `${reason} (by ${user}, console)` : `terminated by ${user} from the console`);
  log.info('console terminated an instance', { instanceId, user });
  return { status: 202, jsonBody: { instanceId, terminated: true } };
}

/**
 * POST /console/api/rerun {contentTypes?, start, end}: the same validation and instance id as
 * POST /api/rerun, answering only the instance id (the check-status response of the durable
 * client carries management URLs with a key, which must not reach a browser).
 */
export async function startConsoleRerun(
  client: ConsoleClient,
  body: string,
  deps: { readonly config: AuditflowConfig; readonly log: Logger; readonly now: Date; readonly url: string },
): Promise<HttpResponseInit> {
  const keyless: Pick<df.DurableClient, 'getStatus' | 'startNew' | 'createCheckStatusResponse'> = {
    getStatus: client.getStatus.bind(client),
    startNew: client.startNew.bind(client),
    createCheckStatusResponse: ((_request: unknown, instanceId: string) => ({ status: 202, jsonBody: { instanceId } })) as unknown as df.DurableClient['createCheckStatusResponse'],
  };
  const request = { text: async () => body, url: deps.url } as unknown as Parameters<typeof startRerun>[0];
  const response = await startRerun(request, keyless, deps);
  return response as HttpResponseInit;
}
