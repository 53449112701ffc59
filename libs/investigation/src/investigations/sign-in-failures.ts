// Scenario B: excessive sign-in failures from specific IPs, as an IP-user graph of
// UserLoginFailed, with the spray and brute-force findings.
import type { EventDocument } from '@auditflow/ingestion';
import type { InvestigationContext } from '../context';
import { field, text } from '../record-readers';
import { findingsOver, graphOver, type InvestigationOptions, type InvestigationResult } from './investigation';

export interface SignInFailuresSummary {
  /** IPs by failures, busiest first. */
  readonly ips: readonly {
    readonly ip: string;
    readonly failures: number;
    readonly users: number;
    readonly errors: Readonly<Record<string, number>>;
    readonly firstSeen: string;
    readonly lastSeen: string;
  }[];
}

export function signInFailuresByIp(
  docs: Iterable<EventDocument>,
  ctx: InvestigationContext,
  options: InvestigationOptions = {},
): InvestigationResult<SignInFailuresSummary> {
  const failures = [...docs].filter((d) => d.operation === 'UserLoginFailed');
  const per = new Map<string, { failures: number; users: Set<string>; errors: Map<string, number>; firstSeen: string; lastSeen: string }>();
  for (const d of failures) {
    const ip = d.actor.ip ?? '(none)';
    const p = per.get(ip) ?? { failures: 0, users: new Set<string>(), errors: new Map<string, number>(), firstSeen: d.time, lastSeen: d.time };
    p.failures += 1;
    if (d.actor.userId) p.users.add(d.actor.userId.toLowerCase());
    const error = text(field(d.raw, 'LogonError')) ?? text(field(d.raw, 'ErrorNumber')) ?? text(field(d.raw, 'ErrorCode')) ?? 'unknown';
    p.errors.set(error, (p.errors.get(error) ?? 0) + 1);
    if (d.time < p.firstSeen) p.firstSeen = d.time;
    if (d.time > p.lastSeen) p.lastSeen = d.time;
    per.set(ip, p);
  }
  const graph = graphOver(failures, ctx, options, 2);
  return {
    name: 'b',
    title: 'Sign-in failures by IP',
    graph: { ...graph, edges: graph.edges.filter((e) => e.kind === 'from-ip' || e.kind === 'performed') },
    findings: findingsOver(failures, ctx, options, ['password-spray', 'brute-force']),
    summary: {
      ips: [...per]
        .map(([ip, p]) => ({ ip, failures: p.failures, users: p.users.size, errors: Object.fromEntries(p.errors), firstSeen: p.firstSeen, lastSeen: p.lastSeen }))
        .sort((a, b) => b.failures - a.failures || b.users - a.users || (a.ip < b.ip ? -1 : 1)),
    },
  };
}
