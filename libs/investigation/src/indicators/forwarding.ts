// Mail forwarding to an external address (one event), and several mailboxes forwarding to one
// destination (distinct users per destination within a window).
import { isExternalAddress } from '../context';
import { forwardingAddresses } from '../document-entities';
import { nameValues } from '../record-readers';
import { BASELINE_KINDS } from '../baseline';
import { actorRefs, ref } from './entities';
import { addDistinct, succeeded, type IndicatorRule } from './indicator';

export const mailForwardingExternal: IndicatorRule = {
  id: 'mail-forwarding-external',
  title: 'Mail forwarded to an external address',
  source:
    'elastic/detection-rules rules/integrations/o365/collection_exchange_new_inbox_rule.toml; Splunk o365_mailbox_email_forwarding_enabled',
  onEvent(doc, state) {
    if (doc.recordType !== 1 || !doc.operation || !succeeded(doc)) return;
    const params = nameValues(doc.raw, 'Parameters');
    const external = forwardingAddresses(doc.operation, params).filter((a) => isExternalAddress(a, state.context.tenantDomains));
    if (external.length === 0) return;
    state.emit({
      identity: [doc.id],
      severity: 'high',
      entities: [...actorRefs(doc.actor.userId, doc.actor.ip), ...external.map((a) => ref('user', a))],
      events: [doc],
      details: { operation: doc.operation, destinations: external, mailbox: params.get('identity') ?? params.get('mailbox') ?? null },
    });
  },
};

function mailboxOf(doc: { raw: Readonly<Record<string, unknown>>; actor: { userId: string | null } }): string {
  const params = nameValues(doc.raw, 'Parameters');
  return (params.get('identity') ?? params.get('mailbox') ?? doc.actor.userId ?? '-').toLowerCase();
}

export const mailForwardingSharedDestination: IndicatorRule = {
  id: 'mail-forwarding-shared-destination',
  title: 'Several mailboxes forward to one external destination',
  source: 'Azure-Sentinel Detections/OfficeActivity/Office_MailForwarding.yaml',
  onEvent(doc, state) {
    if (doc.recordType !== 1 || !doc.operation || !succeeded(doc)) return;
    const user = doc.actor.userId?.toLowerCase();
    if (!user) return;
    const params = nameValues(doc.raw, 'Parameters');
    const from = (params.get('identity') ?? params.get('mailbox') ?? user).toLowerCase();
    const { settings } = state;
    for (const dest of forwardingAddresses(doc.operation, params)) {
      if (!isExternalAddress(dest, state.context.tenantDomains)) continue;
      // Fixed windows of sharedForwardWindowDays (Sentinel looks back 7 days): distinct sources per destination.
      const windowMs = settings.sharedForwardWindowDays * 86_400_000;
      const subject = `${dest}|${Math.floor(Date.parse(doc.time) / windowMs)}`;
      const { count: sources, events } = addDistinct(state, BASELINE_KINDS.forwardDestination, subject, from, doc);
      if (sources < settings.sharedForwardMinUsers) continue;
      state.emit({
        identity: [subject],
        severity: 'high',
        entities: [ref('user', dest), ...[...new Set(events.map((e) => mailboxOf(e)))].map((m) => ref('mailbox', m))],
        events,
        evidenceTotal: sources,
        details: { destination: dest, distinctMailboxes: sources, windowDays: settings.sharedForwardWindowDays },
      });
    }
  },
};
