// InvestigationStore on SQLite: findings (with an entity index table for "findings naming this
// entity"), baselines, the blobs already analysed and cached reference data, in the same file as
// the events so one backup holds everything.
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
import type { SqliteConnection } from './sqlite-connection';

interface BaselineRow {
  tenant_id: string;
  kind: string;
  subject: string;
  value: string;
  first_seen: string;
  last_seen: string;
  count: number;
}

export class SqliteInvestigationStore implements InvestigationStore {
  private readonly writeFindings: (findings: readonly StoredFinding[], at: string) => void;
  private readonly writeBaselines: (entries: readonly BaselineEntry[]) => void;
  private readonly writeAnalysed: (tenantId: string, contentType: string, ids: readonly string[], at: string) => void;

  constructor(private readonly connection: SqliteConnection) {
    const db = connection.db;
    const upsertFinding = db.prepare(`INSERT INTO findings (tenant_id, id, indicator, severity, start, "end", doc, first_detected_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, id) DO UPDATE SET indicator = excluded.indicator,
      severity = excluded.severity, start = excluded.start, "end" = excluded."end", doc = excluded.doc, updated_at = excluded.updated_at`);
    const firstDetected = db.prepare('SELECT first_detected_at FROM findings WHERE tenant_id = ? AND id = ?');
    const dropEntities = db.prepare('DELETE FROM finding_entities WHERE tenant_id = ? AND finding_id = ?');
    const addEntity = db.prepare('INSERT OR IGNORE INTO finding_entities (tenant_id, entity, finding_id) VALUES (?, ?, ?)');
    const findingsTx = db.transaction((findings: readonly StoredFinding[], at: string) => {
        for (const f of findings) {
          const existing = firstDetected.get(f.tenantId, f.id) as { first_detected_at: string } | undefined;
          const first = existing?.first_detected_at ?? at;
          const doc: StoredFinding = { ...f, firstDetectedAt: first, updatedAt: at };
          upsertFinding.run(f.tenantId, f.id, f.indicator, f.severity, f.start, f.end, JSON.stringify(doc), first, at);
          dropEntities.run(f.tenantId, f.id);
          for (const e of f.entities) addEntity.run(f.tenantId, entityKey(e), f.id);
        }
    });
    this.writeFindings = (findings, at) => findingsTx.immediate(findings, at);
    const upsertBaseline = db.prepare(`INSERT INTO baselines (tenant_id, kind, subject, value, first_seen, last_seen, count)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, kind, subject, value) DO UPDATE SET first_seen = excluded.first_seen,
      last_seen = excluded.last_seen, count = excluded.count`);
    const baselines = db.transaction((entries: readonly BaselineEntry[]) => {
      for (const e of entries) {
        upsertBaseline.run(e.tenantId, e.kind, e.subject, e.value, e.firstSeen, e.lastSeen, e.count);
      }
    });
    this.writeBaselines = (entries) => baselines.immediate(entries);
    const markOne = db.prepare('INSERT OR IGNORE INTO analysed_blobs (tenant_id, content_type, content_id, analysed_at) VALUES (?, ?, ?, ?)');
    const analysed = db.transaction((tenantId: string, contentType: string, ids: readonly string[], at: string) => {
      for (const id of ids) markOne.run(tenantId, contentType, id, at);
    });
    this.writeAnalysed = (tenantId, contentType, ids, at) => analysed.immediate(tenantId, contentType, ids, at);
  }

  async putFindings(findings: readonly StoredFinding[], at: string): Promise<void> {
    this.connection.use();
    if (findings.length > 0) await this.connection.writeInTurn('write findings', () => this.writeFindings(findings, at));
  }

  async queryFindings(query: FindingQuery): Promise<FindingPage> {
    this.connection.use();
    const { limit, digest } = checkFindingQuery(query);
    const clauses = ['f.tenant_id = ?'];
    const params: unknown[] = [query.tenantId];
    let from = 'findings f';
    if (query.entity !== undefined) {
      from = 'finding_entities e JOIN findings f ON f.tenant_id = e.tenant_id AND f.id = e.finding_id';
      clauses.push('e.tenant_id = ? AND e.entity = ?');
      params.push(query.tenantId, query.entity);
    }
    const anyOf = (column: string, values: readonly string[] | undefined): void => {
      if (values === undefined || values.length === 0) return;
      clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    anyOf('f.severity', query.severities);
    anyOf('f.indicator', query.indicators);
    if (query.from !== undefined) {
      clauses.push('f."end" >= ?');
      params.push(query.from);
    }
    if (query.to !== undefined) {
      clauses.push('f.start < ?');
      params.push(query.to);
    }
    if (query.continuationToken !== undefined) {
      const position = decodeToken(query.continuationToken, digest);
      clauses.push('f."end" <= ? AND (f."end" < ? OR f.id < ?)');
      params.push(position.v, position.v, position.ids[0] ?? '');
    }
    const sql = `SELECT f.id, f."end", f.doc FROM ${from} WHERE ${clauses.join(' AND ')} ORDER BY f."end" DESC, f.id DESC LIMIT ?`;
    const rows = this.connection.statement(sql).all(...params, limit + 1) as { id: string; end: string; doc: string }[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const findings = page.map((r) => JSON.parse(r.doc) as StoredFinding);
    const last = page[page.length - 1];
    return more && last !== undefined ? { findings, continuationToken: encodeToken(digest, { v: last.end, ids: [last.id] }) } : { findings };
  }

  async getFinding(tenantId: string, id: string): Promise<StoredFinding | undefined> {
    this.connection.use();
    const row = this.connection.statement('SELECT doc FROM findings WHERE tenant_id = ? AND id = ?').get(tenantId, id) as { doc: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.doc) as StoredFinding);
  }

  async getBaselines(tenantId: string, subjects: readonly BaselineSubject[]): Promise<BaselineEntry[]> {
    this.connection.use();
    const get = this.connection.statement('SELECT * FROM baselines WHERE tenant_id = ? AND kind = ? AND subject = ?');
    const out: BaselineEntry[] = [];
    const seen = new Set<string>();
    for (const ref of subjects) {
      const k = `${ref.kind}\u0000${ref.subject}`;
      if (seen.has(k)) continue;
      seen.add(k);
      for (const row of get.all(tenantId, ref.kind, ref.subject) as BaselineRow[]) out.push(baselineFromRow(row));
    }
    return out;
  }

  async putBaselines(entries: readonly BaselineEntry[]): Promise<void> {
    this.connection.use();
    if (entries.length > 0) await this.connection.writeInTurn('write baselines', () => this.writeBaselines(entries));
  }

  async purgeInvestigation(tenantId: string, before: string): Promise<number> {
    return this.connection.writeInTurn('purge investigation data', () => {
      const baselines = this.connection.statement('DELETE FROM baselines WHERE tenant_id = ? AND last_seen < ?').run(tenantId, before).changes;
      const analysed = this.connection.statement('DELETE FROM analysed_blobs WHERE tenant_id = ? AND analysed_at < ?').run(tenantId, before).changes;
      return baselines + analysed;
    });
  }

  async analysedBlobs(tenantId: string, contentType: ContentType, contentIds: readonly string[]): Promise<Set<string>> {
    this.connection.use();
    const get = this.connection.statement('SELECT 1 FROM analysed_blobs WHERE tenant_id = ? AND content_type = ? AND content_id = ?');
    return new Set(contentIds.filter((id) => get.get(tenantId, contentType, id) !== undefined));
  }

  async markAnalysed(tenantId: string, contentType: ContentType, contentIds: readonly string[], at: string): Promise<void> {
    this.connection.use();
    if (contentIds.length > 0) await this.connection.writeInTurn('mark blobs analysed', () => this.writeAnalysed(tenantId, contentType, contentIds, at));
  }

  async getReference(tenantId: string, name: string): Promise<ReferenceData | undefined> {
    this.connection.use();
    const row = this.connection.statement('SELECT * FROM reference_data WHERE tenant_id = ? AND name = ?').get(tenantId, name) as
      | { tenant_id: string; name: string; fetched_at: string; value: string }
      | undefined;
    return row === undefined ? undefined : { tenantId: row.tenant_id, name: row.name, fetchedAt: row.fetched_at, value: JSON.parse(row.value) };
  }

  async putReference(data: ReferenceData): Promise<void> {
    const insert = this.connection.statement(
      `INSERT INTO reference_data (tenant_id, name, fetched_at, value) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_id, name) DO UPDATE SET fetched_at = excluded.fetched_at, value = excluded.value`,
    );
    await this.connection.writeInTurn('write reference data', () => insert.run(data.tenantId, data.name, data.fetchedAt, JSON.stringify(data.value ?? null)));
  }

  async close(): Promise<void> {
    this.connection.release();
  }
}

function baselineFromRow(row: BaselineRow): BaselineEntry {
  return { tenantId: row.tenant_id, kind: row.kind, subject: row.subject, value: row.value, firstSeen: row.first_seen, lastSeen: row.last_seen, count: row.count };
}

