// Audit.AzureActiveDirectory: sign-ins (RecordType 15) and directory changes (RecordType 8).
import { clientIp, commonFields, pickUser, type MutableRecord, type RecordContext } from './record-context';

const APPS = [
  { id: '00000002-0000-0ff1-ce00-000000000000', name: 'Office 365 Exchange Online' },
  { id: '00000003-0000-0ff1-ce00-000000000000', name: 'Office 365 SharePoint Online' },
  { id: '4345a7b9-9a63-4910-a426-35363201d503', name: 'O365 Suite UX' },
  { id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', name: 'Microsoft Teams' },
  { id: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', name: 'Microsoft Office' },
];
const FAILURES = [
  { code: '50126', error: 'InvalidUserNameOrPassword' },
  { code: '50074', error: 'UserStrongAuthClientAuthNRequired' },
  { code: '50053', error: 'IdsLocked' },
  { code: '500121', error: 'AuthenticationFailedDuringStrongAuthRequest' },
];
const DIRECTORY_OPS = ['Update user.', 'Add member to group.', 'Remove member from group.', 'Add user.', 'Reset user password.', 'Update StsRefreshTokenValidFrom Timestamp.', 'Add service principal.'];

/** A sign-in's common fields (RecordType 15): a failed one has no user key. The stories build on it too. */
export function signInFields(ctx: RecordContext, user: { upn: string; puid: string }, s: { failed: boolean; appId: string; clientIp: string }): MutableRecord {
  return commonFields(ctx, {
    recordType: 15,
    operation: s.failed ? 'UserLoginFailed' : 'UserLoggedIn',
    workload: 'AzureActiveDirectory',
    userId: user.upn,
    userKey: s.failed ? 'Not Available' : `${user.puid}@${ctx.directory.domain}`,
    userType: 0,
    objectId: s.appId,
    resultStatus: s.failed ? 'Failed' : 'Succeeded',
    clientIp: s.clientIp,
  });
}

export function entraRecord(ctx: RecordContext): MutableRecord {
  const { rng, directory } = ctx;
  const user = pickUser(ctx);
  if (rng.chance(0.8)) {
    const failed = rng.chance(0.12);
    const app = rng.pick(APPS);
    const failure = rng.pick(FAILURES);
    const record = signInFields(ctx, user, { failed, appId: app.id, clientIp: clientIp(rng, user) });
    record['AzureActiveDirectoryEventType'] = 1;
    record['ExtendedProperties'] = [
      { Name: 'UserAgent', Value: user.userAgent },
      { Name: 'UserAuthenticationMethod', Value: String(rng.int(1, 12)) },
      { Name: 'RequestType', Value: rng.pick(['OAuth2:Authorize', 'OAuth2:Token', 'Login:login', 'SAS:ProcessAuth']) },
      { Name: 'ResultStatusDetail', Value: failed ? 'Redirect' : 'Success' },
      { Name: 'KeepMeSignedIn', Value: rng.chance(0.3) ? 'True' : 'False' },
    ];
    record['ModifiedProperties'] = [];
    record['Actor'] = [
      { ID: user.objectId, Type: 0 },
      { ID: user.upn, Type: 5 },
    ];
    record['ActorContextId'] = directory.tenantId;
    record['ActorIpAddress'] = user.ipv4;
    record['InterSystemsId'] = rng.guid();
    record['IntraSystemId'] = rng.guid();
    record['SupportTicketId'] = '';
    record['Target'] = [{ ID: app.id, Type: 0 }];
    record['TargetContextId'] = directory.tenantId;
    record['ApplicationId'] = app.id;
    record['DeviceProperties'] = [
      { Name: 'OS', Value: rng.pick(['Windows10', 'MacOs', 'Ios', 'Android']) },
      { Name: 'BrowserType', Value: rng.pick(['Edge', 'Chrome', 'Safari', 'Firefox']) },
      { Name: 'IsCompliantAndManaged', Value: rng.chance(0.7) ? 'True' : 'False' },
      { Name: 'SessionId', Value: rng.guid() },
    ];
    if (failed) {
      record['ErrorCode'] = failure.code;
      record['LogonError'] = failure.error;
    } else {
      record['ErrorCode'] = '0';
    }
    return record;
  }
  const admin = directory.users.find((u) => u.userType === 2) ?? user;
  const target = pickUser(ctx);
  const record = commonFields(ctx, {
    recordType: 8,
    operation: rng.pick(DIRECTORY_OPS),
    workload: 'AzureActiveDirectory',
    userId: admin.upn,
    userKey: `${admin.puid}@${directory.domain}`,
    userType: rng.chance(0.5) ? 2 : 4,
    objectId: target.upn,
    resultStatus: rng.chance(0.97) ? 'Success' : 'Failure',
    clientIp: clientIp(rng, admin),
  });
  record['AzureActiveDirectoryEventType'] = 1;
  record['ExtendedProperties'] = [
    { Name: 'additionalDetails', Value: '{}' },
    { Name: 'extendedAuditEventCategory', Value: 'User' },
  ];
  record['ModifiedProperties'] = [{ Name: 'AccountEnabled', NewValue: '[true]', OldValue: '[]' }];
  record['Actor'] = [
    { ID: admin.upn, Type: 5 },
    { ID: admin.objectId, Type: 2 },
  ];
  record['Target'] = [
    { ID: `User_${target.objectId}`, Type: 2 },
    { ID: target.upn, Type: 5 },
  ];
  return record;
}
