// One event document -> the entities it names and the typed relations between them. The graph
// builder aggregates these over many documents; indicators use the same readers.
import type { EventDocument } from '@auditflow/ingestion';
import { isExternalAddress } from './context';
import { nodeId } from './entity-id';
import type { EdgeKind, EntityKind, NodeFlags } from './model';
import { addressesIn, field, modifiedNew, nameValues, text } from './record-readers';
import { dlpMatch } from './dlp';

export interface NodeFact {
  readonly id: string;
  readonly kind: EntityKind;
  readonly label: string;
  readonly flags?: NodeFlags;
}

export interface EdgeFact {
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
  readonly operation?: string;
}

export interface DocumentEntities {
  readonly nodes: NodeFact[];
  readonly edges: EdgeFact[];
}

export interface EntityOptions {
  /** When set, documents of any other tenant are left out of a graph (never merged into its nodes). */
  readonly tenantId?: string;
  readonly tenantDomains: readonly string[];
  readonly sensitiveTypeName?: (guid: string) => string | undefined;
}

const GUEST_USER_TYPE = 10;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Service accounts DLP and Exchange write as UserId: not a person who did something. */
const AGENT_USERS = /^(dlpagent|dlppolicyeventbasedassistant)/i;

/** Guest / external flags of an account seen in a record. */
export function userFlags(userId: string, userType: number | null, tenantDomains: readonly string[]): NodeFlags | undefined {
  const lower = userId.toLowerCase();
  const guest = userType === GUEST_USER_TYPE || lower.includes('#ext#');
  const external = guest || isExternalAddress(lower, tenantDomains);
  return guest || external ? { ...(guest ? { guest } : {}), ...(external ? { external } : {}) } : undefined;
}

export function documentEntities(doc: EventDocument, options: EntityOptions): DocumentEntities {
  const nodes: NodeFact[] = [];
  const edges: EdgeFact[] = [];
  const seen = new Set<string>();
  const node = (kind: EntityKind, key: string, flags?: NodeFlags, label = key): string => {
    const id = nodeId(kind, key);
    if (!seen.has(id)) {
      seen.add(id);
      nodes.push(flags ? { id, kind, label, flags } : { id, kind, label });
    }
    return id;
  };
  const edge = (source: string, target: string, kind: EdgeKind, operation?: string): void => {
    if (source !== target) edges.push(operation ? { source, target, kind, operation } : { source, target, kind });
  };
  const raw = doc.raw;
  const op = doc.operation ?? undefined;
  const userId = doc.actor.userId;
  const agent = userId !== null && AGENT_USERS.test(userId);
  const user = userId && !agent ? node('user', userId, userFlags(userId, doc.actor.userType, options.tenantDomains)) : undefined;

  if (op) {
    const opNode = node('operation', op);
    if (user) edge(user, opNode, 'performed');
  }
  if (user && doc.actor.ip) edge(user, node('ip', doc.actor.ip), 'from-ip');
  if (user && doc.clientApp) edge(node('app', doc.clientApp), user, 'acting-for');

  // The object the operation was on.
  const site = doc.target.siteUrl ? node('site', doc.target.siteUrl) : undefined;
  const mailbox = doc.target.mailbox && doc.target.mailbox.includes('@') ? node('mailbox', doc.target.mailbox) : undefined;
  if (user && mailbox) edge(user, mailbox, 'accessed-mailbox', op);
  const objectKey = objectKeyOf(doc);
  if (objectKey) {
    const isAccount = doc.workload === 'AzureActiveDirectory' && objectKey.includes('@');
    const target = isAccount
      ? node('user', objectKey, userFlags(objectKey, null, options.tenantDomains))
      : node('object', objectKey, undefined, text(field(raw, 'SourceFileName')) ?? objectKey);
    if (user) edge(user, target, 'acted-on', op);
    if (site && !isAccount) edge(target, site, 'in-site');
    // Directory roles (Add member to role.): the member -> the role.
    const role = modifiedNew(raw, 'Role.DisplayName');
    if (role && isAccount) edge(target, node('role', role), 'granted-role', op);
  }

  // Messages an Exchange item operation touched (Item, or MailItemsAccessed's Folders): the
  // objects DLP's Exchange matches name by InternetMessageId.
  if (user && doc.workload === 'Exchange') {
    for (const m of messageIdsOf(raw)) edge(user, node('object', m), 'acted-on', op);
  }

  // Sharing with someone (SharePoint TargetUserOrGroupName).
  const shareTarget = text(field(raw, 'TargetUserOrGroupName'));
  if (user && shareTarget && shareTarget.includes('@')) {
    const type = text(field(raw, 'TargetUserOrGroupType'));
    const flags = userFlags(shareTarget, type === 'Guest' ? GUEST_USER_TYPE : null, options.tenantDomains);
    edge(user, node('user', shareTarget, flags), 'shared-with', op);
  }

  // Exchange cmdlets: forwarding, permissions, roles.
  if (doc.recordType === 1 && op) {
    const params = nameValues(raw, 'Parameters');
    const from = mailboxOfCmdlet(params) ?? userId;
    // The actor's own mailbox is the actor (their rule forwards their mail: one hop from them);
    // another's is a mailbox node the actor reached through this cmdlet, linked to the actor, so
    // a forwarding destination never hangs off a node no path from the actor reaches.
    const own = from !== null && userId !== null && from.toLowerCase() === userId.toLowerCase();
    const fromNode = from && from.includes('@') && !(own && user) ? node('mailbox', from) : user;
    if (user && fromNode && fromNode !== user) edge(user, fromNode, 'acted-on', op);
    for (const dest of forwardingAddresses(op, params)) {
      if (fromNode) edge(fromNode, node('user', dest, userFlags(dest, null, options.tenantDomains)), 'forwards-to', op);
    }
    const delegate = params.get('user') ?? params.get('trustee') ?? params.get('grantsendonbehalfto');
    if (fromNode && delegate) edge(fromNode, node('user', delegate, userFlags(delegate, null, options.tenantDomains)), 'delegated-to', op);
    const role = params.get('role');
    if (user && role) edge(user, node('role', role), 'granted-role', op);
  }

  // DLP: the matched object -> sensitive types and policies.
  const dlp = dlpMatch(doc, options.sensitiveTypeName);
  if (dlp) {
    const obj = node('object', dlp.objectKey, undefined, dlp.objectLabel);
    if (dlp.siteUrl) edge(obj, node('site', dlp.siteUrl), 'in-site');
    if (dlp.actor && !AGENT_USERS.test(dlp.actor)) {
      edge(node('user', dlp.actor, userFlags(dlp.actor, null, options.tenantDomains)), obj, 'acted-on', op);
    }
    for (const t of dlp.sensitiveTypes) edge(obj, node('sensitive-type', t.id, undefined, t.name), 'contains');
    for (const p of dlp.policies) edge(obj, node('policy', p), 'matched-policy');
    for (const r of dlp.recipients) {
      if (dlp.actor) {
        edge(node('user', dlp.actor, userFlags(dlp.actor, null, options.tenantDomains)), node('user', r, userFlags(r, null, options.tenantDomains)), 'shared-with', op);
      }
    }
  }

  // Teams.
  const team = text(field(raw, 'TeamName'));
  if (user && team) edge(user, node('team', team), 'in-team');

  // OAuth consent: the user -> the app consented to.
  if (user && op && /consent to application|oauth2permissiongrant/i.test(op)) {
    const app = consentedApp(doc);
    if (app) edge(user, node('app', app), 'consented-to', op);
  }
  return { nodes, edges };
}

/** The object key of a document: ObjectId (Exchange cmdlets name a mailbox identity; kept), else the file name. */
export function objectKeyOf(doc: EventDocument): string | null {
  const id = doc.target.objectId;
  if (id && id !== 'Unknown' && !(doc.recordType === 15)) return id;
  return null;
}

/** InternetMessageIds of an Exchange record (Item, AffectedItems, Folders[].FolderItems). */
export function messageIdsOf(raw: Readonly<Record<string, unknown>>): string[] {
  const out = new Set<string>();
  const add = (v: unknown): void => {
    const t = typeof v === 'object' && v !== null ? text((v as Record<string, unknown>)['InternetMessageId']) : null;
    if (t) out.add(t);
  };
  add(field(raw, 'Item'));
  const affected = field(raw, 'AffectedItems');
  if (Array.isArray(affected)) affected.forEach(add);
  const folders = field(raw, 'Folders');
  if (Array.isArray(folders)) {
    for (const f of folders) {
      const items = typeof f === 'object' && f !== null ? (f as Record<string, unknown>)['FolderItems'] : undefined;
      if (Array.isArray(items)) items.forEach(add);
    }
  }
  return [...out];
}

function mailboxOfCmdlet(params: Map<string, string>): string | null {
  for (const k of ['mailbox', 'identity']) {
    const v = params.get(k);
    if (v && v.includes('@')) return addressesIn(v)[0] ?? null;
  }
  return null;
}

/** Parameters of forwarding cmdlets that name a destination (design doc, forwarding row). */
export const FORWARDING_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  'new-inboxrule': ['forwardto', 'forwardasattachmentto', 'redirectto'],
  'set-inboxrule': ['forwardto', 'forwardasattachmentto', 'redirectto'],
  'set-mailbox': ['forwardingsmtpaddress', 'forwardingaddress'],
  'new-transportrule': ['redirectmessageto', 'blindcopyto', 'copyto', 'addtorecipients'],
  'set-transportrule': ['redirectmessageto', 'blindcopyto', 'copyto', 'addtorecipients'],
};

export function forwardingAddresses(operation: string, params: Map<string, string>): string[] {
  const keys = FORWARDING_PARAMETERS[operation.toLowerCase()] ?? [];
  return [...new Set(keys.flatMap((k) => addressesIn(params.get(k))))];
}

/** The app of a consent / grant event: Target's service principal id or display name. */
export function consentedApp(doc: EventDocument): string | null {
  const raw = doc.raw;
  const target = field(raw, 'Target');
  if (Array.isArray(target)) {
    for (const t of target) {
      const id = typeof t === 'object' && t !== null ? text((t as Record<string, unknown>)['ID']) : null;
      if (id && GUID.test(id)) return id;
    }
  }
  return doc.target.objectId;
}
