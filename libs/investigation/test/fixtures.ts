// Real audit records of ../shared/fixtures as event documents, read the way the app stores them
// (normalizeBlob of @auditflow/ingestion). js-yaml ships no types: loaded with createRequire, as
// libs/ingestion's tests do; CORE_SCHEMA keeps times as the strings the authors wrote.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { normalizeBlob, type ContentType, type EventDocument } from '@auditflow/ingestion';

interface JsYaml {
  load(text: string, options: { schema: unknown }): unknown;
  CORE_SCHEMA: unknown;
}
const yaml = createRequire(__filename)('js-yaml') as JsYaml;

export const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/records');
export const TENANT = 'fixture-tenant';

function contentTypeOf(record: Record<string, unknown>): ContentType {
  const rt = Number(record['RecordType'] ?? record['recordtype']);
  if (rt === 11 || rt === 13) return 'DLP.All';
  const w = String(record['Workload'] ?? record['workload'] ?? '');
  if (w === 'AzureActiveDirectory') return 'Audit.AzureActiveDirectory';
  if (w === 'Exchange') return 'Audit.Exchange';
  if (w === 'SharePoint' || w === 'OneDrive') return 'Audit.SharePoint';
  return 'Audit.General';
}

export function documentsOf(records: readonly Record<string, unknown>[], tenantId = TENANT): EventDocument[] {
  const out: EventDocument[] = [];
  for (const r of records) {
    const { documents } = normalizeBlob([r], { tenantId, contentType: contentTypeOf(r), contentId: 'fixture', retentionDays: 90 });
    out.push(...documents);
  }
  return out;
}

/** Records of one elastic-beats log (one JSON object per line). */
export function beatsRecords(file: string): Record<string, unknown>[] {
  return readFileSync(join(FIXTURES, 'elastic-beats', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function beats(file: string): EventDocument[] {
  return documentsOf(beatsRecords(file));
}

/** The test records of one Panther rule file, with the rule's expected result. */
export function pantherCases(file: string): { name: string; expected: boolean; record: Record<string, unknown> }[] {
  const doc = yaml.load(readFileSync(join(FIXTURES, 'panther', file), 'utf8'), { schema: yaml.CORE_SCHEMA }) as { Tests: { Name: string; ExpectedResult: boolean; Log: Record<string, unknown> }[] };
  return doc.Tests.map((t) => ({ name: t.Name, expected: t.ExpectedResult, record: withCapitalKeys(t.Log) }));
}

/** Panther's forwarding rule writes keys in lower case; the API writes them capitalized. */
function withCapitalKeys(record: Record<string, unknown>): Record<string, unknown> {
  if (!('operation' in record)) return record;
  const names: Record<string, string> = {
    clientip: 'ClientIP', creationtime: 'CreationTime', externalaccess: 'ExternalAccess', id: 'Id', objectid: 'ObjectId',
    operation: 'Operation', organizationid: 'OrganizationId', organizationname: 'OrganizationName', originatingserver: 'OriginatingServer',
    parameters: 'Parameters', recordtype: 'RecordType', resultstatus: 'ResultStatus', userid: 'UserId', userkey: 'UserKey',
    usertype: 'UserType', workload: 'Workload',
  };
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [names[k] ?? k, v]));
}

export function integrationRecords(file: string): Record<string, unknown>[] {
  const doc = JSON.parse(readFileSync(join(FIXTURES, 'elastic-integrations', file), 'utf8')) as {
    events: { event?: { original?: string }; o365audit?: Record<string, unknown> }[];
  };
  // event.original is the record as the API sent it; o365audit is Elastic's parsed copy.
  return doc.events.map((e) => (e.event?.original !== undefined ? (JSON.parse(e.event.original) as Record<string, unknown>) : (e.o365audit ?? {})));
}
