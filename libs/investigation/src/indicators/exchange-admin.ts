// Exchange admin changes that give access to user data or blind the defenders: mailbox
// permissions delegated (an actor new to delegating), and audit or protection policy tampering.
import { BASELINE_KINDS } from '../baseline';
import { isTrue, nameValues } from '../record-readers';
import { actorRefs, ref } from './entities';
import { daysBetween, succeeded, type IndicatorRule } from './indicator';

const SYSTEM_ACTOR = /^nt authority\\system/i;

export const mailboxPermissionDelegated: IndicatorRule = {
  id: 'mailbox-permission-delegated',
  title: 'Mailbox permission delegated',
  source: 'elastic/detection-rules persistence_exchange_suspicious_mailbox_permission_delegation',
  onEvent(doc, state) {
    const op = doc.operation?.toLowerCase() ?? '';
    const actor = doc.actor.userId?.toLowerCase();
    if (!actor || SYSTEM_ACTOR.test(actor) || !succeeded(doc)) return;
    const p = nameValues(doc.raw, 'Parameters');
    let rights: string | null = null;
    let delegate: string | null = null;
    if (op === 'add-mailboxpermission' && /fullaccess/i.test(p.get('accessrights') ?? '')) rights = 'FullAccess';
    else if (op === 'add-recipientpermission' && /sendas/i.test(p.get('accessrights') ?? '')) rights = 'SendAs';
    else if (op === 'set-mailbox' && p.get('grantsendonbehalfto')) rights = 'SendOnBehalf';
    if (!rights) return;
    delegate = p.get('user') ?? p.get('trustee') ?? p.get('grantsendonbehalfto') ?? null;
    const known = state.baseline.get(BASELINE_KINDS.delegator, actor, 'any');
    state.record(BASELINE_KINDS.delegator, actor, 'any', doc.time);
    if (known && known.firstSeen < doc.time && daysBetween(known.lastSeen, doc.time) <= 14) return;
    const mailbox = p.get('identity') ?? null;
    state.emit({
      identity: [doc.id],
      severity: 'medium',
      entities: [
        ...actorRefs(actor, doc.actor.ip),
        ...(mailbox ? [ref('mailbox', mailbox)] : []),
        ...(delegate ? [ref('user', delegate)] : []),
      ],
      events: [doc],
      details: { rights, mailbox, delegate, operation: doc.operation },
    });
  },
};

const PROTECTION_POLICY = /^(remove|disable)-(antiphish|safelinks|safeattachment|dlpcompliance|dlp|malwarefilter|hostedcontentfilter|audit|protectionalert|retentioncompliance)/i;

export const auditOrProtectionTampering: IndicatorRule = {
  id: 'audit-tampering',
  title: 'Audit or protection policy tampering',
  source: 'Azure-Sentinel Detections/OfficeActivity/exchange_auditlogdisabled.yaml, office_policytampering.yaml',
  onEvent(doc, state) {
    const op = doc.operation ?? '';
    if (!succeeded(doc)) return;
    const p = nameValues(doc.raw, 'Parameters');
    let what: string | null = null;
    const lower = op.toLowerCase();
    if (lower === 'set-adminauditlogconfig' && /false/i.test(p.get('adminauditlogenabled') ?? '') ) what = 'admin audit log disabled';
    else if (lower === 'set-adminauditlogconfig' && /false/i.test(p.get('unifiedauditlogingestionenabled') ?? '')) what = 'unified audit log ingestion disabled';
    else if (lower === 'set-mailboxauditbypassassociation' && isTrue(p.get('auditbypassenabled'))) what = 'mailbox audit bypass enabled';
    else if (lower === 'set-mailbox' && /false/i.test(p.get('auditenabled') ?? '')) what = 'mailbox auditing disabled';
    else if (lower === 'set-organizationconfig' && isTrue(p.get('auditdisabled'))) what = 'organization mailbox auditing disabled';
    else if (PROTECTION_POLICY.test(op)) what = `${op} ${p.get('identity') ?? ''}`.trim();
    if (!what) return;
    state.emit({
      identity: [doc.id],
      severity: 'high',
      entities: actorRefs(doc.actor.userId, doc.actor.ip),
      events: [doc],
      details: { change: what, operation: op },
    });
  },
};
