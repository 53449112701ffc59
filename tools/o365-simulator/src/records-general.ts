// Audit.General: Microsoft Teams (25) mostly, some Power BI (20) and Forms-like activity.
import { clientIp, commonFields, pickUser, type MutableRecord, type RecordContext } from './record-context';

const TEAMS_OPS = ['MemberAdded', 'MemberRemoved', 'TeamsSessionStarted', 'ChannelAdded', 'MessageSent', 'MeetingDetail', 'TeamCreated', 'AppInstalled'];
const POWER_BI_OPS = ['ViewReport', 'ViewDashboard', 'ExportReport', 'ShareReport'];

export function generalRecord(ctx: RecordContext): MutableRecord {
  const { rng, directory } = ctx;
  const user = pickUser(ctx);
  if (rng.chance(0.8)) {
    const team = rng.pick(directory.teams);
    const operation = rng.pick(TEAMS_OPS);
    const record = commonFields(ctx, {
      recordType: 25,
      operation,
      workload: 'MicrosoftTeams',
      userId: user.upn,
      userKey: user.objectId,
      userType: 0,
      objectId: operation === 'TeamsSessionStarted' ? '' : team.name,
      resultStatus: 'Succeeded',
      clientIp: clientIp(rng, user),
    });
    record['CommunicationType'] = 'Team';
    record['TeamGuid'] = team.guid;
    record['TeamName'] = team.name;
    record['AADGroupId'] = team.groupId;
    if (operation === 'MemberAdded' || operation === 'MemberRemoved') {
      const member = pickUser(ctx);
      record['Members'] = [{ DisplayName: member.displayName, Role: rng.chance(0.9) ? 1 : 2, UPN: member.upn }];
    }
    if (operation === 'ChannelAdded' || operation === 'MessageSent') {
      record['ChannelName'] = rng.pick(['General', 'Announcements', 'Random', 'Incidents']);
      record['ChannelGuid'] = `19:${rng.hex(32)}@thread.tacv2`;
      record['ChannelType'] = 'Standard';
    }
    return record;
  }
  const record = commonFields(ctx, {
    recordType: 20,
    operation: rng.pick(POWER_BI_OPS),
    workload: 'PowerBI',
    userId: user.upn,
    userKey: user.puid,
    userType: 0,
    objectId: rng.pick(['Sales Overview', 'Pipeline', 'Headcount', 'Incidents']),
    resultStatus: 'Succeeded',
    clientIp: clientIp(rng, user),
  });
  record['Activity'] = record['Operation'];
  record['ItemName'] = record['ObjectId'];
  record['WorkSpaceName'] = rng.pick(['Finance', 'Sales', 'My workspace']);
  record['UserAgent'] = user.userAgent;
  record['IsSuccess'] = true;
  record['RequestId'] = rng.guid();
  record['ActivityId'] = rng.guid();
  return record;
}
