// A watch list as the seed's adminlist.csv: one account or IP per line (or per first cell; a
// header row such as "UserId" is skipped). Each entry becomes a node id: an IP -> ip:..., an
// explicit kind:key is kept, anything else is an account (user:...).
import { normalizeIp } from '@auditflow/ingestion';
import { nodeId, parseNodeId } from '../entity-id';
import { InvestigationError } from '../investigation-error';

const HEADER = /^(userid|user|upn|account|accounts|ip|ipaddress|clientip|address|id|entity)$/i;
export const MAX_WATCH_ENTRIES = 10_000;

export function parseWatchList(csv: string): string[] {
  const out = new Set<string>();
  const problems: string[] = [];
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    const cell = firstCell(line);
    if (cell === '' || (i === 0 && HEADER.test(cell))) return;
    const parsed = parseNodeId(cell);
    if (normalizeIp(cell)) out.add(nodeId('ip', cell));
    else if (parsed) out.add(nodeId(parsed.kind, parsed.key));
    else if (/^[^\s,;]+$/.test(cell)) out.add(nodeId('user', cell));
    else problems.push(`line ${i + 1}: "${cell.slice(0, 60)}" is neither an account nor an IP`);
  });
  if (out.size > MAX_WATCH_ENTRIES) problems.push(`at most ${MAX_WATCH_ENTRIES} entries, got ${out.size}`);
  if (problems.length > 0) throw new InvestigationError('InvalidWatchList', `invalid watch list: ${problems.slice(0, 5).join('; ')}`, problems);
  return [...out];
}

function firstCell(line: string): string {
  const t = line.trim();
  if (t.startsWith('"')) {
    const end = t.indexOf('"', 1);
    return (end > 0 ? t.slice(1, end) : t.slice(1)).trim();
  }
  return (t.split(/[,;\t]/)[0] ?? '').trim();
}
