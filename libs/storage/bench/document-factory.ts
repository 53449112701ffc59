// Realistic event documents for the benchmark: real audit records from the shared fixtures
// (elastic-beats), each copy given its own Id, user and time, normalized by libs/ingestion exactly
// as the collector does. Records over 3 kB are left out so the mix stays at the usual 1-2 kB.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalizeRecord, type ContentType, type EventDocument } from '@auditflow/ingestion';

const FIXTURES = resolve(__dirname, '../../..', '../shared/fixtures/records/elastic-beats');
const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const USERS = 2_000;
const START_MS = Date.UTC(2026, 10, 1);

function contentTypeOf(recordType: unknown): ContentType {
  switch (recordType) {
    case 8: case 9: case 15: return 'Audit.AzureActiveDirectory';
    case 1: case 2: case 3: case 50: return 'Audit.Exchange';
    case 4: case 6: case 14: case 36: case 56: return 'Audit.SharePoint';
    case 11: case 13: return 'DLP.All';
    default: return 'Audit.General';
  }
}

export class DocumentFactory {
  private readonly templates: { record: Record<string, unknown>; contentType: ContentType }[] = [];

  constructor() {
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.log')).sort()) {
      for (const line of readFileSync(join(FIXTURES, file), 'utf8').split('\n')) {
        if (line.trim() === '' || line.length > 3_000) continue;
        try {
          const record = JSON.parse(line) as Record<string, unknown>;
          const contentType = contentTypeOf(record.RecordType);
          normalizeRecord(record, { tenantId: TENANT, contentType, contentId: 'probe', retentionDays: 90 });
          this.templates.push({ record, contentType });
        } catch {
          // A fixture the collector would reject (they exist on purpose): not an event document.
        }
      }
    }
    if (this.templates.length === 0) throw new Error(`no usable audit records under ${FIXTURES}`);
  }

  /** Documents number `start` .. start+count-1, one blob per batch. */
  batch(start: number, count: number): EventDocument[] {
    const docs: EventDocument[] = [];
    for (let n = start; n < start + count; n++) {
      const { record, contentType } = this.templates[n % this.templates.length]!;
      const time = new Date(START_MS + n * 1_500).toISOString().slice(0, 19);
      const copy = {
        ...record,
        Id: idOf(n),
        CreationTime: time,
        ...('UserId' in record ? { UserId: `user${n % USERS}@contoso.example` } : {}),
      };
      docs.push(normalizeRecord(copy, { tenantId: TENANT, contentType, contentId: `blob-${Math.floor(start / count)}`, retentionDays: 90 }));
    }
    return docs;
  }
}

/** A UUID-shaped Id in random order, as the API's are (sequential ids would insert in key order). */
function idOf(n: number): string {
  const h = createHash('sha1').update(`bench-${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
