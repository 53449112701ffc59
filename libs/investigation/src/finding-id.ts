// Deterministic finding ids: the same indicator on the same identity (entities + bucket or
// triggering event) is the same id however often the events are evaluated, so a store that
// upserts by id never holds a finding twice.
import { createHash } from 'node:crypto';
import type { Finding } from './model';

export function findingId(tenantId: string, indicator: string, ...identity: readonly string[]): string {
  const h = createHash('sha256').update([tenantId, indicator, ...identity].join('\u0000')).digest('hex');
  return `f-${indicator}-${h.slice(0, 24)}`;
}

/**
 * Two versions of one finding (same id, e.g. a 5-minute bucket whose events arrived in two
 * cycles) as one: the union of the evidence (capped at maxEvidence, time order kept by the ids'
 * order of arrival), the wider span, the larger total, the higher severity, the newer details.
 */
export function mergeFindings(a: Finding, b: Finding, maxEvidence = 50): Finding {
  if (a.id !== b.id) throw new TypeError(`mergeFindings needs one finding twice, got ${a.id} and ${b.id}`);
  const ids = [...new Set([...a.evidenceIds, ...b.evidenceIds])];
  const rank = { low: 0, medium: 1, high: 2 } as const;
  const entities = new Map([...a.entities, ...b.entities].map((e) => [e.id, e]));
  return {
    ...b,
    severity: rank[a.severity] > rank[b.severity] ? a.severity : b.severity,
    entities: [...entities.values()],
    start: a.start < b.start ? a.start : b.start,
    end: a.end > b.end ? a.end : b.end,
    evidenceIds: ids.slice(0, maxEvidence),
    evidenceTotal: Math.max(a.evidenceTotal, b.evidenceTotal, ids.length),
  };
}
