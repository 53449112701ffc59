// Audit.Exchange: mailbox access and item operations (RecordType 2, 50) and admin cmdlets (1).
import { clientIp, commonFields, pickUser, type MutableRecord, type RecordContext } from './record-context';
import type { DirectoryUser } from './tenant-directory';

const MAILBOX_OPS = ['MailItemsAccessed', 'Send', 'SoftDelete', 'HardDelete', 'Update', 'Create', 'MoveToDeletedItems', 'MailboxLogin', 'UpdateInboxRules'];
const CLIENTS = [
  'Client=OWA;Action=ViaProxy',
  'Client=MSExchangeRPC',
  'Client=REST;Client=RESTSystem;;',
  'Client=WebServices;Action=ConfigureGroupMailbox',
  'Client=Microsoft Outlook 16.0.17126.20132',
];
const CMDLETS = ['Set-Mailbox', 'New-InboxRule', 'Add-MailboxPermission', 'Set-TransportRule', 'Set-OwaMailboxPolicy'];

export function exchangeRecord(ctx: RecordContext): MutableRecord {
  const { rng, directory } = ctx;
  const user = pickUser(ctx);
  if (rng.chance(0.1)) {
    const cmdlet = rng.pick(CMDLETS);
    const record = commonFields(ctx, {
      recordType: 1,
      operation: cmdlet,
      workload: 'Exchange',
      userId: user.upn,
      userKey: user.puid,
      userType: 2,
      objectId: user.upn.split('@')[0] ?? user.upn,
      resultStatus: rng.chance(0.95) ? 'True' : 'False',
      clientIp: clientIp(rng, user),
    });
    record['ExternalAccess'] = false;
    record['OrganizationName'] = directory.domain;
    record['OriginatingServer'] = `AM6PR01MB${rng.int(1000, 9999)} (15.20.${rng.int(1000, 9999)}.${rng.int(10, 99)})\r\n`;
    record['Parameters'] = [
      { Name: 'Identity', Value: user.upn },
      // Ordinary admins forward inside the tenant (a colleague covering); forwarding outside is
      // what the attack stories do, so a tenant without stories has none.
      { Name: 'ForwardingSmtpAddress', Value: rng.chance(0.2) ? `smtp:${pickUser(ctx).upn}` : '' },
    ];
    return record;
  }
  const operation = rng.pick(MAILBOX_OPS);
  const owner = rng.chance(0.85) ? user : pickUser(ctx);
  const record = commonFields(ctx, {
    recordType: operation === 'MailItemsAccessed' ? 50 : 2,
    operation,
    workload: 'Exchange',
    userId: user.upn,
    userKey: user.puid,
    userType: 0,
    objectId: operation === 'MailboxLogin' ? '' : `${owner.upn}\\Inbox`,
    resultStatus: 'Succeeded',
    clientIp: clientIp(rng, user),
  });
  record['ClientInfoString'] = rng.pick(CLIENTS);
  mailboxLogonFields(record, user, owner, user.ipv4);
  record['OrganizationName'] = directory.domain;
  record['OriginatingServer'] = `DB9PR0${rng.int(1, 9)}MB${rng.int(1000, 9999)} (15.20.${rng.int(1000, 9999)}.${rng.int(10, 99)})\r\n`;
  record['SessionId'] = rng.guid();
  if (operation === 'MailItemsAccessed') {
    record['OperationProperties'] = [
      { Name: 'MailAccessType', Value: rng.chance(0.8) ? 'Bind' : 'Sync' },
      { Name: 'IsThrottled', Value: 'False' },
    ];
    record['Folders'] = [{ FolderItems: [{ InternetMessageId: `<${rng.hex(24)}@${directory.domain}>` }], Path: '\\Inbox' }];
  } else if (operation !== 'MailboxLogin') {
    record['Item'] = {
      Id: rng.hex(48),
      InternetMessageId: `<${rng.hex(32).toUpperCase()}@AM6PR01MB4535.eurprd01.prod.exchangelabs.com>`,
      IsRecord: false,
      ParentFolder: { Id: rng.hex(40), Path: '\\Inbox' },
      Subject: rng.pick(['Quarterly numbers', 'Re: contract draft', 'Lunch?', 'Invoice 2231', 'Project Falcon status']),
    };
  }
  return record;
}

/**
 * Who opened which mailbox, from where, in the fixtures' order: LogonType 0 for the owner, 2 for a
 * delegate. The stories build on it too.
 */
export function mailboxLogonFields(record: MutableRecord, user: Pick<DirectoryUser, 'sid'>, owner: Pick<DirectoryUser, 'sid' | 'mailboxGuid' | 'upn'>, ip: string): void {
  record['ClientIPAddress'] = ip;
  record['ExternalAccess'] = false;
  record['InternalLogonType'] = 0;
  record['LogonType'] = owner.sid === user.sid ? 0 : 2;
  record['LogonUserSid'] = user.sid;
  record['MailboxGuid'] = owner.mailboxGuid;
  record['MailboxOwnerSid'] = owner.sid;
  record['MailboxOwnerUPN'] = owner.upn;
}
