// Synthetic but schema-true audit records for the benchmark (normalized by libs/ingestion exactly
// as the collector does): 2,000 users, 3,000 IPs, 50,000 files, sign-ins, failures, downloads,
// mail access and admin commands, 1.2 s apart, so 1,000,000 events span about 14 days.
import { normalizeRecord, type ContentType, type EventDocument } from '@auditflow/ingestion';
import { SeededRandom } from '@auditflow/o365-simulator';

export const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
export const START_MS = Date.UTC(2026, 10, 1);
export const STEP_MS = 1_200;
/** Events of one collection cycle in the indicator measure. */
export const CYCLE_EVENTS = 2_000;
const USERS = 2_000;
const IPS = 3_000;
const FILES = 50_000;

export const userOf = (n: number): string => `user${n}@contoso.example`;

export function recordAt(n: number): { record: Record<string, unknown>; contentType: ContentType } {
  const seeded = new SeededRandom(n * 7919 + 13);
  const r = (): number => seeded.next();
  const u = Math.floor(r() * USERS);
  // Each user mostly uses two IPs of their own, sometimes a shared one.
  const ip = r() < 0.9 ? (u * 2 + Math.floor(r() * 2)) % IPS : Math.floor(r() * IPS);
  const base = {
    Id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    CreationTime: new Date(START_MS + n * STEP_MS).toISOString().slice(0, 19),
    OrganizationId: TENANT,
    UserId: userOf(u),
    UserKey: `1003${u}`,
    UserType: 0,
    ClientIP: `10.${(ip >> 8) & 255}.${ip & 255}.${(ip % 200) + 1}`,
  };
  const kind = r();
  if (kind < 0.45) {
    const file = Math.floor(r() * FILES);
    return {
      contentType: 'Audit.SharePoint',
      record: {
        ...base,
        RecordType: 6,
        Workload: 'SharePoint',
        Operation: r() < 0.3 ? 'FileDownloaded' : 'FileAccessed',
        ObjectId: `https://contoso.sharepoint.com/sites/s${file % 200}/Shared Documents/f${file}.docx`,
        SiteUrl: `https://contoso.sharepoint.com/sites/s${file % 200}/`,
        SourceFileName: `f${file}.docx`,
        UserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
        ItemType: 'File',
      },
    };
  }
  if (kind < 0.7) {
    return {
      contentType: 'Audit.AzureActiveDirectory',
      record: {
        ...base,
        RecordType: 15,
        Workload: 'AzureActiveDirectory',
        Operation: r() < 0.05 ? 'UserLoginFailed' : 'UserLoggedIn',
        ResultStatus: 'Success',
        ObjectId: '00000003-0000-0000-c000-000000000000',
        ApplicationId: '00000002-0000-0ff1-ce00-000000000000',
        ExtendedProperties: [{ Name: 'UserAgent', Value: 'Mozilla/5.0' }, { Name: 'RequestType', Value: 'OAuth2:Authorize' }],
      },
    };
  }
  if (kind < 0.98) {
    return {
      contentType: 'Audit.Exchange',
      record: {
        ...base,
        RecordType: 50,
        Workload: 'Exchange',
        Operation: 'MailItemsAccessed',
        ResultStatus: 'Succeeded',
        MailboxOwnerUPN: userOf(u),
        ClientAppId: '00000002-0000-0ff1-ce00-000000000000',
        OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }, { Name: 'IsThrottled', Value: 'False' }],
        OperationCount: 1 + Math.floor(r() * 5),
      },
    };
  }
  return {
    contentType: 'Audit.Exchange',
    record: {
      ...base,
      RecordType: 1,
      Workload: 'Exchange',
      Operation: 'Set-Mailbox',
      ResultStatus: 'True',
      ObjectId: userOf(Math.floor(r() * USERS)),
      Parameters: [{ Name: 'Identity', Value: userOf(Math.floor(r() * USERS)) }, { Name: 'RetainDeletedItemsFor', Value: '30' }],
    },
  };
}

/** Events n .. n+count-1 as the documents of one blob per content type. */
export function documents(start: number, count: number, contentId: string): EventDocument[] {
  const out: EventDocument[] = [];
  for (let n = start; n < start + count; n++) {
    const { record, contentType } = recordAt(n);
    out.push(normalizeRecord(record, { tenantId: TENANT, contentType, contentId: `${contentId}-${contentType}`, retentionDays: 90 }));
  }
  return out;
}
