// Record builders for the stories, in the schema of the normal generators (records-*.ts) and of
// ../shared/fixtures: same common fields, same per-workload fields, CreationTime without Z.
import { SeededRandom, hashOf } from '../seeded-random';
import { commonFields, type MutableRecord, type RecordContext } from '../record-context';
import type { DirectoryUser, TenantDirectory } from '../tenant-directory';
import { signInFields } from '../records-entra';
import { mailboxLogonFields } from '../records-exchange';
import { sharePointOperation } from '../records-sharepoint';

export class StoryWriter {
  private n = 0;

  constructor(
    readonly directory: TenantDirectory,
    private readonly seed: number,
    readonly name: string,
  ) {}

  /** A context for one record: a fresh deterministic id and stream. */
  ctx(timeMs: number): RecordContext {
    const i = this.n++;
    const rng = new SeededRandom(hashOf(this.seed, 'story', this.name, i));
    return { directory: this.directory, rng, id: rng.guid(), timeMs };
  }

  rng(tag: string): SeededRandom {
    return new SeededRandom(hashOf(this.seed, 'story', this.name, tag));
  }
}

export function signIn(ctx: RecordContext, user: { upn: string; objectId: string; puid: string; userAgent: string }, ip: string, failed: boolean, error = { code: '50126', error: 'InvalidUserNameOrPassword' }): MutableRecord {
  const { rng, directory } = ctx;
  const appId = '00000002-0000-0ff1-ce00-000000000000';
  const record = signInFields(ctx, user, { failed, appId, clientIp: ip });
  record['AzureActiveDirectoryEventType'] = 1;
  record['ExtendedProperties'] = [
    { Name: 'UserAgent', Value: user.userAgent },
    { Name: 'UserAuthenticationMethod', Value: '1' },
    { Name: 'RequestType', Value: 'Login:login' },
    { Name: 'ResultStatusDetail', Value: failed ? 'Redirect' : 'Success' },
    { Name: 'KeepMeSignedIn', Value: 'False' },
  ];
  record['ModifiedProperties'] = [];
  record['Actor'] = [
    { ID: user.objectId, Type: 0 },
    { ID: user.upn, Type: 5 },
  ];
  record['ActorContextId'] = directory.tenantId;
  record['ActorIpAddress'] = ip;
  record['InterSystemsId'] = rng.guid();
  record['IntraSystemId'] = rng.guid();
  record['SupportTicketId'] = '';
  record['Target'] = [{ ID: appId, Type: 0 }];
  record['TargetContextId'] = directory.tenantId;
  record['ApplicationId'] = appId;
  record['ErrorCode'] = failed ? error.code : '0';
  if (failed) record['LogonError'] = error.error;
  return record;
}

export function cmdlet(ctx: RecordContext, user: DirectoryUser, ip: string, operation: string, parameters: { Name: string; Value: string }[], objectId: string): MutableRecord {
  const { rng, directory } = ctx;
  const record = commonFields(ctx, {
    recordType: 1,
    operation,
    workload: 'Exchange',
    userId: user.upn,
    userKey: user.puid,
    userType: user.userType === 2 ? 2 : 0,
    objectId,
    resultStatus: 'True',
    clientIp: ip,
  });
  record['ExternalAccess'] = false;
  record['OrganizationName'] = directory.domain;
  record['OriginatingServer'] = `AM6PR01MB${rng.int(1000, 9999)} (15.20.${rng.int(1000, 9999)}.${rng.int(10, 99)})\r\n`;
  record['Parameters'] = parameters;
  return record;
}

/** MailItemsAccessed; without appId it is the user's own Outlook (no ClientAppId, a client string). */
export function mailItemsAccessed(ctx: RecordContext, user: DirectoryUser, ip: string, items: number, appId?: string): MutableRecord {
  const { rng, directory } = ctx;
  const record = commonFields(ctx, {
    recordType: 50,
    operation: 'MailItemsAccessed',
    workload: 'Exchange',
    userId: user.upn,
    userKey: user.puid,
    userType: 0,
    objectId: `${user.upn}\\Inbox`,
    resultStatus: 'Succeeded',
    clientIp: ip,
  });
  if (appId) {
    record['AppId'] = appId;
    record['ClientAppId'] = appId;
  }
  record['ClientInfoString'] = appId ? 'Client=REST;Client=RESTSystem;;' : 'Client=Microsoft Outlook 16.0.17126.20132';
  mailboxLogonFields(record, user, user, ip);
  record['OrganizationName'] = directory.domain;
  record['OperationCount'] = items;
  record['OperationProperties'] = [
    { Name: 'MailAccessType', Value: appId ? 'Sync' : 'Bind' },
    { Name: 'IsThrottled', Value: 'False' },
  ];
  record['Folders'] = [
    { FolderItems: Array.from({ length: Math.min(items, 10) }, () => ({ InternetMessageId: `<${rng.hex(24)}@${directory.domain}>` })), Path: '\\Inbox' },
  ];
  record['SessionId'] = rng.guid();
  return record;
}

export function fileOperation(ctx: RecordContext, user: DirectoryUser, ip: string, operation: string, site: { url: string; siteId: string; webId: string; listId: string; workload: string; library: string }, fileName: string, extra: Record<string, unknown> = {}): MutableRecord {
  const ext = fileName.split('.').pop() ?? '';
  const record = sharePointOperation(ctx, user, site, {
    recordType: operation.startsWith('Sharing') || operation.endsWith('LinkCreated') ? 14 : 6,
    operation,
    objectId: `${site.url}${site.library}/${fileName}`,
    clientIp: ip,
    itemType: 'File',
  });
  record['SourceFileExtension'] = ext;
  record['SourceFileName'] = fileName;
  record['SourceRelativeUrl'] = site.library;
  Object.assign(record, extra);
  return record;
}

export function directoryChange(ctx: RecordContext, actor: DirectoryUser, ip: string, operation: string, objectId: string, modified: { Name: string; NewValue: string; OldValue: string }[], target: { ID: string; Type: number }[]): MutableRecord {
  const { directory } = ctx;
  const record = commonFields(ctx, {
    recordType: 8,
    operation,
    workload: 'AzureActiveDirectory',
    userId: actor.upn,
    userKey: `${actor.puid}@${directory.domain}`,
    userType: 0,
    objectId,
    resultStatus: 'Success',
    clientIp: ip,
  });
  record['AzureActiveDirectoryEventType'] = 1;
  record['ExtendedProperties'] = [
    { Name: 'additionalDetails', Value: '{}' },
    { Name: 'extendedAuditEventCategory', Value: operation.includes('role') ? 'Role' : 'ApplicationManagement' },
  ];
  record['ModifiedProperties'] = modified;
  record['Actor'] = [
    { ID: actor.upn, Type: 5 },
    { ID: actor.objectId, Type: 2 },
  ];
  record['ActorContextId'] = directory.tenantId;
  record['ActorIpAddress'] = ip;
  record['Target'] = target;
  record['TargetContextId'] = directory.tenantId;
  return record;
}
