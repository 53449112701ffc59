// Sharing loosened (tenant or site sharing policy old -> new more open), anonymous links, and
// files shared with, or guests invited from, outside the tenant.
import { isExternalAddress } from '../context';
import { field, modifiedProperties, text, typedIds } from '../record-readers';
import { actorRefs, ref } from './entities';
import { succeeded, type IndicatorRule } from './indicator';

/** SharePoint sharing capability, most closed first. */
const OPENNESS = ['disabled', 'existingexternalusersharingonly', 'externalusersharingonly', 'externaluserandguestsharing'];

function openness(value: string): number {
  const v = value.toLowerCase().replace(/[^a-z]/g, '');
  const i = OPENNESS.indexOf(v);
  if (i >= 0) return i;
  if (v === 'false' || v === 'off') return 0;
  if (v === 'true' || v === 'on' || v === 'anyone') return OPENNESS.length;
  return -1;
}

export const sharingLoosened: IndicatorRule = {
  id: 'sharing-loosened',
  title: 'Sharing loosened, anonymous link or external share',
  source:
    'elastic/detection-rules defense_evasion_sharepoint_sharing_policy_weakened; Splunk o365_external_guest_user_invited; Panther Microsoft365.External.Document.Sharing',
  onEvent(doc, state) {
    const op = doc.operation ?? '';
    if (!succeeded(doc)) return;
    const actor = actorRefs(doc.actor.userId, doc.actor.ip);
    const object = doc.target.objectId;
    const objectRefs = object ? [ref('object', object)] : [];
    if (op === 'SharingPolicyChanged') {
      const loosened = modifiedProperties(doc.raw).filter((m) => {
        const before = openness(m.oldValue);
        const after = openness(m.newValue);
        return before >= 0 && after > before;
      });
      if (loosened.length === 0) return;
      state.emit({ identity: [doc.id], severity: 'high', entities: [...actor, ...objectRefs], events: [doc], details: { kind: 'policy-loosened', changes: loosened } });
      return;
    }
    if (op === 'AnonymousLinkCreated') {
      state.emit({ identity: [doc.id], severity: 'low', entities: [...actor, ...objectRefs], events: [doc], details: { kind: 'anonymous-link', object } });
      return;
    }
    if (op === 'SharingSet' || op === 'SharingInvitationCreated' || op === 'AddedToSecureLink' || op === 'SecureLinkCreated') {
      const target = text(field(doc.raw, 'TargetUserOrGroupName'));
      const guest = text(field(doc.raw, 'TargetUserOrGroupType')) === 'Guest';
      if (!target || !(guest || isExternalAddress(target.toLowerCase(), state.context.tenantDomains))) return;
      if (!isExternalAddress(target.toLowerCase(), state.context.tenantDomains)) return;
      state.emit({
        identity: [doc.id],
        severity: 'low',
        entities: [...actor, ref('user', target), ...objectRefs],
        events: [doc],
        details: { kind: 'external-share', recipient: target.toLowerCase(), object },
      });
      return;
    }
    if (op === 'Add user.') {
      const added = typedIds(doc.raw, 'Target').find((t) => t.type === 5)?.id ?? object ?? '';
      if (!added.toLowerCase().includes('#ext#') && !/guest/i.test(JSON.stringify(modifiedProperties(doc.raw)))) return;
      state.emit({ identity: [doc.id], severity: 'low', entities: [...actor, ref('user', added)], events: [doc], details: { kind: 'guest-invited', guest: added } });
    }
  },
};
