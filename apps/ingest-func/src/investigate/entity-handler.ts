// GET /api/entities/{kind}/{id}: one entity's pane. The first page carries a summary (the entity's
// node and its direct neighbours from a 1-hop graph over at most 5,000 of its events, and the
// findings naming it); every page carries events newest first, paged with continuationToken.
// `raw=true` adds the raw records (otherwise fetch them by id with GET /api/events?ids=...).
import { ENTITY_KINDS, nodeId, resolveGraphQuery, type EntityKind } from '@auditflow/investigation';
import { isStorageError, type EventPageQuery } from '@auditflow/storage';
import { loadGraph } from './graph-loader';
import { badRequest, ok, type HandlerResult } from './handler-result';
import { defaultRange, type InvestigateDeps } from './investigate-deps';
import { checkRange, ParamReader } from './query-params';
import { loadTenantContext } from './tenant-context';
import { withLinks } from './findings-handler';

/** Kinds whose events the store indexes. */
export const EVENT_KINDS: readonly EntityKind[] = ['user', 'ip', 'object', 'operation'];
const SUMMARY_LIMITS = { maxEvents: 5_000, maxEntitiesPerHop: 1, maxEventsPerEntity: 5_000 };

export async function entityHandler(kind: string, key: string, params: URLSearchParams, deps: InvestigateDeps): Promise<HandlerResult> {
  const reader = new ParamReader(params);
  if (!(ENTITY_KINDS as readonly string[]).includes(kind)) reader.problem('kind', `must be one of ${ENTITY_KINDS.join(', ')}, got "${kind}"`);
  else if (!EVENT_KINDS.includes(kind as EntityKind)) reader.problem('kind', `"${kind}" has no event index; use ${EVENT_KINDS.join(', ')}, or GET /api/graph with center=${kind}:...`);
  if (key.trim() === '') reader.problem('id', 'must name the entity (e.g. alice@contoso.com)');
  const from = reader.time('from');
  const to = reader.time('to');
  checkRange(reader, from, to);
  const limit = reader.int('limit', 1, 1_000);
  const order = reader.oneOf('order', ['asc', 'desc'] as const);
  const raw = reader.bool('raw');
  const continuationToken = reader.string('continuationToken');
  reader.rejectUnknown();
  if (reader.problems.length > 0) return badRequest(reader.problems);

  const entityKind = kind as EntityKind;
  const id = nodeId(entityKind, key);
  const normalized = id.slice(kind.length + 1);
  const range = defaultRange(deps.now, from, to);
  const pivot: Partial<EventPageQuery> =
    entityKind === 'user' ? { userId: normalized } : entityKind === 'ip' ? { ip: normalized } : entityKind === 'object' ? { objectId: normalized } : { operations: [key.trim()] };
  let page;
  try {
    page = await deps.store.events.pageEvents({
      tenantId: deps.tenantId,
      ...range,
      ...pivot,
      limit: limit ?? 100,
      order: order ?? 'desc',
      includeRaw: raw === true,
      ...(continuationToken ? { continuationToken } : {}),
    });
  } catch (error) {
    if (isStorageError(error) && error.code === 'InvalidContinuationToken') return badRequest([{ parameter: 'continuationToken', message: error.message }]);
    throw error;
  }
  const body: Record<string, unknown> = { entity: { id, kind, key: normalized }, range, events: page.events };
  if (page.continuationToken) body.continuationToken = page.continuationToken;
  if (!continuationToken) body.summary = await summary(id, entityKind, range, deps);
  return ok(body);
}

async function summary(id: string, kind: EntityKind, range: { from: string; to: string }, deps: InvestigateDeps) {
  const findings = await deps.store.investigation.queryFindings({ tenantId: deps.tenantId, entity: id, limit: 20 });
  if (kind === 'operation') return { node: null, neighbours: [], findings: findings.findings.map(withLinks) };
  const context = await loadTenantContext(deps.store.investigation, deps.tenantId);
  const q = { ...resolveGraphQuery({ center: id, hops: 1, maxNodes: 50, maxEdges: 100, maxEvidence: 5 }), ...range };
  const { graph, scanned } = await loadGraph(deps.store.events, context, q, SUMMARY_LIMITS);
  const node = graph.nodes.find((n) => n.id === id) ?? null;
  const neighbours = graph.edges
    .filter((e) => e.source === id || e.target === id)
    .sort((a, b) => b.count - a.count)
    .slice(0, 20)
    .map((e) => ({ node: e.source === id ? e.target : e.source, kind: e.kind, operation: e.operation, count: e.count, lastSeen: e.lastSeen }));
  return { node, neighbours, findings: findings.findings.map(withLinks), scanned, truncated: graph.truncated };
}
