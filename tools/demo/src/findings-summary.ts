// The demo's closing list of findings: what the app's analysis stored during the cycle
// (GET /api/findings only reads them), each with the command that shows it.

/** The fields of GET /api/findings the summary prints (CONTRACTS.md, the investigation API). */
export interface FindingLine {
  readonly indicator: string;
  readonly title: string;
  readonly severity: string;
  readonly entities: readonly { readonly kind: string; readonly id: string }[];
  readonly start: string;
  readonly end: string;
  readonly evidenceTotal: number;
}

const SEVERITY_ORDER: Readonly<Record<string, number>> = { high: 0, medium: 1, low: 2 };

/**
 * Lines for the summary: the findings listed (the demo passes its high-severity ones), severity
 * first, then time; then how many others there are per indicator; one command per indicator.
 */
export function formatFindings(findings: readonly FindingLine[], more: boolean, others: readonly FindingLine[] = []): string[] {
  const counts = new Map<string, number>();
  for (const f of others) counts.set(`${f.severity} ${f.indicator}`, (counts.get(`${f.severity} ${f.indicator}`) ?? 0) + 1);
  const otherLine = counts.size === 0 ? [] : [`  and ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}`];
  if (findings.length === 0) return ['  findings: none of high severity (the analysis runs at the end of each cycle)', ...otherLine];
  const sorted = [...findings].sort(
    (a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || a.start.localeCompare(b.start),
  );
  const lines = [`  findings of high severity: ${findings.length}${more ? '+' : ''} (all of them: npm run investigate -- findings)`];
  for (const f of sorted) {
    const entity = f.entities[0];
    const who = entity ? (entity.id.startsWith(`${entity.kind}:`) ? entity.id : `${entity.kind}:${entity.id}`) : '-';
    lines.push(`    ${f.severity.padEnd(6)} ${f.indicator.padEnd(32)} ${who}  ${f.start.slice(0, 16)}Z  (${f.evidenceTotal} events) ${f.title}`);
  }
  lines.push(...otherLine);
  lines.push('  see one kind of finding, or the graph around its entity:');
  for (const indicator of [...new Set(sorted.map((f) => f.indicator))]) {
    lines.push(`    npm run investigate -- findings --indicator ${indicator}`);
  }
  const firstEntity = sorted.find((f) => f.entities[0])?.entities[0];
  if (firstEntity) {
    const id = firstEntity.id.startsWith(`${firstEntity.kind}:`) ? firstEntity.id : `${firstEntity.kind}:${firstEntity.id}`;
    lines.push(`    npm run investigate -- graph --center ${id} --hops 2`);
  }
  return lines;
}

/**
 * Reads the first page of findings of the given severities through the app's HTTP API (function
 * key in a header, never in the URL). The demo lists the high ones and counts the rest: every DLP
 * match is a finding, and listing them would bury what matters.
 */
export async function readFindings(url: string, functionKey: string, limit = 50, severities = 'high'): Promise<{ findings: FindingLine[]; more: boolean }> {
  const response = await fetch(`${url}/api/findings?severity=${severities}&limit=${limit}`, { headers: { 'x-functions-key': functionKey } });
  if (!response.ok) throw new Error(`GET /api/findings answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  const body = (await response.json()) as { findings: FindingLine[]; continuationToken?: string };
  return { findings: body.findings, more: body.continuationToken !== undefined };
}
