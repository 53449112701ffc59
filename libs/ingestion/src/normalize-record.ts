// One audit record -> one EventDocument (architecture.md, "Storage model"): a deterministic id,
// the time in ISO 8601 with Z, the fields investigators query and graph, and the raw record as
// received. A record that cannot be stored faithfully is rejected with a reason, never guessed at.
import { requireContentType, requireNonEmptyString, requirePositive } from './argument-checks';
import { isPlainObject } from './canonical-json';
import { normalizeIp } from './client-ip';
import { normalizeCreationTime } from './creation-time';
import { documentId } from './document-id';
import type { AuditRecord, ContentType, EventDocument } from './model';
import { partitionKeyFor } from './partition-key';
import { integerField, nestedStringField, stringField } from './record-fields';
import { RecordRejection } from './record-rejection';
import { ttlSecondsFor } from './retention';

/** Cosmos DB's item limit is 2 MB; the default leaves room for the flattened fields. */
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

export interface NormalizeContext {
  readonly tenantId: string;
  readonly contentType: ContentType;
  /** The blob the record came from. */
  readonly contentId: string;
  /** Event retention; sets the document's ttl. */
  readonly retentionDays: number;
  /** Serialized size above which a record is rejected (default 1 MiB). */
  readonly maxRecordBytes?: number;
}

/** Checks a context once; a bad context is a caller's error (TypeError), not a bad record. */
export function checkNormalizeContext(ctx: NormalizeContext): Required<NormalizeContext> {
  if (typeof ctx !== 'object' || ctx === null) throw new TypeError('the normalize context must be an object');
  const maxRecordBytes = ctx.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes <= 0) {
    throw new TypeError(`maxRecordBytes must be a positive integer (bytes), got ${String(ctx.maxRecordBytes)}`);
  }
  return {
    tenantId: requireNonEmptyString(ctx.tenantId, 'tenantId'),
    contentType: requireContentType(ctx.contentType, 'contentType'),
    contentId: requireNonEmptyString(ctx.contentId, 'contentId'),
    retentionDays: requirePositive(ctx.retentionDays, 'retentionDays'),
    maxRecordBytes,
  };
}

/** Normalizes one record; throws RecordRejection when it cannot (TypeError for a bad context). */
export function normalizeRecord(record: unknown, ctx: NormalizeContext): EventDocument {
  return normalizeChecked(record, checkNormalizeContext(ctx));
}

/** normalizeRecord for a context already checked (normalizeBlob checks it once per blob). */
export function normalizeChecked(record: unknown, ctx: Required<NormalizeContext>): EventDocument {
  if (!isPlainObject(record)) {
    throw new RecordRejection('not-an-object', `an audit record must be a JSON object, got ${kindOf(record)}`);
  }
  const size = serializedBytes(record);
  if (size > ctx.maxRecordBytes) {
    throw new RecordRejection(
      'too-large',
      `record is ${size} bytes, over the ${ctx.maxRecordBytes}-byte limit (raise maxRecordBytes if the store allows it)`,
    );
  }
  const rawTime = record['CreationTime'];
  if (rawTime === undefined || rawTime === null || rawTime === '') {
    throw new RecordRejection('missing-creation-time', 'record has no CreationTime');
  }
  const time = normalizeCreationTime(rawTime);
  if (time === null) {
    throw new RecordRejection(
      'invalid-creation-time',
      `CreationTime ${JSON.stringify(rawTime).slice(0, 80)} is not an ISO 8601 date-time`,
    );
  }
  const actor = {
    userId: stringField(record, 'UserId'),
    userType: integerField(record, 'UserType'),
    userKey: stringField(record, 'UserKey'),
    ip: clientIp(record),
  };
  return {
    id: documentId(record),
    partitionKey: partitionKeyFor({ tenantId: ctx.tenantId, time, actor }),
    tenantId: ctx.tenantId,
    contentType: ctx.contentType,
    time,
    workload: stringField(record, 'Workload'),
    recordType: integerField(record, 'RecordType'),
    operation: stringField(record, 'Operation'),
    result: stringField(record, 'ResultStatus'),
    actor,
    target: {
      objectId: stringField(record, 'ObjectId'),
      siteUrl: stringField(record, 'SiteUrl'),
      fileName: stringField(record, 'SourceFileName'),
      mailbox: stringField(record, 'MailboxOwnerUPN', 'MailboxGuid'),
    },
    // Most specific first: the calling application's id, then Exchange's client string, then the
    // browser or tool that made the request.
    clientApp:
      stringField(record, 'ClientAppId', 'AppId', 'ApplicationId') ??
      nestedStringField(record, 'AppAccessContext', 'ClientAppId') ??
      stringField(record, 'ClientInfoString', 'UserAgent'),
    contentId: ctx.contentId,
    raw: record as AuditRecord,
    ttl: ttlSecondsFor(ctx.retentionDays),
  };
}

/** The first address field holding an IP address (ClientIP can be a host name; Entra puts it elsewhere). */
function clientIp(record: AuditRecord): string | null {
  for (const key of ['ClientIP', 'ClientIPAddress', 'ActorIpAddress']) {
    const ip = normalizeIp(record[key]);
    if (ip !== null) return ip;
  }
  return null;
}

function serializedBytes(record: Record<string, unknown>): number {
  try {
    return Buffer.byteLength(JSON.stringify(record), 'utf8');
  } catch (error) {
    throw new RecordRejection('not-serializable', `record cannot be written as JSON: ${(error as Error).message}`);
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'a non-plain object' : `a ${typeof value}`;
}
