// Entra ID, SharePoint and DLP indicators on real records (elastic-beats, Panther), series built
// from a real record by changing only ids, times, users or IPs.
import { describe, expect, it } from 'vitest';
import { baselineFromEntries, BASELINE_KINDS, evaluateIndicators, EMPTY_BASELINE, findingId } from '../src';
import { beats, beatsRecords, documentsOf, pantherCases, TENANT } from './fixtures';
import { at, byIndicator, run, variant } from './helpers';

const TESTSIEM = ['testsiem.onmicrosoft.com', 'testsiem2.onmicrosoft.com', 'testsiem4.onmicrosoft.com'];
const YOURORG = ['yourorg.onmicrosoft.com', 'mycompany.com'];

describe('admin-role-added (elastic-beats 08-azuread-users)', () => {
  it('fires on both "Add member to role." records, high only for privileged roles', () => {
    const found = byIndicator(run(beats('08-azuread-users.log'), TESTSIEM).findings, 'admin-role-added');
    const byRole = Object.fromEntries(found.map((f) => [f.details['role'], f.severity]));
    expect(byRole).toEqual({ 'Global Reader': 'medium', 'Helpdesk Administrator': 'high' });
    for (const f of found) expect(f.entities).toContainEqual({ kind: 'user', id: 'user:newuser@testsiem4.onmicrosoft.com' });
  });

  it('other directory records of the file are no admin-role finding, and nothing there is high but the role', () => {
    const findings = run(beats('08-azuread-users.log'), TESTSIEM).findings;
    expect(findings.filter((f) => f.severity === 'high').map((f) => f.indicator)).toEqual(['admin-role-added']);
  });

  it('a Global Administrator assignment is high', () => {
    const rec = beatsRecords('08-azuread-users.log').find((r) => r['Operation'] === 'Add member to role.')!;
    const mp = (rec['ModifiedProperties'] as { Name: string; NewValue: string }[]).map((m) => (m.Name === 'Role.DisplayName' ? { ...m, NewValue: 'Global Administrator' } : m));
    const [f] = byIndicator(run(documentsOf([variant(rec, { ModifiedProperties: mp })]), TESTSIEM).findings, 'admin-role-added');
    expect(f!.severity).toBe('high');
  });
});

describe('mfa-disabled (Panther microsoft365_mfa_disabled tests)', () => {
  it.each(pantherCases('microsoft365_mfa_disabled.yml').map((c) => [c.name, c.expected, c.record] as const))('%s -> %s', (_n, expected, record) => {
    const found = byIndicator(run(documentsOf([record]), YOURORG).findings, 'mfa-disabled');
    expect(found.length).toBe(expected ? 1 : 0);
    if (expected) expect(found[0]!.entities).toContainEqual({ kind: 'user', id: 'user:sample.user@yourorg.onmicrosoft.com' });
  });
});

describe('brute-force and password-spray (Panther brute force record, elastic-beats sign-ins)', () => {
  const failed = pantherCases('microsoft365_brute_force_login_by_user.yml').find((c) => c.expected)!.record;

  it.each([
    [10, 1],
    [9, 0],
  ])('%i failures of one user in 15 minutes -> %i brute-force finding', (n, expected) => {
    const records = Array.from({ length: n }, (_, i) => variant(failed, { Id: `bf-${i}`, CreationTime: at('2022-12-12T15:45:00', i * 60) }));
    const found = byIndicator(run(documentsOf(records), YOURORG).findings, 'brute-force');
    expect(found.length).toBe(expected);
    if (expected) expect(found[0]!.evidenceTotal).toBe(n);
  });

  it.each([
    [10, 1],
    [9, 0],
  ])('%i accounts failing from one IP in 5 minutes -> %i password-spray finding', (n, expected) => {
    const records = Array.from({ length: n }, (_, i) => variant(failed, { Id: `ps-${i}`, UserId: `user${i}@yourorg.onmicrosoft.com`, CreationTime: at('2022-12-12T15:55:00', i * 20) }));
    const found = byIndicator(run(documentsOf(records), YOURORG).findings, 'password-spray');
    expect(found.length).toBe(expected);
    if (expected) {
      expect(found[0]!.entities[0]).toEqual({ kind: 'ip', id: 'ip:1.2.3.4' });
      expect(found[0]!.evidenceIds.length).toBe(n);
    }
  });

  it('a spray bucket split over two calls is one finding (same id), counted whole', () => {
    const records = Array.from({ length: 12 }, (_, i) => variant(failed, { Id: `sp-${i}`, UserId: `u${i}@yourorg.onmicrosoft.com`, CreationTime: at('2022-12-12T15:55:00', i * 10) }));
    const docs = documentsOf(records);
    const first = run(docs.slice(0, 6), YOURORG);
    expect(byIndicator(first.findings, 'password-spray')).toEqual([]);
    const second = run(docs.slice(6), YOURORG, { baseline: baselineFromEntries(first.baselineUpdates) });
    const [f] = byIndicator(second.findings, 'password-spray');
    expect(f!.evidenceTotal).toBe(12);
    const once = byIndicator(run(docs, YOURORG).findings, 'password-spray');
    expect(once.map((x) => x.id)).toEqual([f!.id]);
  });

  it('the real sign-in file has no spray or brute force', () => {
    const findings = run(beats('15-azuread-sts-logon.log'), TESTSIEM).findings;
    expect(findings.filter((f) => f.indicator === 'password-spray' || f.indicator === 'brute-force')).toEqual([]);
  });
});

describe('signin-new-ip and signin-new-country (elastic-beats 15-azuread-sts-logon)', () => {
  const signIns = beatsRecords('15-azuread-sts-logon.log').filter((r) => r['Operation'] === 'UserLoggedIn');
  const rec = signIns[0]!;
  const user = String(rec['UserId']).toLowerCase();
  const t = documentsOf([rec])[0]!.time;
  const longAgo = new Date(Date.parse(t) - 5 * 86_400_000).toISOString();
  const known = (ip: string, lastSeen = longAgo) =>
    baselineFromEntries([{ kind: BASELINE_KINDS.userIp, subject: user, value: ip, firstSeen: longAgo, lastSeen, count: 3 }]);

  it('an IP the user signed in from before is not new; another one is', () => {
    const ip = documentsOf([rec])[0]!.actor.ip!;
    expect(byIndicator(run(documentsOf([rec]), TESTSIEM, { baseline: known(ip) }).findings, 'signin-new-ip')).toEqual([]);
    const [f] = byIndicator(run(documentsOf([rec]), TESTSIEM, { baseline: known('198.51.100.1') }).findings, 'signin-new-ip');
    expect(f!.entities).toEqual([
      { kind: 'user', id: `user:${user}` },
      { kind: 'ip', id: `ip:${ip}` },
    ]);
  });

  it('an IP last seen beyond the window is new again', () => {
    const ip = documentsOf([rec])[0]!.actor.ip!;
    const stale = new Date(Date.parse(t) - 11 * 86_400_000).toISOString();
    const view = baselineFromEntries([{ kind: BASELINE_KINDS.userIp, subject: user, value: ip, firstSeen: stale, lastSeen: stale, count: 1 }]);
    expect(byIndicator(run(documentsOf([rec]), TESTSIEM, { baseline: view }).findings, 'signin-new-ip').length).toBe(1);
  });

  it('a user learns for learningDays from the first sign-in; after that only IPs never seen fire', () => {
    const docs = documentsOf(signIns);
    const result = run(docs, TESTSIEM);
    expect(result.baselineUpdates.some((u) => u.kind === BASELINE_KINDS.userIp && u.subject === user)).toBe(true);
    const found = byIndicator(result.findings, 'signin-new-ip');
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      const who = f.entities[0]!.id.slice('user:'.length);
      const mine = docs.filter((d) => d.actor.userId?.toLowerCase() === who).sort((a, b) => (a.time < b.time ? -1 : 1));
      expect(Date.parse(f.start) - Date.parse(mine[0]!.time)).toBeGreaterThanOrEqual(86_400_000);
      const ip = f.details['ip'];
      expect(mine.filter((d) => d.time < f.start && d.actor.ip === ip)).toEqual([]);
    }
    // A longer learning period over the same records: fewer findings.
    const patient = byIndicator(run(docs, TESTSIEM, { settings: { learningDays: 30 } }).findings, 'signin-new-ip');
    expect(patient).toEqual([]);
  });

  it('new country: from a resolver the caller plugs in, silent without one', () => {
    const view = baselineFromEntries([{ kind: BASELINE_KINDS.userCountry, subject: user, value: 'ES', firstSeen: longAgo, lastSeen: longAgo, count: 9 }]);
    const docs = documentsOf([rec]);
    expect(byIndicator(run(docs, TESTSIEM, { baseline: view }).findings, 'signin-new-country')).toEqual([]);
    const countryOf = () => 'RU';
    const [f] = byIndicator(run(docs, TESTSIEM, { baseline: view, context: { countryOf } }).findings, 'signin-new-country');
    expect(f!.details['country']).toBe('RU');
    expect(byIndicator(run(docs, TESTSIEM, { baseline: view, context: { countryOf: () => 'ES' } }).findings, 'signin-new-country')).toEqual([]);
  });
});

describe('sharing-loosened (elastic-beats 14-sp-sharing-op, Panther external sharing)', () => {
  it('an anonymous link is a low finding; group and internal sharing are none', () => {
    const found = run(beats('14-sp-sharing-op.log'), TESTSIEM).findings;
    expect(found.map((f) => [f.indicator, f.severity, f.details['kind']])).toEqual([['sharing-loosened', 'low', 'anonymous-link']]);
  });

  // Panther's "allowed" cases come from its allow list; auditflow has none, so every address
  // outside the tenant's domains is external.
  it.each(pantherCases('microsoft365_external_sharing.yml').map((c) => [c.name, c.record] as const))('%s', (name, record) => {
    const found = byIndicator(run(documentsOf([record]), YOURORG).findings, 'sharing-loosened');
    expect(found.length).toBe(name === 'Internal Share' ? 0 : 1);
  });

  it('a sharing policy changed to a more open capability is high', () => {
    const rec = beatsRecords('14-sp-sharing-op.log').find((r) => r['Operation'] === 'SharingSet')!;
    const changed = variant(rec, { Operation: 'SharingPolicyChanged', ModifiedProperties: [{ Name: 'SharingCapability', OldValue: 'ExistingExternalUserSharingOnly', NewValue: 'ExternalUserAndGuestSharing' }] });
    const tightened = variant(rec, { Id: 'tight', Operation: 'SharingPolicyChanged', ModifiedProperties: [{ Name: 'SharingCapability', OldValue: 'ExternalUserAndGuestSharing', NewValue: 'Disabled' }] });
    const found = byIndicator(run(documentsOf([changed, tightened]), TESTSIEM).findings, 'sharing-loosened');
    expect(found.map((f) => f.severity)).toEqual(['high']);
  });
});

describe('dlp-rule-match (elastic-beats 11-dlp-sharepoint, 13-dlp-exchange)', () => {
  const names = new Map([
    ['cb353f78-2b72-4c3c-8827-92ebe4f69fdf', 'ABA Routing Number'],
    ['419f449f-6d9d-4be1-a154-b531f7a91b41', 'EU Debit Card Number'],
    ['b8fe86d1-c056-453b-bfaa-9fe698699ecc', 'International Banking Account Number (IBAN)'],
  ]);
  const sensitiveTypeName = (g: string) => names.get(g.toLowerCase());

  it('one finding per match (not per undo), with type names from the lookup', () => {
    const docs = [...beats('11-dlp-sharepoint.log'), ...beats('13-dlp-exchange.log')];
    const found = byIndicator(run(docs, TESTSIEM, { context: { sensitiveTypeName } }).findings, 'dlp-rule-match');
    const matches = docs.filter((d) => /^dlprulematch$/i.test(d.operation ?? ''));
    expect(found.length).toBe(new Set(matches.map((d) => d.id)).size);
    const high = found.filter((f) => (f.details['rules'] as string[]).some((r) => r.endsWith('(High)')));
    expect(high.length).toBeGreaterThan(0);
    for (const f of found) expect(f.severity).toBe(high.includes(f) ? 'medium' : 'low');
    expect(JSON.stringify(found)).toContain('ABA Routing Number');
  });

  it('without a lookup the GUID is kept, never dropped', () => {
    const [f] = byIndicator(run(beats('11-dlp-sharepoint.log'), TESTSIEM).findings, 'dlp-rule-match');
    expect(String(f!.details['sensitiveTypes'])).toMatch(/^[0-9a-f-]{36}/);
  });
});

describe('oauth-consent and federation changes (shaped on the real "Add service principal." record)', () => {
  const sp = beatsRecords('08-azuread-users.log').find((r) => r['Operation'] === 'Add service principal.')!;
  const consent = (id: string, scope: string, admin = false) =>
    variant(sp, {
      Id: id,
      Operation: 'Consent to application.',
      UserId: 'victim@testsiem4.onmicrosoft.com',
      Target: [{ ID: 'ServicePrincipal_1', Type: 2 }, { ID: '1b7f7c1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b', Type: 2 }],
      ModifiedProperties: [
        { Name: 'ConsentContext.IsAdminConsent', NewValue: admin ? 'True' : 'False', OldValue: '' },
        { Name: 'ConsentAction.Permissions', NewValue: `[] => [[Id: x, ClientId: y, PrincipalId: z, ResourceId: r, ConsentType: Principal, Scope: ${scope}, CreatedDateTime: , LastModifiedDateTime ]]; `, OldValue: '' },
      ],
    });

  it('user consent to mail scopes is high, to profile scopes medium, admin consent medium', () => {
    const found = byIndicator(run(documentsOf([consent('c1', 'Mail.Read Mail.Send offline_access'), consent('c2', 'User.Read openid profile')]), TESTSIEM).findings, 'oauth-consent');
    expect(found.map((f) => f.severity).sort()).toEqual(['high', 'medium']);
    const admin = byIndicator(run(documentsOf([consent('c3', 'Mail.Read', true)]), TESTSIEM).findings, 'oauth-consent');
    expect(admin[0]!.severity).toBe('medium');
    expect(found.find((f) => f.severity === 'high')!.entities).toContainEqual({ kind: 'app', id: 'app:1b7f7c1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b' });
  });

  it.each(['Set domain authentication.', 'Set federation settings on domain.', 'Add service principal credentials.'])('%s -> federation-credential-change', (operation) => {
    const found = byIndicator(run(documentsOf([variant(sp, { Operation: operation, Id: operation })]), TESTSIEM).findings, 'federation-credential-change');
    expect(found.length).toBe(1);
  });

  it('"Add service principal." itself is not a credential change', () => {
    expect(byIndicator(run(documentsOf([sp]), TESTSIEM).findings, 'federation-credential-change')).toEqual([]);
  });
});

describe('evaluateIndicators contract', () => {
  const docs = [...beats('08-azuread-users.log'), ...beats('13-dlp-exchange.log'), ...beats('14-sp-sharing-op.log')];

  it('recomputing the same events gives the same finding ids (no doubles)', () => {
    const a = run(docs, TESTSIEM).findings.map((f) => f.id);
    const b = run([...docs].reverse(), TESTSIEM).findings.map((f) => f.id);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    expect(a[0]).toMatch(/^f-/);
    expect(findingId(TENANT, 'x', 'a')).toBe(findingId(TENANT, 'x', 'a'));
  });

  it('findings carry indicator, entities, span, severity, evidence and source', () => {
    for (const f of run(docs, TESTSIEM).findings) {
      expect(f.tenantId).toBe(TENANT);
      expect(f.entities.length).toBeGreaterThan(0);
      expect(f.start <= f.end).toBe(true);
      expect(f.evidenceIds.length).toBeGreaterThan(0);
      expect(f.evidenceTotal).toBeGreaterThanOrEqual(f.evidenceIds.length);
      expect(f.source.length).toBeGreaterThan(5);
    }
  });

  it('ignores another tenant\'s events', () => {
    const other = documentsOf(beatsRecords('08-azuread-users.log'), 'another-tenant');
    expect(evaluateIndicators(other, EMPTY_BASELINE, {}, { tenantId: TENANT, tenantDomains: TESTSIEM }).findings).toEqual([]);
  });

  it('refuses bad settings naming each field', () => {
    expect(() => run(docs, TESTSIEM, { settings: { sprayMinUsers: 0, massDownloadMinFiles: 1.5 } })).toThrow(/massDownloadMinFiles.*sprayMinUsers/);
  });
});
