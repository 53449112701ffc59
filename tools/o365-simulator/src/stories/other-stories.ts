// The smaller stories: an illicit consent grant, a password spray from a few IPs, an admin adding
// a privileged role, and a DLP leak (a sensitive file downloaded and shared outside, a card
// list mailed out).
import { commonFields } from '../record-context';
import { DLP_SENSITIVE_TYPES } from '../dlp-sensitive-types';
import { dlpMatch } from '../records-dlp';
import { mailboxLogonFields } from '../records-exchange';
import type { DirectorySite, DirectoryUser, TenantDirectory } from '../tenant-directory';
import type { Story, StoryRecord } from './story-model';
import { directoryChange, fileOperation, signIn, type StoryWriter } from './story-records';

const MINUTE = 60_000;

function collector(): { records: StoryRecord[]; add: (ct: StoryRecord['contentType'], t: number, r: StoryRecord['record']) => string } {
  const records: StoryRecord[] = [];
  return {
    records,
    add: (contentType, timeMs, record) => {
      records.push({ contentType, timeMs, record });
      return String(record['Id']);
    },
  };
}

type DirectoryChangeArgs = Parameters<typeof directoryChange>;

/** A story's one directory change by `actor` from its own IPv4 address: the records and the record's id. */
function oneDirectoryChange(
  w: StoryWriter,
  actor: DirectoryUser,
  timeMs: number,
  operation: string,
  objectId: string,
  change: { readonly modified: DirectoryChangeArgs[5]; readonly targets: DirectoryChangeArgs[6] },
): { records: StoryRecord[]; id: string } {
  const { records, add } = collector();
  const id = add('Audit.AzureActiveDirectory', timeMs, directoryChange(w.ctx(timeMs), actor, actor.ipv4, operation, objectId, change.modified, change.targets));
  return { records, id };
}

export const CONSENT_APP_ID = '7d3c9a51-2e8b-4f06-b1a4-95c2e0f6d8b3';

export function consentStory(w: StoryWriter, victim: DirectoryUser, timeMs: number): Story {
  const { records, id } = oneDirectoryChange(w, victim, timeMs, 'Consent to application.', CONSENT_APP_ID, {
    modified: [
      { Name: 'ConsentContext.IsAdminConsent', NewValue: 'False', OldValue: '' },
      { Name: 'ConsentContext.IsAppOnly', NewValue: 'False', OldValue: '' },
      { Name: 'ConsentContext.OnBehalfOfAll', NewValue: 'False', OldValue: '' },
      {
        Name: 'ConsentAction.Permissions',
        NewValue: `[] => [[Id: ${w.rng('grant').hex(24)}, ClientId: ${CONSENT_APP_ID}, PrincipalId: ${victim.objectId}, ResourceId: 00000003-0000-0000-c000-000000000000, ConsentType: Principal, Scope:  Mail.Read Mail.ReadWrite Files.Read.All offline_access User.Read, CreatedDateTime: , LastModifiedDateTime ]]; `,
        OldValue: '',
      },
    ],
    targets: [
      { ID: `ServicePrincipal_${CONSENT_APP_ID}`, Type: 2 },
      { ID: CONSENT_APP_ID, Type: 2 },
      { ID: 'ServicePrincipal', Type: 2 },
      { ID: 'Mail Backup Pro', Type: 1 },
    ],
  });
  return {
    records,
    truth: {
      story: 'illicit-consent-grant',
      description: `${victim.upn} consents to "Mail Backup Pro" (${CONSENT_APP_ID}) with Mail.ReadWrite and Files.Read.All`,
      start: new Date(timeMs).toISOString(),
      end: new Date(timeMs).toISOString(),
      findings: [{ indicator: 'oauth-consent', entities: [`user:${victim.upn.toLowerCase()}`, `app:${CONSENT_APP_ID}`], evidenceIds: [id], severity: 'high' }],
    },
  };
}

const GUESSED = ['admin', 'administrator', 'info', 'test', 'helpdesk', 'support', 'finance', 'hr', 'sales', 'it', 'office', 'contact', 'billing', 'security'];

export function sprayStory(w: StoryWriter, directory: TenantDirectory, bucketMs: number): Story {
  const { records, add } = collector();
  const rng = w.rng('spray');
  const ips = [`41.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, `41.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, `196.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`];
  const targets = [...directory.users.slice(0, 6).map((u) => u.upn), ...GUESSED.map((g) => `${g}@${directory.domain}`)].slice(0, 14);
  const findings = ips.map((ip, k) => {
    const ids: string[] = [];
    targets.forEach((upn, i) => {
      const t = bucketMs + k * 7_000 + i * 17_000;
      const fake = { upn, objectId: '00000000-0000-0000-0000-000000000000', puid: 'Not Available', userAgent: 'python-requests/2.31.0' };
      ids.push(add('Audit.AzureActiveDirectory', t, signIn(w.ctx(t), fake, ip, true)));
    });
    return { indicator: 'password-spray', entities: [`ip:${ip}`], evidenceIds: ids, severity: 'high' as const };
  });
  return {
    records,
    truth: {
      story: 'password-spray',
      description: `${ips.length} IPs (${ips.join(', ')}) each try ${targets.length} accounts with error 50126 within 5 minutes`,
      start: new Date(bucketMs).toISOString(),
      end: new Date(bucketMs + 2 * 7_000 + 13 * 17_000).toISOString(),
      findings,
    },
  };
}

export function adminRoleStory(w: StoryWriter, admin: DirectoryUser, member: DirectoryUser, timeMs: number): Story {
  const { records, id } = oneDirectoryChange(w, admin, timeMs, 'Add member to role.', member.upn, {
    modified: [
      { Name: 'Role.ObjectID', NewValue: '62e90394-69f5-4237-9190-012177145e10', OldValue: '' },
      { Name: 'Role.DisplayName', NewValue: 'Global Administrator', OldValue: '' },
      { Name: 'Role.TemplateId', NewValue: '62e90394-69f5-4237-9190-012177145e10', OldValue: '' },
      { Name: 'Role.WellKnownObjectName', NewValue: 'TenantAdmins', OldValue: '' },
    ],
    targets: [
      { ID: `User_${member.objectId}`, Type: 2 },
      { ID: member.objectId, Type: 2 },
      { ID: 'User', Type: 2 },
      { ID: member.upn, Type: 5 },
    ],
  });
  return {
    records,
    truth: {
      story: 'admin-adds-role',
      description: `${admin.upn} adds ${member.upn} to Global Administrator`,
      start: new Date(timeMs).toISOString(),
      end: new Date(timeMs).toISOString(),
      findings: [{ indicator: 'admin-role-added', entities: [`user:${admin.upn.toLowerCase()}`, `user:${member.upn.toLowerCase()}`], evidenceIds: [id], severity: 'high' }],
    },
  };
}

export const LEAK_RECIPIENT = 'buyer@cards-market.example';

export function dlpLeakStory(w: StoryWriter, user: DirectoryUser, site: DirectorySite, timeMs: number): Story {
  const { records, add } = collector();
  const card = DLP_SENSITIVE_TYPES[0]!;
  const fileName = 'Cardholders Q3.xlsx';
  const fileUrl = `${site.url}${site.library.replace(/ /g, '%20')}/${encodeURIComponent(fileName)}`;
  const plainUrl = `${site.url}${site.library}/${fileName}`;
  const rule = (ctxRng: { guid(): string }) => [
    {
      PolicyId: '3f2f1a0e-8d6b-4c43-9c57-2e4a1f0b7d21',
      PolicyName: 'Credit Card Protection',
      Rules: [
        {
          Actions: ['BlockAccess', 'NotifyUser', 'GenerateIncidentReport'],
          ActionParameters: [],
          ConditionsMatched: { SensitiveInformation: [{ Confidence: 85, Count: 412, SensitiveType: card.id }] },
          RuleId: ctxRng.guid(),
          RuleMode: 'Enable',
          RuleName: 'High volume of content detected Credit Card Protection',
          Severity: 'High',
        },
      ],
    },
  ];
  const c1 = w.ctx(timeMs);
  const dlp = dlpMatch(c1, { recordType: 11, operation: 'DLPRuleMatch', workload: site.workload, objectId: c1.rng.guid(), clientIp: user.ipv4 }, () => rule(c1.rng));
  dlp['SharePointMetaData'] = {
    FileName: fileName,
    FileOwner: user.displayName,
    FilePathUrl: fileUrl,
    From: user.upn.toUpperCase(),
    ItemCreationTime: new Date(timeMs - 3 * 86_400_000).toISOString().slice(0, 19),
    ItemLastModifiedTime: new Date(timeMs - 60_000).toISOString().slice(0, 19),
    SiteCollectionGuid: site.siteId,
    SiteCollectionUrl: site.url.replace(/\/$/, ''),
    UniqueID: dlp['ObjectId'],
  };
  const dlpId = add('DLP.All', timeMs, dlp);
  const dl = add('Audit.SharePoint', timeMs + 10 * MINUTE, fileOperation(w.ctx(timeMs + 10 * MINUTE), user, user.ipv4, 'FileDownloaded', site, fileName));
  const share = add(
    'Audit.SharePoint',
    timeMs + 12 * MINUTE,
    fileOperation(w.ctx(timeMs + 12 * MINUTE), user, user.ipv4, 'SharingInvitationCreated', site, fileName, {
      TargetUserOrGroupType: 'Guest',
      TargetUserOrGroupName: LEAK_RECIPIENT,
      EventData: '<Type>View</Type><MembersCanShare>Enabled</MembersCanShare>',
    }),
  );
  // The list mailed out: DLP on the message, and the Send that carried it.
  const t3 = timeMs + 30 * MINUTE;
  const c3 = w.ctx(t3);
  const messageId = `<${c3.rng.hex(32).toUpperCase()}@AM0PR05MB4803.eurprd05.prod.outlook.com>`;
  const mailDlp = dlpMatch(c3, { recordType: 13, operation: 'DlpRuleMatch', workload: 'Exchange', objectId: messageId, clientIp: user.ipv4 }, () => rule(c3.rng));
  mailDlp['ExchangeMetaData'] = {
    BCC: [],
    CC: [],
    FileSize: 91_233,
    From: user.upn,
    MessageID: messageId,
    RecipientCount: 1,
    Sent: new Date(t3 - 1000).toISOString().slice(0, 19),
    Subject: 'the list',
    To: [LEAK_RECIPIENT],
    UniqueID: c3.rng.guid(),
  };
  const mailDlpId = add('DLP.All', t3, mailDlp);
  const c4 = w.ctx(t3 - 1000);
  const send = commonFields(c4, {
    recordType: 2,
    operation: 'Send',
    workload: 'Exchange',
    userId: user.upn,
    userKey: user.puid,
    userType: 0,
    objectId: `${user.upn}\\Sent Items`,
    resultStatus: 'Succeeded',
    clientIp: user.ipv4,
  });
  send['ClientInfoString'] = 'Client=OWA;Action=ViaProxy';
  mailboxLogonFields(send, user, user, user.ipv4);
  send['Item'] = { Id: c4.rng.hex(48), InternetMessageId: messageId, IsRecord: false, ParentFolder: { Id: c4.rng.hex(40), Path: '\\Sent Items' }, Subject: 'the list' };
  const sendId = add('Audit.Exchange', t3 - 1000, send);
  const u = `user:${user.upn.toLowerCase()}`;
  const fileNode = `object:${decodeURI(plainUrl).toLowerCase()}`;
  return {
    records,
    truth: {
      story: 'dlp-leak',
      description: `${user.upn} downloads "${fileName}" (credit card numbers, DLP High), shares it with ${LEAK_RECIPIENT} and mails the list out`,
      start: new Date(timeMs).toISOString(),
      end: new Date(t3).toISOString(),
      findings: [
        { indicator: 'dlp-rule-match', entities: [u, fileNode], evidenceIds: [dlpId], severity: 'medium' },
        { indicator: 'dlp-rule-match', entities: [u, `object:${messageId.toLowerCase()}`], evidenceIds: [mailDlpId], severity: 'medium' },
        { indicator: 'sharing-loosened', entities: [u, `user:${LEAK_RECIPIENT}`], evidenceIds: [share], severity: 'low' },
      ],
      // The operations scenario C must join to the matches.
      related: { download: [dl], send: [sendId] },
    },
  };
}
