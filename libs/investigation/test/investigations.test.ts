// The seed's three investigations over real records (series built from real records).
import { describe, expect, it } from 'vitest';
import { exchangeAdminChanges, runInvestigation, sensitiveContentAccess, signInFailuresByIp } from '../src';
import { beats, beatsRecords, documentsOf, pantherCases, TENANT } from './fixtures';
import { at, variant } from './helpers';

describe('A: Exchange admin changes', () => {
  const forwarding = pantherCases('microsoft_exchange_external_forwarding.yml').map((c, i) => variant(c.record, { Id: `a-${i}` }));
  const admin2 = variant(forwarding[0]!, { Id: 'a-perm', UserId: 'marge.simpson@simpsons.onmicrosoft.com', Operation: 'Add-MailboxPermission', Parameters: [{ Name: 'Identity', Value: 'homer.simpson@simpsons.onmicrosoft.com' }, { Name: 'User', Value: 'marge.simpson@simpsons.onmicrosoft.com' }, { Name: 'AccessRights', Value: 'FullAccess' }] });
  const admin2b = variant(forwarding[0]!, { Id: 'a-sm', UserId: 'marge.simpson@simpsons.onmicrosoft.com' });
  const system = beatsRecords('str-params.log').filter((r) => r['Operation'] === 'Set-Mailbox');
  const docs = documentsOf([...forwarding, admin2, admin2b, ...system, ...beatsRecords('15-azuread-sts-logon.log')]);
  const ctx = { tenantId: TENANT, tenantDomains: ['simpsons.onmicrosoft.com', 'simpsons.com', 'justice.org'] };
  const a = exchangeAdminChanges(docs, ctx);

  it('lists admins and their operations, without system accounts or sign-ins', () => {
    const users = a.summary.admins.map((x) => x.user);
    expect(users).toContain('homer.simpson@simpsons.onmicrosoft.com');
    expect(users).toContain('marge.simpson@simpsons.onmicrosoft.com');
    expect(users.some((u) => u.startsWith('nt authority'))).toBe(false);
    expect(a.graph.nodes.some((n) => n.id === 'operation:userloggedin')).toBe(false);
  });

  it('shows the operations admins share and the commands that give access to user data', () => {
    expect(a.summary.sharedOperations.find((s) => s.operation === 'Set-Mailbox')?.admins.length).toBeGreaterThanOrEqual(2);
    const perm = a.summary.dataAccessCommands.find((c) => c.operation === 'Add-MailboxPermission');
    expect(perm).toEqual({ user: 'marge.simpson@simpsons.onmicrosoft.com', operation: 'Add-MailboxPermission', count: 1, evidenceIds: ['a-perm'] });
  });

  it('carries the forwarding and delegation findings, and an admin-operation-object graph', () => {
    const indicators = new Set(a.findings.map((f) => f.indicator));
    expect(indicators).toEqual(new Set(['mail-forwarding-external', 'inbox-rule-hides-mail', 'mailbox-permission-delegated', 'mail-forwarding-shared-destination']));
    expect(a.graph.edges.some((e) => e.kind === 'performed')).toBe(true);
    expect(a.graph.edges.some((e) => e.kind === 'forwards-to')).toBe(true);
  });

  it('a watch list (adminlist.csv) keeps only that admin', () => {
    const only = exchangeAdminChanges(docs, ctx, { watch: ['user:marge.simpson@simpsons.onmicrosoft.com'] });
    expect(only.summary.admins.map((x) => x.user)).toEqual(['marge.simpson@simpsons.onmicrosoft.com']);
  });
});

describe('B: sign-in failures by IP', () => {
  const failed = pantherCases('microsoft365_brute_force_login_by_user.yml').find((c) => c.expected)!.record;
  const spray = Array.from({ length: 12 }, (_, i) => variant(failed, { Id: `b-${i}`, UserId: `u${i}@yourorg.onmicrosoft.com`, CreationTime: at('2022-12-12T15:55:00', i * 5) }));
  const docs = documentsOf([...spray, ...beatsRecords('15-azuread-sts-logon.log')]);
  const b = signInFailuresByIp(docs, { tenantId: TENANT, tenantDomains: ['yourorg.onmicrosoft.com'] });

  it('ranks IPs by failures with distinct users and error kinds', () => {
    expect(b.summary.ips[0]).toMatchObject({ ip: '1.2.3.4', failures: 12, users: 12, errors: { InvalidUserNameOrPassword: 12 } });
    const real = docs.filter((d) => d.operation === 'UserLoginFailed').length;
    expect(b.summary.ips.reduce((n, x) => n + x.failures, 0)).toBe(real);
  });

  it('an IP-user graph and the spray finding', () => {
    expect(b.graph.edges.every((e) => e.kind === 'from-ip' || e.kind === 'performed')).toBe(true);
    expect(b.graph.edges.filter((e) => e.target === 'ip:1.2.3.4').length).toBe(12);
    expect(b.findings.map((f) => f.indicator)).toContain('password-spray');
  });
});

describe('C: access to sensitive content', () => {
  const dlp = beatsRecords('11-dlp-sharepoint.log');
  const [first] = dlp;
  const url = decodeURI(String((first!['SharePointMetaData'] as Record<string, unknown>)['FilePathUrl']));
  // A real file-operation record, on the DLP-matched file (the plain URL; DLP writes it encoded).
  const access = variant(beatsRecords('06-sharepointfileop.log').find((r) => r['Operation'] === 'FileAccessed')!, { Id: 'c-read', ObjectId: url, UserId: 'eve@testsiem2.onmicrosoft.com' });
  const download = variant(access, { Id: 'c-dl', Operation: 'FileDownloaded' });
  const names = (g: string) => (g === 'cb353f78-2b72-4c3c-8827-92ebe4f69fdf' ? 'ABA Routing Number' : undefined);
  const docs = documentsOf([...dlp, access, download, ...beatsRecords('06-sharepointfileop.log')]);
  const c = sensitiveContentAccess(docs, { tenantId: TENANT, tenantDomains: ['testsiem2.onmicrosoft.com'], sensitiveTypeName: names });

  it('joins file operations to the DLP-matched object, whatever the URL encoding', () => {
    const obj = c.summary.objects.find((o) => o.accessedBy.length > 0)!;
    expect(obj.label).toBe('Customers Financial Data.docx');
    expect(obj.sensitiveTypes).toContain('ABA Routing Number');
    expect(obj.accessedBy).toEqual([{ user: 'eve@testsiem2.onmicrosoft.com', operations: { FileAccessed: 1, FileDownloaded: 1 }, evidenceIds: ['c-read', 'c-dl'] }]);
  });

  it('a graph sensitive type -> object <- user, labelled with names not GUIDs', () => {
    const type = c.graph.nodes.find((n) => n.kind === 'sensitive-type' && n.label === 'ABA Routing Number');
    expect(type).toBeDefined();
    const objects = new Set(c.graph.edges.filter((e) => e.target === type!.id && e.kind === 'contains').map((e) => e.source));
    expect(c.graph.edges.some((e) => e.source === 'user:eve@testsiem2.onmicrosoft.com' && objects.has(e.target))).toBe(true);
    expect(c.findings.some((f) => f.indicator === 'dlp-rule-match')).toBe(true);
  });

  it('runInvestigation dispatches by name', () => {
    expect(runInvestigation('c', docs, { tenantId: TENANT, tenantDomains: ['testsiem2.onmicrosoft.com'] }).title).toBe('Access to sensitive content');
    expect(runInvestigation('b', beats('15-azuread-sts-logon.log'), { tenantId: TENANT, tenantDomains: ['x.com'] }).name).toBe('b');
  });
});
