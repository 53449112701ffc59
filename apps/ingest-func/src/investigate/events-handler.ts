// GET /api/events?ids=a,b,...: the full documents (raw records included) behind graph edges and
// findings' evidence, at most 200 ids per call, of this tenant only.
import { badRequest, ok, type HandlerResult } from './handler-result';
import type { InvestigateDeps } from './investigate-deps';
import { ParamReader } from './query-params';

export const MAX_EVENT_IDS = 200;

export async function eventsHandler(params: URLSearchParams, deps: InvestigateDeps): Promise<HandlerResult> {
  const reader = new ParamReader(params);
  const ids = reader.list('ids', MAX_EVENT_IDS);
  if (ids === undefined) reader.problem('ids', 'give the event ids to read (comma-separated)');
  reader.rejectUnknown();
  if (reader.problems.length > 0 || ids === undefined) return badRequest(reader.problems);
  const events = await deps.store.events.getEvents(deps.tenantId, ids);
  const found = new Set(events.map((e) => e.id));
  return ok({ events, missing: ids.filter((id) => !found.has(id)) });
}
