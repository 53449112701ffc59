// Scenario A: what Exchange administrators changed, which operations they share, and which
// commands give access to user data (mailbox permissions, forwarding, transport rules,
// impersonation, searches), as an admin-operation-object graph.
import type { EventDocument } from '@auditflow/ingestion';
import type { InvestigationContext } from '../context';
import { nodeId } from '../entity-id';
import { forwardingAddresses } from '../document-entities';
import { nameValues } from '../record-readers';
import { findingsOver, graphOver, type InvestigationOptions, type InvestigationResult } from './investigation';

export interface ExchangeAdminSummary {
  readonly admins: readonly { readonly user: string; readonly operations: Readonly<Record<string, number>> }[];
  /** Operations run by more than one admin, with who ran them. */
  readonly sharedOperations: readonly { readonly operation: string; readonly admins: readonly string[] }[];
  /** Commands that give access to user data, per admin. */
  readonly dataAccessCommands: readonly { readonly user: string; readonly operation: string; readonly count: number; readonly evidenceIds: readonly string[] }[];
}

const DATA_ACCESS = new Set([
  'add-mailboxpermission',
  'add-recipientpermission',
  'add-mailboxfolderpermission',
  'new-managementroleassignment',
  'add-rolegroupmember',
  'new-transportrule',
  'set-transportrule',
  'new-inboxrule',
  'set-inboxrule',
  'search-mailbox',
  'new-compliancesearch',
  'new-compliancesearchaction',
  'new-mailboxexportrequest',
  'set-mailbox',
]);

function isAdminCmdlet(doc: EventDocument): boolean {
  return doc.recordType === 1 && (doc.workload ?? '').toLowerCase() === 'exchange' && doc.actor.userId !== null && !/^nt authority\\/i.test(doc.actor.userId);
}

/** A command that gives access to someone's mail (Set-Mailbox only when it forwards or delegates). */
export function givesDataAccess(doc: EventDocument): boolean {
  const op = doc.operation?.toLowerCase() ?? '';
  if (!DATA_ACCESS.has(op)) return false;
  if (op !== 'set-mailbox' && op !== 'new-inboxrule' && op !== 'set-inboxrule') return true;
  const p = nameValues(doc.raw, 'Parameters');
  return forwardingAddresses(doc.operation ?? '', p).length > 0 || p.has('grantsendonbehalfto');
}

export function exchangeAdminChanges(
  docs: Iterable<EventDocument>,
  ctx: InvestigationContext,
  options: InvestigationOptions = {},
): InvestigationResult<ExchangeAdminSummary> {
  const watch = options.watch ?? [];
  const cmdlets = [...docs].filter(isAdminCmdlet).filter((d) => watch.length === 0 || watch.includes(nodeId('user', d.actor.userId ?? '')));
  const perAdmin = new Map<string, Map<string, number>>();
  const perOp = new Map<string, Set<string>>();
  const access = new Map<string, { user: string; operation: string; count: number; evidenceIds: string[] }>();
  for (const d of cmdlets) {
    const user = (d.actor.userId ?? '').toLowerCase();
    const op = d.operation ?? '(none)';
    const ops = perAdmin.get(user) ?? new Map<string, number>();
    ops.set(op, (ops.get(op) ?? 0) + 1);
    perAdmin.set(user, ops);
    perOp.set(op, (perOp.get(op) ?? new Set()).add(user));
    if (givesDataAccess(d)) {
      const key = `${user}|${op}`;
      const a = access.get(key) ?? { user, operation: op, count: 0, evidenceIds: [] };
      a.count += 1;
      if (a.evidenceIds.length < (options.maxEvidence ?? 20)) a.evidenceIds.push(d.id);
      access.set(key, a);
    }
  }
  const graph = graphOver(cmdlets, ctx, options, 2, watch);
  const findings = findingsOver(cmdlets, ctx, options, [
    'mail-forwarding-external',
    'mail-forwarding-shared-destination',
    'inbox-rule-hides-mail',
    'mailbox-permission-delegated',
    'audit-tampering',
    'admin-role-added',
  ]);
  return {
    name: 'a',
    title: 'Exchange admin changes',
    graph,
    findings,
    summary: {
      admins: [...perAdmin].map(([user, ops]) => ({ user, operations: Object.fromEntries([...ops].sort()) })).sort((a, b) => (a.user < b.user ? -1 : 1)),
      sharedOperations: [...perOp]
        .filter(([, users]) => users.size > 1)
        .map(([operation, users]) => ({ operation, admins: [...users].sort() }))
        .sort((a, b) => b.admins.length - a.admins.length || (a.operation < b.operation ? -1 : 1)),
      dataAccessCommands: [...access.values()].sort((a, b) => b.count - a.count || (a.user < b.user ? -1 : 1)),
    },
  };
}
