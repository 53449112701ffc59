// Audit.SharePoint: SharePoint / OneDrive file (6), sharing (14) and page (4) operations.
import { clientIp, commonFields, pickUser, type MutableRecord, type RecordContext } from './record-context';
import type { DirectorySite, DirectoryUser } from './tenant-directory';

const FILE_OPS = ['FileAccessed', 'FileAccessed', 'FileAccessed', 'FileModified', 'FileUploaded', 'FileDownloaded', 'FileDeleted', 'FileRenamed', 'FilePreviewed', 'FileSyncDownloadedFull'];
const SHARING_OPS = ['SharingSet', 'SharingInvitationCreated', 'AnonymousLinkCreated', 'CompanyLinkCreated', 'AddedToSecureLink'];
const STEMS = ['Budget 2026', 'Customers Financial Data', 'Roadmap', 'Contract draft', 'Team photo', 'Meeting notes', 'Architecture', 'Payroll'];
const EXTENSIONS = ['docx', 'xlsx', 'pptx', 'pdf', 'png', 'txt'];

/**
 * The fields every SharePoint/OneDrive operation carries: the common ones (the user's membership
 * key), then the site's and the item's, in the fixtures' order. The stories build on it too.
 */
export function sharePointOperation(
  ctx: RecordContext,
  user: Pick<DirectoryUser, 'upn' | 'puid' | 'userAgent'>,
  site: Pick<DirectorySite, 'url' | 'siteId' | 'webId' | 'listId'> & { readonly workload: string },
  op: { recordType: number; operation: string; objectId: string; clientIp: string; itemType: 'File' | 'Page' },
): MutableRecord {
  const record = commonFields(ctx, {
    recordType: op.recordType,
    operation: op.operation,
    workload: site.workload,
    userId: user.upn,
    userKey: `i:0h.f|membership|${user.puid.toLowerCase()}@live.com`,
    userType: 0,
    objectId: op.objectId,
    resultStatus: 'Succeeded',
    clientIp: op.clientIp,
  });
  record['CorrelationId'] = ctx.rng.guid();
  record['EventSource'] = 'SharePoint';
  record['ItemType'] = op.itemType;
  record['ListId'] = site.listId;
  record['ListItemUniqueId'] = ctx.rng.guid();
  record['Site'] = site.siteId;
  record['SiteUrl'] = site.url;
  record['UserAgent'] = user.userAgent;
  record['WebId'] = site.webId;
  return record;
}

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
  const record = sharePointOperation(ctx, user, site, {
    recordType: kind === 'file' ? 6 : kind === 'sharing' ? 14 : 4,
    operation,
    objectId,
    clientIp: clientIp(rng, user),
    itemType: kind === 'page' ? 'Page' : 'File',
  });
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
