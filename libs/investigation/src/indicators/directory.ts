// Entra ID and Exchange admin changes, each one event: OAuth consent to an app, an admin role
// added, MFA disabled, federation or credential changes on apps and domains.
import type { EventDocument } from '@auditflow/ingestion';
import { BASELINE_KINDS } from '../baseline';
import { consentedApp } from '../document-entities';
import { modifiedNew, modifiedProperties, nameValues, typedIds } from '../record-readers';
import { actorRefs, ref } from './entities';
import { daysBetween, succeeded, type IndicatorRule } from './indicator';

const CONSENT_OPS = new Set(['consent to application.', 'add oauth2permissiongrant.', 'add delegated permission grant.']);

/** Scopes granted, from ModifiedProperties (ConsentAction.Permissions, DelegatedPermissionGrant.Scope) text. */
export function consentScopes(doc: EventDocument): string[] {
  const out = new Set<string>();
  for (const p of modifiedProperties(doc.raw)) {
    if (!/permission|scope/i.test(p.name)) continue;
    const m = /Scope:\s*([^,\]]+)/i.exec(p.newValue);
    const list = m?.[1] ?? p.newValue;
    for (const s of list.split(/[\s,;"[\]]+/)) if (/^[A-Za-z_]+(\.[A-Za-z]+)*$/.test(s) && s.length > 2) out.add(s);
  }
  return [...out];
}

export const oauthConsent: IndicatorRule = {
  id: 'oauth-consent',
  title: 'OAuth consent granted to an application',
  source:
    'elastic/detection-rules initial_access_identity_illicit_consent_grant_via_registered_application; Splunk o365_mail_permissioned_application_consent_granted_by_user',
  onEvent(doc, state) {
    if (!CONSENT_OPS.has(doc.operation?.toLowerCase() ?? '') || !succeeded(doc)) return;
    const user = doc.actor.userId?.toLowerCase();
    const app = consentedApp(doc);
    if (!user || !app) return;
    const known = state.baseline.get(BASELINE_KINDS.userApp, user, app.toLowerCase());
    state.record(BASELINE_KINDS.userApp, user, app.toLowerCase(), doc.time);
    if (known && daysBetween(known.lastSeen, doc.time) <= state.settings.newForUserWindowDays && known.firstSeen < doc.time) return;
    const scopes = consentScopes(doc);
    const risky = scopes.filter((s) => state.settings.riskyConsentScopes.some((r) => s.toLowerCase().startsWith(r.toLowerCase())));
    const adminConsent = /true/i.test(modifiedNew(doc.raw, 'ConsentContext.IsAdminConsent') ?? '');
    state.emit({
      identity: [doc.id],
      severity: risky.length > 0 && !adminConsent ? 'high' : 'medium',
      entities: [...actorRefs(user, doc.actor.ip), ref('app', app)],
      events: [doc],
      details: { app, scopes, riskyScopes: risky, adminConsent },
    });
  },
};

const ROLE_OPS = new Set(['add member to role.', 'add eligible member to role.', 'add scoped member to role.']);
const EXCHANGE_ROLE_OPS = new Set(['new-managementroleassignment', 'add-rolegroupmember']);

export const adminRoleAdded: IndicatorRule = {
  id: 'admin-role-added',
  title: 'Admin role added to an account',
  source: 'elastic/detection-rules persistence_entra_id_global_administrator_role_assign; Splunk o365_privileged_role_assigned',
  onEvent(doc, state) {
    const op = doc.operation?.toLowerCase() ?? '';
    if (!succeeded(doc)) return;
    let role: string | null = null;
    let member: string | null = null;
    if (ROLE_OPS.has(op)) {
      role = modifiedNew(doc.raw, 'Role.DisplayName');
      member = typedIds(doc.raw, 'Target').find((t) => t.type === 5)?.id ?? doc.target.objectId;
    } else if (EXCHANGE_ROLE_OPS.has(op)) {
      const p = nameValues(doc.raw, 'Parameters');
      role = p.get('role') ?? p.get('identity') ?? null;
      member = p.get('user') ?? p.get('member') ?? p.get('securitygroup') ?? null;
    } else return;
    if (!role) return;
    const privileged = state.settings.privilegedRoles.some((r) => r.toLowerCase() === role.toLowerCase());
    state.emit({
      identity: [doc.id],
      severity: privileged ? 'high' : 'medium',
      entities: [...actorRefs(doc.actor.userId, doc.actor.ip), ...(member ? [ref('user', member)] : []), ref('role', role)],
      events: [doc],
      details: { role, member, privileged, operation: doc.operation },
    });
  },
};

export const mfaDisabled: IndicatorRule = {
  id: 'mfa-disabled',
  title: 'MFA disabled for an account',
  source: 'Splunk o365_disable_mfa; Panther Microsoft365.MFA.Disabled',
  onEvent(doc, state) {
    const op = doc.operation?.toLowerCase() ?? '';
    let target: string | null = null;
    if (op === 'disable strong authentication.') target = doc.target.objectId;
    else if (op === 'update user.') {
      const m = modifiedProperties(doc.raw).find((p) => p.name === 'StrongAuthenticationMethod');
      const emptied = m && m.newValue.replace(/\s/g, '') === '[]' && m.oldValue.replace(/\s/g, '') !== '[]' && m.oldValue.trim() !== '';
      if (!emptied) return;
      target = typedIds(doc.raw, 'Target').find((t) => t.type === 5)?.id ?? doc.target.objectId;
    } else return;
    if (!succeeded(doc)) return;
    state.emit({
      identity: [doc.id],
      severity: 'high',
      entities: [...actorRefs(doc.actor.userId, doc.actor.ip), ...(target ? [ref('user', target)] : [])],
      events: [doc],
      details: { target, operation: doc.operation },
    });
  },
};

const FEDERATION_OPS = new Set([
  'set domain authentication.',
  'set federation settings on domain.',
  'add service principal credentials.',
  'update application – certificates and secrets management ',
  'update application - certificates and secrets management ',
  'add unverified domain.',
  'add verified domain.',
  'verify domain.',
]);

export const federationOrCredentialChange: IndicatorRule = {
  id: 'federation-credential-change',
  title: 'Federation or credential change on a domain or app',
  source: 'cisagov/Sparrow; Splunk o365_new_federated_domain_added',
  onEvent(doc, state) {
    const op = doc.operation?.toLowerCase() ?? '';
    if (!FEDERATION_OPS.has(op) && !FEDERATION_OPS.has(`${op} `)) return;
    if (!succeeded(doc)) return;
    const object = doc.target.objectId;
    const isDomain = /domain/.test(op);
    state.emit({
      identity: [doc.id],
      severity: 'high',
      entities: [...actorRefs(doc.actor.userId, doc.actor.ip), ...(object ? [ref(isDomain ? 'domain' : 'app', object)] : [])],
      events: [doc],
      details: { operation: doc.operation, object },
    });
  },
};
