// Node ids: `${kind}:${normalized key}`, so one entity is one node whichever record names it.
// Users, mailboxes, domains and addresses are case-insensitive in Microsoft 365 and are
// lower-cased; IPs go through @auditflow/ingestion's normalizeIp; URLs are percent-decoded and
// lower-cased (DLP writes FilePathUrl encoded, file operations write ObjectId plain, and the
// scenario C join needs them equal).
import { normalizeIp } from '@auditflow/ingestion';
import type { EntityKind } from './model';

export function nodeId(kind: EntityKind, key: string): string {
  return `${kind}:${normalizeKey(kind, key)}`;
}

export function normalizeKey(kind: EntityKind, key: string): string {
  const k = key.trim();
  switch (kind) {
    case 'ip':
      return normalizeIp(k) ?? k.toLowerCase();
    case 'user':
    case 'mailbox':
      return stripSmtp(k).toLowerCase();
    case 'domain':
    case 'app':
      return k.toLowerCase();
    case 'object':
    case 'site':
      return /^https?:\/\//i.test(k) ? decodeSafe(k).toLowerCase().replace(/\/+$/, '') : k.toLowerCase();
    case 'operation':
    case 'role':
    case 'sensitive-type':
    case 'policy':
    case 'team':
      return k.toLowerCase();
  }
}

/** The kind and key of a node id; undefined when it is not `${kind}:${key}` with a known kind. */
export function parseNodeId(id: string): { kind: EntityKind; key: string } | undefined {
  const colon = id.indexOf(':');
  if (colon <= 0 || colon === id.length - 1) return undefined;
  const kind = id.slice(0, colon);
  const key = id.slice(colon + 1);
  const kinds: readonly string[] = [
    'user', 'ip', 'app', 'object', 'site', 'mailbox', 'operation', 'role', 'sensitive-type', 'policy', 'domain', 'team',
  ];
  return kinds.includes(kind) ? { kind: kind as EntityKind, key } : undefined;
}

function stripSmtp(address: string): string {
  return address.replace(/^smtp:/i, '');
}

function decodeSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
