// Scenario C: who accessed sensitive content. DLP matches name the objects (a file's URL, a
// message's InternetMessageId); file and mail operations on the same objects are joined to them
// by the normalized object key, so the graph shows sensitive types -> objects <- users.
import type { EventDocument } from '@auditflow/ingestion';
import type { InvestigationContext } from '../context';
import { dlpMatch, type DlpMatch } from '../dlp';
import { messageIdsOf } from '../document-entities';
import { normalizeKey } from '../entity-id';
import { findingsOver, graphOver, type InvestigationOptions, type InvestigationResult } from './investigation';

export interface SensitiveContentSummary {
  readonly objects: readonly {
    readonly object: string;
    readonly label: string;
    readonly sensitiveTypes: readonly string[];
    readonly policies: readonly string[];
    readonly matches: number;
    /** Users who operated on the object, with their operations and counts. */
    readonly accessedBy: readonly { readonly user: string; readonly operations: Readonly<Record<string, number>>; readonly evidenceIds: readonly string[] }[];
  }[];
}

/** The normalized object keys a document operates on (file URL, message ids). */
export function objectKeysOf(doc: EventDocument): string[] {
  const keys: string[] = [];
  if (doc.target.objectId) keys.push(normalizeKey('object', doc.target.objectId));
  if (doc.workload === 'Exchange') for (const m of messageIdsOf(doc.raw)) keys.push(normalizeKey('object', m));
  return keys;
}

export function sensitiveContentAccess(
  docs: Iterable<EventDocument>,
  ctx: InvestigationContext,
  options: InvestigationOptions = {},
): InvestigationResult<SensitiveContentSummary> {
  const all = [...docs];
  const matches = new Map<string, { match: DlpMatch; count: number }>();
  const dlpDocs: EventDocument[] = [];
  for (const d of all) {
    const m = dlpMatch(d, ctx.sensitiveTypeName);
    if (!m || m.undo) continue;
    dlpDocs.push(d);
    const key = normalizeKey('object', m.objectKey);
    const old = matches.get(key);
    matches.set(key, { match: old?.match ?? m, count: (old?.count ?? 0) + 1 });
  }
  const dlpSet = new Set(dlpDocs);
  const joined: EventDocument[] = [];
  const access = new Map<string, Map<string, { ops: Map<string, number>; ids: string[] }>>();
  for (const d of all) {
    if (dlpSet.has(d) || !d.actor.userId) continue;
    const hits = objectKeysOf(d).filter((k) => matches.has(k));
    if (hits.length === 0) continue;
    joined.push(d);
    for (const k of hits) {
      const byUser = access.get(k) ?? new Map<string, { ops: Map<string, number>; ids: string[] }>();
      const u = byUser.get(d.actor.userId.toLowerCase()) ?? { ops: new Map<string, number>(), ids: [] };
      const op = d.operation ?? '(none)';
      u.ops.set(op, (u.ops.get(op) ?? 0) + 1);
      if (u.ids.length < (options.maxEvidence ?? 20)) u.ids.push(d.id);
      byUser.set(d.actor.userId.toLowerCase(), u);
      access.set(k, byUser);
    }
  }
  const graphDocs = [...dlpDocs, ...joined];
  const graph = graphOver(graphDocs, ctx, options, 3);
  return {
    name: 'c',
    title: 'Access to sensitive content',
    graph,
    findings: findingsOver(graphDocs, ctx, options, ['dlp-rule-match', 'mass-download', 'sharing-loosened', 'mail-forwarding-external']),
    summary: {
      objects: [...matches]
        .map(([key, { match, count }]) => ({
          object: key,
          label: match.objectLabel,
          sensitiveTypes: match.sensitiveTypes.map((t) => t.name),
          policies: match.policies,
          matches: count,
          accessedBy: [...(access.get(key) ?? new Map<string, { ops: Map<string, number>; ids: string[] }>())]
            .map(([user, u]) => ({ user, operations: Object.fromEntries(u.ops), evidenceIds: u.ids }))
            .sort((a, b) => (a.user < b.user ? -1 : 1)),
        }))
        .sort((a, b) => b.accessedBy.length - a.accessedBy.length || b.matches - a.matches || (a.object < b.object ? -1 : 1)),
    },
  };
}
