// InvestigationStore on Cosmos DB, in the checkpoints container (fully indexed, no TTL), one
// logical partition per purpose so every call is single-partition:
//   `{tenant}|findings`          findings (few per day: one partition stays far below 20 GB)
//   `{tenant}|baseline|{kind}`   first-seen facts of one baseline kind
//   `{tenant}|{contentType}`     "blob analysed" markers, beside the ledger entries they follow
//   `{tenant}|reference`         cached reference data (DLP sensitive-type names)
// Documents carry `type`, so the checkpoint store's own queries (type = 'ledger' / 'gap') never see them.
import { createHash } from 'node:crypto';
import type { Container, SqlParameter } from '@azure/cosmos';
import type { ContentType } from '@auditflow/ingestion';
import type {
  BaselineEntry,
  BaselineSubject,
  FindingPage,
  FindingQuery,
  InvestigationStore,
  ReferenceData,
  StoredFinding,
} from '../investigation-ports';
import { decodeToken, encodeToken } from '../queries/continuation-token';
import { entityKey } from '../queries/entity-key';
import { checkFindingQuery } from '../queries/page-query';
import { checkpointPartitionKey, safeId } from './checkpoint-documents';
import { guarded } from './cosmos-errors';
import { withoutSystemProperties } from './system-properties';

const IDS_PER_QUERY = 100;
const WRITE_CONCURRENCY = 16;

interface FindingDocument {
  readonly id: string;
  readonly partitionKey: string;
  readonly type: 'finding';
  readonly finding: StoredFinding;
  readonly tenantId: string;
  readonly severity: string;
  readonly indicator: string;
  readonly spanStart: string;
  readonly spanEnd: string;
  /** `end|id`: one field to ORDER BY and page on, giving "newest end, then id" exactly. */
  readonly sortKey: string;
  readonly entityKeys: readonly string[];
}

/** Cosmos ids are at most 255 characters: long keys are hashed (the key itself stays in the document). */
function itemId(prefix: string, key: string): string {
  const safe = `${prefix}|${safeId(key)}`;
  return safe.length <= 200 ? safe : `${prefix}|h-${createHash('sha256').update(key).digest('hex')}`;
}

export class CosmosInvestigationStore implements InvestigationStore {
  constructor(
    private readonly container: Container,
    private readonly release: () => void,
  ) {}

  async putFindings(findings: readonly StoredFinding[], at: string): Promise<void> {
    const byTenant = new Map<string, StoredFinding[]>();
    for (const f of findings) byTenant.set(f.tenantId, [...(byTenant.get(f.tenantId) ?? []), f]);
    for (const [tenantId, list] of byTenant) {
      const partitionKey = `${tenantId}|findings`;
      const existing = await this.readByIds<FindingDocument>(partitionKey, list.map((f) => itemId('finding', f.id)));
      const first = new Map(existing.map((d) => [d.finding.id, d.finding.firstDetectedAt]));
      const docs = list.map((f): FindingDocument => ({
        id: itemId('finding', f.id),
        partitionKey,
        type: 'finding',
        finding: { ...f, firstDetectedAt: first.get(f.id) ?? at, updatedAt: at },
        tenantId,
        severity: f.severity,
        indicator: f.indicator,
        spanStart: f.start,
        spanEnd: f.end,
        sortKey: `${f.end}|${f.id}`,
        entityKeys: [...new Set(f.entities.map(entityKey))],
      }));
      await this.upsertAll('store findings', docs);
    }
  }

  async queryFindings(query: FindingQuery): Promise<FindingPage> {
    const { limit, digest } = checkFindingQuery(query);
    const parameters: SqlParameter[] = [{ name: '@pk', value: `${query.tenantId}|findings` }];
    const clauses = ["c.partitionKey = @pk AND c.type = 'finding'"];
    let n = 0;
    const param = (value: string | string[]): string => {
      const name = `@p${n++}`;
      parameters.push({ name, value });
      return name;
    };
    if (query.entity !== undefined) clauses.push(`ARRAY_CONTAINS(c.entityKeys, ${param(query.entity)})`);
    if (query.severities !== undefined && query.severities.length > 0) clauses.push(`c.severity IN (${query.severities.map((s) => param(s)).join(', ')})`);
    if (query.indicators !== undefined && query.indicators.length > 0) clauses.push(`c.indicator IN (${query.indicators.map((s) => param(s)).join(', ')})`);
    if (query.from !== undefined) clauses.push(`c.spanEnd >= ${param(query.from)}`);
    if (query.to !== undefined) clauses.push(`c.spanStart < ${param(query.to)}`);
    if (query.continuationToken !== undefined) {
      const position = decodeToken(query.continuationToken, digest);
      clauses.push(`c.sortKey < ${param(position.v)}`);
    }
    const sql = `SELECT TOP ${limit + 1} * FROM c WHERE ${clauses.join(' AND ')} ORDER BY c.sortKey DESC`;
    const { resources } = await guarded('query findings', () =>
      this.container.items.query<FindingDocument>({ query: sql, parameters }, { partitionKey: `${query.tenantId}|findings` }).fetchAll(),
    );
    const more = resources.length > limit;
    const page = more ? resources.slice(0, limit) : resources;
    const last = page[page.length - 1];
    const findings = page.map((d) => d.finding);
    return more && last !== undefined ? { findings, continuationToken: encodeToken(digest, { v: last.sortKey, ids: [] }) } : { findings };
  }

  async getFinding(tenantId: string, id: string): Promise<StoredFinding | undefined> {
    const [doc] = await this.readByIds<FindingDocument>(`${tenantId}|findings`, [itemId('finding', id)]);
    return doc?.finding;
  }

  async getBaselines(tenantId: string, subjects: readonly BaselineSubject[]): Promise<BaselineEntry[]> {
    const byKind = new Map<string, Set<string>>();
    for (const r of subjects) byKind.set(r.kind, (byKind.get(r.kind) ?? new Set()).add(r.subject));
    const out: BaselineEntry[] = [];
    for (const [kind, set] of byKind) {
      const partitionKey = `${tenantId}|baseline|${kind}`;
      const list = [...set];
      for (let i = 0; i < list.length; i += IDS_PER_QUERY) {
        const spec = {
          query: "SELECT * FROM c WHERE c.partitionKey = @pk AND c.type = 'baseline' AND ARRAY_CONTAINS(@subjects, c.subject)",
          parameters: [
            { name: '@pk', value: partitionKey },
            { name: '@subjects', value: list.slice(i, i + IDS_PER_QUERY) },
          ],
        };
        const { resources } = await guarded('read baselines', () => this.container.items.query<BaselineEntry>(spec, { partitionKey }).fetchAll());
        out.push(...resources.map(baselineOf));
      }
    }
    return out;
  }

  async putBaselines(entries: readonly BaselineEntry[]): Promise<void> {
    const docs = entries.map((e) => ({
      ...baselineOf(e),
      id: itemId('b', `${e.subject}\u0000${e.value}`),
      partitionKey: `${e.tenantId}|baseline|${e.kind}`,
      type: 'baseline',
    }));
    await this.upsertAll('store baselines', docs);
  }

  async purgeInvestigation(tenantId: string, before: string): Promise<number> {
    // Cross-partition within the tenant's investigation documents; runs once per analysis cycle.
    const spec = {
      query: "SELECT c.id, c.partitionKey FROM c WHERE c.tenantId = @t AND ((c.type = 'baseline' AND c.lastSeen < @b) OR (c.type = 'analysed' AND c.analysedAt < @b))",
      parameters: [
        { name: '@t', value: tenantId },
        { name: '@b', value: before },
      ],
    };
    const { resources } = await guarded('find expired investigation data', () =>
      this.container.items.query<{ id: string; partitionKey: string }>(spec).fetchAll(),
    );
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < resources.length) {
        const item = resources[next++] as { id: string; partitionKey: string };
        await guarded('purge investigation data', async () => {
          try {
            await this.container.item(item.id, item.partitionKey).delete();
          } catch (error) {
            if ((error as { code?: unknown }).code !== 404) throw error;
          }
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, resources.length) }, worker));
    return resources.length;
  }

  async analysedBlobs(tenantId: string, contentType: ContentType, contentIds: readonly string[]): Promise<Set<string>> {
    const docs = await this.readByIds<{ contentId: string }>(
      checkpointPartitionKey(tenantId, contentType),
      contentIds.map((id) => itemId('analysed', id)),
    );
    return new Set(docs.map((d) => d.contentId));
  }

  async markAnalysed(tenantId: string, contentType: ContentType, contentIds: readonly string[], at: string): Promise<void> {
    const partitionKey = checkpointPartitionKey(tenantId, contentType);
    const docs = [...new Set(contentIds)].map((contentId) => ({
      id: itemId('analysed', contentId),
      partitionKey,
      type: 'analysed',
      tenantId,
      contentType,
      contentId,
      analysedAt: at,
    }));
    await this.upsertAll('mark blobs analysed', docs);
  }

  async getReference(tenantId: string, name: string): Promise<ReferenceData | undefined> {
    const [doc] = await this.readByIds<ReferenceData>(`${tenantId}|reference`, [itemId('ref', name)]);
    return doc === undefined ? undefined : { tenantId: doc.tenantId, name: doc.name, fetchedAt: doc.fetchedAt, value: doc.value };
  }

  async putReference(data: ReferenceData): Promise<void> {
    await this.upsertAll('store reference data', [{ ...data, id: itemId('ref', data.name), partitionKey: `${data.tenantId}|reference`, type: 'reference' }]);
  }

  async close(): Promise<void> {
    this.release();
  }

  private async readByIds<T>(partitionKey: string, ids: readonly string[]): Promise<T[]> {
    const unique = [...new Set(ids)];
    const out: T[] = [];
    for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
      const spec = {
        query: 'SELECT * FROM c WHERE c.partitionKey = @pk AND ARRAY_CONTAINS(@ids, c.id)',
        parameters: [
          { name: '@pk', value: partitionKey },
          { name: '@ids', value: unique.slice(i, i + IDS_PER_QUERY) },
        ],
      };
      const { resources } = await guarded('read investigation data', () =>
        this.container.items.query<Record<string, unknown>>(spec, { partitionKey }).fetchAll(),
      );
      out.push(...resources.map((r) => withoutSystemProperties(r) as T));
    }
    return out;
  }

  /** Single upserts, a few at a time: bulk calls pause 1 s on a partly filled batch (platform.md). */
  private async upsertAll(action: string, docs: readonly Record<string, unknown>[] | readonly object[]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < docs.length) {
        const doc = docs[next++] as Record<string, unknown>;
        await guarded(action, () => this.container.items.upsert(doc));
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, docs.length) }, worker));
  }
}

function baselineOf(d: BaselineEntry): BaselineEntry {
  return { tenantId: d.tenantId, kind: d.kind, subject: d.subject, value: d.value, firstSeen: d.firstSeen, lastSeen: d.lastSeen, count: d.count };
}
