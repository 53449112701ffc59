// Builds one audit record from (seed, content type, hour slot, index) alone: no state, so a blob
// can be regenerated whenever it is fetched.
import type { ContentType } from '@auditflow/ingestion';
import { SeededRandom, hashOf } from './seeded-random';
import type { MutableRecord, RecordContext } from './record-context';
import type { TenantDirectory } from './tenant-directory';
import { entraRecord } from './records-entra';
import { exchangeRecord } from './records-exchange';
import { sharePointRecord } from './records-sharepoint';
import { generalRecord } from './records-general';
import { dlpRecord } from './records-dlp';

const GENERATORS: Record<ContentType, (ctx: RecordContext) => MutableRecord> = {
  'Audit.AzureActiveDirectory': entraRecord,
  'Audit.Exchange': exchangeRecord,
  'Audit.SharePoint': sharePointRecord,
  'Audit.General': generalRecord,
  'DLP.All': dlpRecord,
};

/** The record Id alone (cheap: ground truth needs ids of millions of records, not bodies). */
export function recordId(seed: number, contentType: ContentType, slot: number, index: number): string {
  return new SeededRandom(hashOf(seed, contentType, slot, index, 'id')).guid();
}

export function buildRecord(
  directory: TenantDirectory,
  seed: number,
  contentType: ContentType,
  slot: number,
  index: number,
  timeMs: number,
): MutableRecord {
  const ctx: RecordContext = {
    directory,
    rng: new SeededRandom(hashOf(seed, contentType, slot, index, 'body')),
    id: recordId(seed, contentType, slot, index),
    timeMs,
  };
  return GENERATORS[contentType](ctx);
}
