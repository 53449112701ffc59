// Exchange indicators on real records: Panther's forwarding rule tests (lower-case keys mapped to
// the API's), Elastic's MailItemsAccessed record, and cmdlet records of elastic-beats.
import { describe, expect, it } from 'vitest';
import { baselineFromEntries, BASELINE_KINDS } from '../src';
import { beatsRecords, documentsOf, integrationRecords, pantherCases } from './fixtures';
import { at, byIndicator, run, variant } from './helpers';

// A tenant with several accepted domains (Panther's cases name users of each).
const SIMPSONS = ['simpsons.onmicrosoft.com', 'simpsons.com', 'justice.org'];

describe('mail-forwarding-external (Panther microsoft_exchange_external_forwarding tests)', () => {
  const cases = pantherCases('microsoft_exchange_external_forwarding.yml');
  it.each(cases.map((c) => [c.name, c.expected, c.record] as const))('%s -> %s', (_name, expected, record) => {
    const docs = documentsOf([record]);
    const found = byIndicator(run(docs, SIMPSONS).findings, 'mail-forwarding-external');
    expect(found.length).toBe(expected ? 1 : 0);
    if (expected) {
      expect(found[0]!.severity).toBe('high');
      expect(found[0]!.evidenceIds).toEqual([docs[0]!.id]);
      expect(found[0]!.entities).toContainEqual({ kind: 'user', id: `user:${String(record['UserId']).toLowerCase()}` });
    }
  });

  it('names every external destination of a multi-address rule', () => {
    const c = cases.find((x) => x.name === 'Multiple Forwarding Addresses')!;
    const [f] = byIndicator(run(documentsOf([c.record]), SIMPSONS).findings, 'mail-forwarding-external');
    expect(f!.details['destinations']).toEqual(['external1@example.com', 'external2@example.com', 'external3@example.com']);
  });

  it('ignores a failed cmdlet (ResultStatus False)', () => {
    const c = cases.find((x) => x.name === 'External Organization Forwarding')!;
    const docs = documentsOf([variant(c.record, { ResultStatus: 'False' })]);
    expect(byIndicator(run(docs, SIMPSONS).findings, 'mail-forwarding-external')).toEqual([]);
  });
});

describe('mail-forwarding-shared-destination', () => {
  const base = pantherCases('microsoft_exchange_external_forwarding.yml').find((x) => x.name === 'External Organization Forwarding')!.record;
  const forward = (i: number, mailbox: string, dest: string, plusDays: number) =>
    variant(base, {
      Id: `fwd-${i}`,
      CreationTime: at('2022-12-12T22:19:00', plusDays * 86_400),
      UserId: mailbox,
      Parameters: [
        { Name: 'Identity', Value: mailbox },
        { Name: 'ForwardingSmtpAddress', Value: `smtp:${dest}` },
      ],
    });

  it('fires when two mailboxes forward to one external destination within the window', () => {
    const docs = documentsOf([forward(1, 'homer@simpsons.com', 'drop@evil.example', 0), forward(2, 'marge@simpsons.com', 'drop@evil.example', 1)]);
    const found = byIndicator(run(docs, SIMPSONS).findings, 'mail-forwarding-shared-destination');
    expect(found.length).toBe(1);
    expect(found[0]!.details['distinctMailboxes']).toBe(2);
  });

  it('does not fire for one mailbox, nor for two destinations', () => {
    const docs = documentsOf([forward(1, 'homer@simpsons.com', 'a@evil.example', 0), forward(2, 'marge@simpsons.com', 'b@evil.example', 0), forward(3, 'homer@simpsons.com', 'a@evil.example', 0.1)]);
    expect(byIndicator(run(docs, SIMPSONS).findings, 'mail-forwarding-shared-destination')).toEqual([]);
  });

  it('counts a mailbox seen in an earlier call through the baseline (incremental)', () => {
    const first = run(documentsOf([forward(1, 'homer@simpsons.com', 'drop@evil.example', 0)]), SIMPSONS);
    expect(byIndicator(first.findings, 'mail-forwarding-shared-destination')).toEqual([]);
    const second = run(documentsOf([forward(2, 'marge@simpsons.com', 'drop@evil.example', 0.5)]), SIMPSONS, { baseline: baselineFromEntries(first.baselineUpdates) });
    expect(byIndicator(second.findings, 'mail-forwarding-shared-destination').length).toBe(1);
  });
});

describe('inbox-rule-hides-mail', () => {
  const cases = pantherCases('microsoft_exchange_external_forwarding.yml');
  it('fires on a rule that deletes and stops processing (Panther "Suspicious Forwarding Pattern")', () => {
    const c = cases.find((x) => x.name === 'Suspicious Forwarding Pattern')!;
    const [f, ...rest] = byIndicator(run(documentsOf([c.record]), SIMPSONS).findings, 'inbox-rule-hides-mail');
    expect(rest).toEqual([]);
    expect(f!.severity).toBe('high');
    expect(f!.details['actions']).toContain('DeleteMessage');
  });

  it('does not fire on a rule moving mail to an ordinary folder (Panther "Internal Forwarding with Suspicious Pattern")', () => {
    const c = cases.find((x) => x.name === 'Internal Forwarding with Suspicious Pattern')!;
    expect(byIndicator(run(documentsOf([c.record]), SIMPSONS).findings, 'inbox-rule-hides-mail')).toEqual([]);
  });

  it('fires on a rule moving mail about "hacked" to RSS Feeds', () => {
    const c = cases.find((x) => x.name === 'Internal Forwarding with Suspicious Pattern')!;
    const record = variant(c.record, {
      Parameters: [
        { Name: 'Name', Value: 'x' },
        { Name: 'MoveToFolder', Value: 'RSS Feeds' },
        { Name: 'SubjectOrBodyContainsWords', Value: 'hacked;phishing' },
      ],
    });
    const [f] = byIndicator(run(documentsOf([record]), SIMPSONS).findings, 'inbox-rule-hides-mail');
    expect(f!.severity).toBe('high');
    expect(f!.details['keywords']).toEqual(expect.arrayContaining(['hack', 'phish']));
  });
});

describe('mail-items-accessed-abnormal (Elastic integration MailItemsAccessed record)', () => {
  const record = integrationRecords('test-exchange-access-event.json').find((r) => r['Operation'] === 'MailItemsAccessed')!;
  const user = String(record['UserId']).toLowerCase();

  it('the record itself (not throttled, one item) is no finding', () => {
    expect(byIndicator(run(documentsOf([record]), ['example.com']).findings, 'mail-items-accessed-abnormal')).toEqual([]);
  });

  it('fires high when auditing is throttled (IsThrottled True)', () => {
    const throttled = variant(record, { OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }, { Name: 'IsThrottled', Value: 'True' }] });
    const [f] = byIndicator(run(documentsOf([throttled]), ['example.com']).findings, 'mail-items-accessed-abnormal');
    expect(f!.severity).toBe('high');
    expect(f!.details['throttled']).toBe(true);
  });

  it('fires when the volume in an hour is far above the user baseline, not when it is usual', () => {
    const volume = (r: ReturnType<typeof run>) => byIndicator(r.findings, 'mail-items-accessed-abnormal').filter((f) => !f.details['newClientApp']);
    const since = at(String(record['CreationTime']), -5 * 86_400) + '.000Z';
    const quiet = baselineFromEntries([{ kind: BASELINE_KINDS.mailVolume, subject: user, value: 'total', firstSeen: since, lastSeen: since, count: 120 }]);
    const busy = baselineFromEntries([{ kind: BASELINE_KINDS.mailVolume, subject: user, value: 'total', firstSeen: since, lastSeen: since, count: 500_000 }]);
    const burst = documentsOf([variant(record, { OperationCount: 400 })]);
    expect(volume(run(burst, ['example.com'], { baseline: quiet })).length).toBe(1);
    expect(volume(run(burst, ['example.com'], { baseline: busy }))).toEqual([]);
    // Under the floor: never, whatever the baseline.
    const small = documentsOf([variant(record, { OperationCount: 150 })]);
    expect(volume(run(small, ['example.com'], { baseline: quiet }))).toEqual([]);
  });
});

describe('mail-items-accessed-abnormal: a ClientAppId new for the user (Elastic integration record)', () => {
  const record = integrationRecords('test-exchange-access-event.json').find((r) => r['Operation'] === 'MailItemsAccessed')!;
  const user = String(record['UserId']).toLowerCase();
  const app = String(record['ClientAppId']).toLowerCase();
  const since = at(String(record['CreationTime']), -5 * 86_400) + '.000Z';
  const history = { kind: BASELINE_KINDS.mailVolume, subject: user, value: 'total', firstSeen: since, lastSeen: since, count: 40 };
  const newApp = (entries: Parameters<typeof baselineFromEntries>[0]) =>
    byIndicator(run(documentsOf([record]), ['example.com'], { baseline: baselineFromEntries(entries) }).findings, 'mail-items-accessed-abnormal').filter((f) => f.details['newClientApp']);

  it('fires low for an app the user\'s mail reading never used', () => {
    const [f, ...rest] = newApp([history]);
    expect(rest).toEqual([]);
    expect(f!.severity).toBe('low');
    expect(f!.entities).toContainEqual({ kind: 'app', id: `app:${app}` });
  });

  it('not for an app used last week, nor for a user without history', () => {
    expect(newApp([history, { kind: BASELINE_KINDS.userMailApp, subject: user, value: app, firstSeen: since, lastSeen: since, count: 3 }])).toEqual([]);
    expect(newApp([])).toEqual([]);
  });
});

describe('Exchange admin cmdlets (elastic-beats str-params Set-Mailbox as the shape)', () => {
  const [setMailbox] = beatsRecords('str-params.log').filter((r) => r['Operation'] === 'Set-Mailbox');
  const admin = { UserId: 'admin@testsiem.onmicrosoft.com', UserKey: 'admin', UserType: 2 };

  it('the real record (NT AUTHORITY\\SYSTEM, quarantine search parameters) is no finding', () => {
    expect(run(documentsOf([setMailbox!]), ['testsiem.onmicrosoft.com']).findings).toEqual([]);
  });

  it.each([
    ['Add-MailboxPermission', '-Identity "ceo@testsiem.onmicrosoft.com" -User "mallory@testsiem.onmicrosoft.com" -AccessRights "FullAccess"', 'mailbox-permission-delegated', 'medium'],
    ['Add-RecipientPermission', '-Identity "ceo@testsiem.onmicrosoft.com" -Trustee "mallory@testsiem.onmicrosoft.com" -AccessRights "SendAs"', 'mailbox-permission-delegated', 'medium'],
    ['Set-AdminAuditLogConfig', '-AdminAuditLogEnabled "False"', 'audit-tampering', 'high'],
    ['Set-MailboxAuditBypassAssociation', '-Identity "svc" -AuditBypassEnabled "True"', 'audit-tampering', 'high'],
    ['Remove-SafeLinksPolicy', '-Identity "Default"', 'audit-tampering', 'high'],
    ['New-ManagementRoleAssignment', '-Role "Organization Management" -User "mallory@testsiem.onmicrosoft.com"', 'admin-role-added', 'high'],
  ])('%s (%s) -> %s %s', (operation, params, indicator, severity) => {
    const docs = documentsOf([variant(setMailbox!, { ...admin, Operation: operation, Parameters: params, Id: `c-${operation}` })]);
    const found = byIndicator(run(docs, ['testsiem.onmicrosoft.com']).findings, indicator);
    expect(found.length).toBe(1);
    expect(found[0]!.severity).toBe(severity);
  });

  it('Add-MailboxPermission by NT AUTHORITY\\SYSTEM, or with read rights only, is no finding', () => {
    const system = variant(setMailbox!, { Operation: 'Add-MailboxPermission', Parameters: '-Identity "x" -User "y@testsiem.onmicrosoft.com" -AccessRights "FullAccess"' });
    const readOnly = variant(setMailbox!, { ...admin, Id: 'r', Operation: 'Add-MailboxPermission', Parameters: '-Identity "x" -User "y" -AccessRights "ReadPermission"' });
    expect(run(documentsOf([system, readOnly]), ['testsiem.onmicrosoft.com']).findings).toEqual([]);
  });

  it('a delegating admin already seen delegating in the last 14 days is not new', () => {
    const mk = (i: number, plusDays: number) =>
      variant(setMailbox!, { ...admin, Id: `d${i}`, CreationTime: at('2020-02-07T20:49:49', plusDays * 86_400), Operation: 'Add-MailboxPermission', Parameters: '-Identity "a" -User "b" -AccessRights "FullAccess"' });
    const found = byIndicator(run(documentsOf([mk(1, 0), mk(2, 1), mk(3, 20)]), ['testsiem.onmicrosoft.com']).findings, 'mailbox-permission-delegated');
    expect(found.map((f) => f.evidenceIds[0])).toEqual(['d1', 'd3']);
  });
});
