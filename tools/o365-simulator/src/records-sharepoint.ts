// Audit.SharePoint: SharePoint / OneDrive file (6), sharing (14) and page (4) operations.
import { clientIp, commonFields, pickUser, type MutableRecord, type RecordContext } from './record-context';

const FILE_OPS = ['FileAccessed', 'FileAccessed', 'FileAccessed', 'FileModified', 'FileUploaded', 'FileDownloaded', 'FileDeleted', 'FileRenamed', 'FilePreviewed', 'FileSyncDownloadedFull'];
const SHARING_OPS = ['SharingSet', 'SharingInvitationCreated', 'AnonymousLinkCreated', 'CompanyLinkCreated', 'AddedToSecureLink'];
const STEMS = ['Budget 2026', 'Customers Financial Data', 'Roadmap', 'Contract draft', 'Team photo', 'Meeting notes', 'Architecture', 'Payroll'];
const EXTENSIONS = ['docx', 'xlsx', 'pptx', 'pdf', 'png', 'txt'];

export function sharePointRecord(ctx: RecordContext): MutableRecord {
  const { rng } = ctx;
  const user = pickUser(ctx);
  const site = rng.pick(ctx.directory.sites);
  const ext = rng.pick(EXTENSIONS);
  const fileName = `${rng.pick(STEMS)}${rng.chance(0.3) ? ` (${rng.int(1, 9)})` : ''}.${ext}`;
  const relative = rng.chance(0.7) ? site.library : `${site.library}/${rng.pick(['General', 'Archive', 'Reports'])}`;
  const r = rng.next();
  const kind = r < 0.8 ? 'file' : r < 0.93 ? 'sharing' : 'page';
  const operation = kind === 'file' ? rng.pick(FILE_OPS) : kind === 'sharing' ? rng.pick(SHARING_OPS) : 'PageViewed';
  const objectId = kind === 'page' ? `${site.url}SitePages/Home.aspx` : `${site.url}${relative}/${fileName}`;
  const record = commonFields(ctx, {
    recordType: kind === 'file' ? 6 : kind === 'sharing' ? 14 : 4,
    operation,
    workload: site.workload,
    userId: user.upn,
    userKey: `i:0h.f|membership|${user.puid.toLowerCase()}@live.com`,
    userType: 0,
    objectId,
    resultStatus: 'Succeeded',
    clientIp: clientIp(rng, user),
  });
  record['CorrelationId'] = rng.guid();
  record['EventSource'] = 'SharePoint';
  record['ItemType'] = kind === 'page' ? 'Page' : 'File';
  record['ListId'] = site.listId;
  record['ListItemUniqueId'] = rng.guid();
  record['Site'] = site.siteId;
  record['SiteUrl'] = site.url;
  record['UserAgent'] = user.userAgent;
  record['WebId'] = site.webId;
  if (kind !== 'page') {
    record['SourceFileExtension'] = ext;
    record['SourceFileName'] = fileName;
    record['SourceRelativeUrl'] = relative;
  }
  if (operation === 'FileRenamed') {
    record['DestinationFileName'] = `renamed-${fileName}`;
    record['DestinationFileExtension'] = ext;
    record['DestinationRelativeUrl'] = relative;
  }
  if (kind === 'sharing') {
    const target = pickUser(ctx);
    record['TargetUserOrGroupType'] = rng.chance(0.3) ? 'Guest' : 'Member';
    record['TargetUserOrGroupName'] = record['TargetUserOrGroupType'] === 'Guest' ? 'partner@example.com' : target.upn;
    record['EventData'] = '<Type>Edit</Type><MembersCanShare>Enabled</MembersCanShare>';
  }
  return record;
}
