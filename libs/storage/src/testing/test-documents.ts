// Small builders of valid domain objects for store tests (here and in other projects).
import type { ContentType, EventDocument, Gap, LedgerEntry } from '@auditflow/ingestion';

export const TEST_TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';

export interface TestEventInput {
  readonly id: string;
  readonly time: string;
  readonly userId?: string | null;
  readonly operation?: string;
  readonly contentType?: ContentType;
  readonly contentId?: string;
  readonly tenantId?: string;
  readonly ttl?: number;
}

/** The partition key libs/ingestion derives (CONTRACTS.md §1): tenant | lower-cased user or '-' | UTC day. */
export function testPartitionKey(tenantId: string, userId: string | null, time: string): string {
  return `${tenantId}|${userId === null ? '-' : userId.toLowerCase()}|${time.slice(0, 10)}`;
}

/** An EventDocument shaped like libs/ingestion's output. */
export function testEventDocument(input: TestEventInput): EventDocument {
  const userId = input.userId === undefined ? 'alice@contoso.example' : input.userId;
  const tenantId = input.tenantId ?? TEST_TENANT;
  const contentType = input.contentType ?? 'Audit.SharePoint';
  const operation = input.operation ?? 'FileAccessed';
  const doc: EventDocument = {
    id: input.id,
    partitionKey: testPartitionKey(tenantId, userId, input.time),
    tenantId,
    contentType,
    time: input.time,
    workload: 'SharePoint',
    recordType: 6,
    operation,
    result: 'Succeeded',
    actor: { userId, userType: 0, userKey: 'i:0h.f|membership|1003@live.com', ip: '203.0.113.7' },
    target: {
      objectId: `https://contoso.sharepoint.com/sites/x/${input.id}.docx`,
      siteUrl: 'https://contoso.sharepoint.com/sites/x/',
      fileName: `${input.id}.docx`,
      mailbox: null,
    },
    clientApp: null,
    contentId: input.contentId ?? 'blob-1',
    raw: {
      Id: input.id,
      CreationTime: input.time.replace(/\.\d{3}Z$/, ''),
      Operation: operation,
      UserId: userId,
      Workload: 'SharePoint',
      RecordType: 6,
      ClientIP: '203.0.113.7:443',
      Nested: { List: [1, 'two', { three: true }], Empty: null },
    },
  };
  return input.ttl === undefined ? doc : { ...doc, ttl: input.ttl };
}

export function testLedgerEntry(
  contentId: string,
  overrides: Partial<LedgerEntry> & { contentCreated?: string } = {},
): LedgerEntry {
  const created = overrides.contentCreated ?? '2026-11-20T10:00:00.000Z';
  const expiration = new Date(Date.parse(created) + 7 * 86_400_000).toISOString();
  return {
    tenantId: TEST_TENANT,
    contentType: 'Audit.SharePoint',
    contentId,
    contentUri: `https://manage.office.com/api/v1.0/${TEST_TENANT}/activity/feed/audit/${contentId}`,
    contentCreated: created,
    contentExpiration: expiration,
    state: 'listed',
    updatedAt: '2026-11-20T10:05:00.000Z',
    ...overrides,
  };
}

export function testGap(id: string, overrides: Partial<Gap> = {}): Gap {
  return {
    id,
    tenantId: TEST_TENANT,
    contentType: 'Audit.Exchange',
    window: { start: '2026-11-10T00:00:00.000Z', end: '2026-11-11T00:00:00.000Z' },
    reason: 'beyond-api-retention',
    detail: 'window older than the 7 days the API keeps',
    recordedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}
