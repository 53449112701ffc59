// GET /api/investigations/{a|b|c}: the seed's named investigations over the store, each a graph,
// the findings of its indicators and a summary (@auditflow/investigation INVESTIGATIONS):
//   a  Exchange admin changes: the Exchange events of the range
//   b  sign-in failures by IP: the UserLoginFailed events of the range
//   c  access to sensitive content: the DLP matches of the range, then the events on each matched
//      object (a file's URL; a message is joined when its events name it as their object)
// Reads are capped (maxEvents, default 50,000); `loaded.truncated` says when the cap was hit.
import type { ContentType, EventDocument } from '@auditflow/ingestion';
import { dlpMatch, GRAPH_LIMITS, INVESTIGATIONS, runInvestigation, type InvestigationName } from '@auditflow/investigation';
import type { EventPageQuery, EventStore } from '@auditflow/storage';
import { badRequest, ok, type HandlerResult } from './handler-result';
import { defaultRange, type InvestigateDeps } from './investigate-deps';
import { checkRange, ParamReader } from './query-params';
import { loadTenantContext } from './tenant-context';

const NAMES = Object.keys(INVESTIGATIONS) as InvestigationName[];
export const DEFAULT_MAX_EVENTS = 50_000;
const MAX_OBJECTS = 200;
const PER_OBJECT = 2_000;

export async function investigationHandler(name: string, params: URLSearchParams, deps: InvestigateDeps): Promise<HandlerResult> {
  const reader = new ParamReader(params);
  if (!(NAMES as string[]).includes(name)) reader.problem('name', `must be one of ${NAMES.join(', ')} (${NAMES.map((n) => `${n}: ${INVESTIGATIONS[n].title}`).join('; ')}), got "${name}"`);
  const from = reader.time('from');
  const to = reader.time('to');
  checkRange(reader, from, to);
  const maxNodes = reader.int('maxNodes', 1, GRAPH_LIMITS.maxNodes);
  const maxEdges = reader.int('maxEdges', 1, GRAPH_LIMITS.maxEdges);
  const maxEvents = reader.int('maxEvents', 1, 200_000) ?? DEFAULT_MAX_EVENTS;
  const watch = reader.nodeIds('watch');
  reader.rejectUnknown();
  if (reader.problems.length > 0) return badRequest(reader.problems);
  const range = defaultRange(deps.now, from, to);
  const base = { tenantId: deps.tenantId, ...range, includeRaw: true };
  const loaded = await loadFor(name as InvestigationName, deps.store.events, base, maxEvents);
  const context = await loadTenantContext(deps.store.investigation, deps.tenantId);
  const result = runInvestigation(name as InvestigationName, loaded.docs, context, {
    ...(maxNodes ? { maxNodes } : {}),
    ...(maxEdges ? { maxEdges } : {}),
    ...(watch ? { watch } : {}),
  });
  return ok({ ...result, range, loaded: { events: loaded.docs.length, truncated: loaded.truncated } });
}

async function loadFor(name: InvestigationName, events: EventStore, base: EventPageQuery, max: number): Promise<{ docs: EventDocument[]; truncated: boolean }> {
  const docs = new Map<string, EventDocument>();
  let truncated = false;
  const read = async (query: Partial<EventPageQuery>, cap: number): Promise<void> => {
    let token: string | undefined;
    let n = 0;
    do {
      const room = Math.min(1_000, cap - n, max - docs.size);
      if (room <= 0) {
        truncated = true;
        return;
      }
      const page = await events.pageEvents({ ...base, ...query, limit: room, ...(token ? { continuationToken: token } : {}) });
      for (const d of page.events) docs.set(d.id, d);
      n += page.events.length;
      token = page.continuationToken;
    } while (token !== undefined);
  };
  if (name === 'a') await read({ contentTypes: ['Audit.Exchange' as ContentType] }, max);
  else if (name === 'b') await read({ operations: ['UserLoginFailed'] }, max);
  else {
    await read({ contentTypes: ['DLP.All' as ContentType] }, max);
    const objects = new Set<string>();
    for (const d of docs.values()) {
      const m = dlpMatch(d);
      if (m && !m.undo) objects.add(m.objectKey);
    }
    if (objects.size > MAX_OBJECTS) truncated = true;
    for (const objectId of [...objects].slice(0, MAX_OBJECTS)) await read({ objectId }, PER_OBJECT);
  }
  return { docs: [...docs.values()], truncated };
}
