// Terminal output of the CLI: short aligned tables a person can read; `--json` prints the
// handler's data instead.
import type { CollectionHealth, FindingView } from '@auditflow/ingest-func';
import type { EntityGraph } from '@auditflow/investigation';

const SEVERITY_MARK = { high: 'HIGH', medium: 'MED ', low: 'low ' } as const;

function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

const short = (iso: string) => iso.replace('T', ' ').replace(/:\d\d\.\d{3}Z$/, 'Z');

export function formatFindings(findings: readonly FindingView[], more: boolean): string {
  if (findings.length === 0) return 'No findings.';
  const rows = [
    ['SEV', 'INDICATOR', 'WHEN (UTC)', 'ENTITIES', 'EVIDENCE'],
    ...findings.map((f) => [
      SEVERITY_MARK[f.severity],
      f.indicator,
      f.start === f.end ? short(f.start) : `${short(f.start)} .. ${short(f.end)}`,
      f.entities.map((e) => e.id).join(', '),
      `${f.evidenceTotal} event${f.evidenceTotal === 1 ? '' : 's'}`,
    ]),
  ];
  const lines = [table(rows), ''];
  const first = findings[0];
  if (first?.entities[0]) lines.push(`Look closer: npm run investigate -- graph --center ${first.entities[0].id}`);
  lines.push(`${findings.length} finding${findings.length === 1 ? '' : 's'}${more ? ' (more: add --continuation-token from --json, or narrow with --severity/--indicator)' : ''}.`);
  return lines.join('\n');
}

export function formatGraph(graph: EntityGraph & { scanned?: { events: number; queries: number } }, center: string | undefined): string {
  const byKind = new Map<string, number>();
  for (const n of graph.nodes) byKind.set(n.kind, (byKind.get(n.kind) ?? 0) + 1);
  const lines = [
    `${graph.nodes.length} nodes (${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}), ${graph.edges.length} edges` +
      (graph.scanned ? ` from ${graph.scanned.events} events` : ''),
  ];
  if (graph.truncated.nodes > 0 || graph.truncated.edges > 0 || graph.truncated.reason) {
    lines.push(`cut: ${graph.truncated.nodes} nodes, ${graph.truncated.edges} edges${graph.truncated.reason ? ` (${graph.truncated.reason})` : ''}`);
  }
  const label = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = [...graph.edges].sort((a, b) => b.count - a.count).slice(0, 25);
  if (edges.length > 0) {
    lines.push('', table([['COUNT', 'SOURCE', 'RELATION', 'TARGET', 'LAST SEEN'], ...edges.map((e) => [String(e.count), e.source, e.operation ? `${e.kind} (${e.operation})` : e.kind, e.target, short(e.lastSeen)])]));
    if (graph.edges.length > edges.length) lines.push(`... and ${graph.edges.length - edges.length} more edges (--json for all)`);
  }
  const flagged = graph.nodes.filter((n) => n.flags?.external || n.flags?.guest || n.flags?.watched);
  if (flagged.length > 0) lines.push('', `flagged: ${flagged.map((n) => `${n.id} [${Object.keys(n.flags ?? {}).join(',')}]`).join(', ')}`);
  if (center && !label.has(center)) lines.push('', `${center} has no events in this range: widen --from/--to.`);
  return lines.join('\n');
}

export function formatEntity(body: {
  entity: { id: string };
  range: { from: string; to: string };
  events: readonly { id: string; time: string; operation: string | null; actor: { userId: string | null; ip: string | null }; target: { objectId: string | null } }[];
  continuationToken?: string;
  summary?: { node: { count: number; firstSeen: string; lastSeen: string } | null; neighbours: readonly { node: string; kind: string; count: number }[]; findings: readonly FindingView[] };
}): string {
  const lines = [`${body.entity.id}  (${short(body.range.from)} .. ${short(body.range.to)})`];
  const s = body.summary;
  if (s?.node) lines.push(`${s.node.count} events, first ${short(s.node.firstSeen)}, last ${short(s.node.lastSeen)}`);
  if (s && s.neighbours.length > 0) lines.push('', table([['COUNT', 'RELATION', 'WITH'], ...s.neighbours.slice(0, 10).map((n) => [String(n.count), n.kind, n.node])]));
  if (s && s.findings.length > 0) lines.push('', `findings: ${s.findings.map((f) => `${f.severity} ${f.indicator}`).join(', ')}`);
  lines.push(
    '',
    table([
      ['TIME (UTC)', 'OPERATION', 'USER', 'IP', 'OBJECT'],
      ...body.events.map((e) => [short(e.time), e.operation ?? '-', e.actor.userId ?? '-', e.actor.ip ?? '-', e.target.objectId ?? '-']),
    ]),
  );
  if (body.continuationToken) lines.push(`more: --continuation-token ${body.continuationToken}`);
  return lines.join('\n');
}

export function formatHealth(h: CollectionHealth): string {
  const rows = [
    ['CONTENT TYPE', 'VERDICT', 'NEWEST EVENT', 'WATERMARK LAG', 'BLOBS stored/listed/lost/quarantined', 'GAPS'],
    ...h.contentTypes.map((c) => [
      c.contentType,
      c.verdict,
      c.newestEventTime ? short(c.newestEventTime) : '-',
      c.watermarkLagInSeconds === null ? '-' : `${(c.watermarkLagInSeconds / 3600).toFixed(1)} h`,
      `${c.blobs.stored}/${c.blobs.listed}/${c.blobs.lost}/${c.blobs.quarantined}`,
      String(c.gaps.total),
    ]),
  ];
  return `${table(rows)}\n\n${h.verdict === 'ok' ? 'Collection is current' : `Collection is behind (more than ${h.behindHours} h) for some content types`}.`;
}
