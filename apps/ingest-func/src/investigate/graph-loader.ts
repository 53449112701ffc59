// Loads the events of an entity graph from the store hop by hop, never the whole store: the
// centre's (or watch list's) events first, then the events of the entities they reached, for
// `hops` rounds. Only entities the store indexes are expanded (users, IPs, objects); operations
// are hubs (every FileAccessed of the tenant) and are never expanded. Rounds, entities per round
// and events per entity are capped, and the graph's `truncated.reason` says what was left out.
import { CONTENT_TYPES, type ContentType, type EventDocument } from '@auditflow/ingestion';
import {
  GraphAccumulator,
  matchesFilters,
  parseNodeId,
  shapeGraph,
  type EntityGraph,
  type InvestigationContext,
  type ResolvedGraphQuery,
} from '@auditflow/investigation';
import type { EventPageQuery, EventStore } from '@auditflow/storage';

export interface LoadLimits {
  /** Events read for the whole graph at most. */
  readonly maxEvents: number;
  /** Entities expanded per hop at most (the busiest first). */
  readonly maxEntitiesPerHop: number;
  /** Events read per expanded entity at most. */
  readonly maxEventsPerEntity: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = { maxEvents: 50_000, maxEntitiesPerHop: 100, maxEventsPerEntity: 5_000 };
const PAGE = 1_000;

export interface LoadedGraph {
  readonly graph: EntityGraph;
  readonly scanned: { readonly events: number; readonly queries: number };
}

type Pivot = Pick<EventPageQuery, 'userId' | 'ip' | 'objectId'>;

function pivotOf(nodeId: string): Pivot | undefined {
  const parsed = parseNodeId(nodeId);
  if (!parsed) return undefined;
  if (parsed.kind === 'user') return { userId: parsed.key };
  if (parsed.kind === 'ip') return { ip: parsed.key };
  if (parsed.kind === 'object') return { objectId: parsed.key };
  return undefined;
}

export async function loadGraph(
  events: EventStore,
  context: InvestigationContext,
  q: ResolvedGraphQuery & { from: string; to: string },
  limits: LoadLimits = DEFAULT_LOAD_LIMITS,
): Promise<LoadedGraph> {
  const acc = new GraphAccumulator({ tenantDomains: context.tenantDomains, ...(context.sensitiveTypeName ? { sensitiveTypeName: context.sensitiveTypeName } : {}) }, q.maxEvidence);
  const seenEvents = new Set<string>();
  const cuts: string[] = [];
  let queries = 0;
  const base: EventPageQuery = {
    tenantId: context.tenantId,
    from: q.from,
    to: q.to,
    includeRaw: true,
    ...(q.contentTypes ? { contentTypes: [...q.contentTypes].map(canonicalContentType) } : {}),
  };
  let loaded = 0;
  // One query (no centre) never returns an event twice: no id set, so memory stays flat however
  // many events a full export reads.
  const dedupe = (q.center !== undefined || q.watch.length > 0);
  const read = async (pivot: Pivot | undefined, cap: number): Promise<void> => {
    let token: string | undefined;
    let read = 0;
    queries += 1;
    do {
      const room = Math.min(PAGE, cap - read, limits.maxEvents - loaded);
      if (room <= 0) {
        cuts.push(pivot ? `events of ${JSON.stringify(pivot)} capped at ${cap}` : `events capped at ${limits.maxEvents}`);
        return;
      }
      const page = await events.pageEvents({ ...base, ...pivot, limit: room, ...(token ? { continuationToken: token } : {}) });
      for (const doc of page.events) {
        read += 1;
        if (dedupe) {
          if (seenEvents.has(doc.id)) continue;
          seenEvents.add(doc.id);
        }
        loaded += 1;
        if (matchesFilters(doc, q)) acc.add(doc as EventDocument);
      }
      token = page.continuationToken;
    } while (token !== undefined);
  };

  const seeds = [...(q.center ? [q.center] : []), ...q.watch];
  if (seeds.length === 0) {
    await read(undefined, limits.maxEvents);
  } else {
    const expanded = new Set<string>();
    let frontier = seeds;
    for (let hop = 1; hop <= q.hops && frontier.length > 0; hop++) {
      const queryable = frontier.filter((id) => !expanded.has(id) && pivotOf(id) !== undefined);
      const ranked = queryable.sort((a, b) => (acc.nodeMap().get(b)?.count ?? 0) - (acc.nodeMap().get(a)?.count ?? 0));
      if (ranked.length > limits.maxEntitiesPerHop) cuts.push(`hop ${hop}: ${ranked.length - limits.maxEntitiesPerHop} entities not expanded (at most ${limits.maxEntitiesPerHop})`);
      for (const id of ranked.slice(0, limits.maxEntitiesPerHop)) {
        expanded.add(id);
        await read(pivotOf(id), limits.maxEventsPerEntity);
        if (loaded >= limits.maxEvents) break;
      }
      if (loaded >= limits.maxEvents) break;
      frontier = [...acc.nodeMap().keys()].filter((id) => !expanded.has(id));
    }
  }
  const graph = shapeGraph(acc, q);
  if (cuts.length === 0) return { graph, scanned: { events: loaded, queries } };
  const reason = [graph.truncated.reason, `store reads limited: ${[...new Set(cuts)].slice(0, 5).join('; ')}`].filter(Boolean).join('; ');
  return { graph: { ...graph, truncated: { ...graph.truncated, reason } }, scanned: { events: loaded, queries } };
}

/** The lib lower-cases filter values; the store compares content types exactly. */
function canonicalContentType(lower: string): ContentType {
  return CONTENT_TYPES.find((k) => k.toLowerCase() === lower) ?? (lower as ContentType);
}
