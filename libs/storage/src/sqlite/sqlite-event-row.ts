// The mapping between an EventDocument and a row of `events`, shared by the writes (inline and the
// worker thread), the reads and the insert limit of the benchmarks.
import type { ContentType, EventDocument } from '@auditflow/ingestion';
import { EVENT_COLUMNS } from './sqlite-events-table';

// Insert-if-absent by the event's identity, (tenant, record id): the same Id in another tenant is
// another event (schema version 2; version 1 keyed by the bare id and lost the second tenant's).
export const INSERT_SQL = `INSERT INTO events (${EVENT_COLUMNS.join(', ')})
  VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (tenant_id, id) DO NOTHING`;

/** A row of `events` as read back; `raw` is absent when a page leaves it out. */
export interface EventRow {
  id: string;
  partition_key: string;
  tenant_id: string;
  content_type: ContentType;
  time: string;
  workload: string | null;
  record_type: number | null;
  operation: string | null;
  result: string | null;
  user_id: string | null;
  user_type: number | null;
  user_key: string | null;
  ip: string | null;
  object_id: string | null;
  site_url: string | null;
  file_name: string | null;
  mailbox: string | null;
  client_app: string | null;
  content_id: string;
  ttl: number | null;
  raw?: string;
}

/** The insert's parameters, in EVENT_COLUMNS order. */
export function toParams(doc: EventDocument, nowMs: number, defaultTtl: number | undefined): unknown[] {
  const ttl = doc.ttl ?? defaultTtl;
  // Cosmos counts ttl from the last write; an insert-if-absent store writes once, so from now.
  const expiresAt = ttl === undefined || ttl < 0 ? null : nowMs + ttl * 1000;
  const { actor, target } = doc;
  return [
    doc.id,
    doc.partitionKey,
    doc.tenantId,
    doc.contentType,
    doc.time,
    doc.workload,
    doc.recordType,
    doc.operation,
    doc.result,
    actor.userId,
    actor.userType,
    actor.userKey,
    actor.ip,
    target.objectId,
    target.siteUrl,
    target.fileName,
    target.mailbox,
    doc.clientApp,
    doc.contentId,
    JSON.stringify(doc.raw),
    doc.ttl ?? null,
    expiresAt,
  ];
}

/** The document of a row (`raw` `{}` when the row was read without it). */
export function fromRow(row: EventRow): EventDocument {
  const doc: EventDocument = {
    id: row.id,
    partitionKey: row.partition_key,
    tenantId: row.tenant_id,
    contentType: row.content_type,
    time: row.time,
    workload: row.workload,
    recordType: row.record_type,
    operation: row.operation,
    result: row.result,
    actor: { userId: row.user_id, userType: row.user_type, userKey: row.user_key, ip: row.ip },
    target: { objectId: row.object_id, siteUrl: row.site_url, fileName: row.file_name, mailbox: row.mailbox },
    clientApp: row.client_app,
    contentId: row.content_id,
    raw: row.raw === undefined ? {} : (JSON.parse(row.raw) as EventDocument['raw']),
  };
  return row.ttl === null ? doc : { ...doc, ttl: row.ttl };
}
