// CheckpointStore on SQLite: watermarks guarded by a version counter (the etag), the content
// ledger and gaps. Compare-and-set is one UPDATE ... WHERE version = ?, atomic across processes.
import { ledgerPurgeCutoffMs } from '@auditflow/ingestion';
import type { ContentType, CycleSummary, Gap, LedgerEntry, LedgerState, ReadFailures, Watermark } from '@auditflow/ingestion';
import { ConcurrencyError } from '../ports';
import type { CheckpointStore, LedgerQuery } from '../ports';
import type { SqliteConnection } from './sqlite-connection';

interface WatermarkRow {
  tenant_id: string;
  content_type: ContentType;
  value: string;
  updated_at: string;
  last_cycle: string | null;
  version: number;
}

interface LedgerRow {
  tenant_id: string;
  content_type: ContentType;
  content_id: string;
  content_uri: string;
  content_created: string;
  content_expiration: string;
  state: LedgerState;
  record_count: number | null;
  rejected_count: number | null;
  updated_at: string;
  read_failures: string | null;
}

interface GapRow {
  id: string;
  tenant_id: string;
  content_type: ContentType;
  window_start: string;
  window_end: string;
  reason: Gap['reason'];
  detail: string;
  content_id: string | null;
  recorded_at: string;
}

const UPSERT_LEDGER = `INSERT INTO ledger (tenant_id, content_type, content_id, content_uri, content_created,
  content_expiration, expires_ms, state, record_count, rejected_count, updated_at, read_failures)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (tenant_id, content_type, content_id) DO UPDATE SET content_uri = excluded.content_uri,
  content_created = excluded.content_created, content_expiration = excluded.content_expiration,
  expires_ms = excluded.expires_ms, state = excluded.state, record_count = excluded.record_count,
  rejected_count = excluded.rejected_count, updated_at = excluded.updated_at, read_failures = excluded.read_failures`;

export class SqliteCheckpointStore implements CheckpointStore {
  private readonly putLedger: (entries: readonly LedgerEntry[]) => void;

  constructor(private readonly connection: SqliteConnection) {
    const upsert = connection.db.prepare(UPSERT_LEDGER);
    const many = connection.db.transaction((entries: readonly LedgerEntry[]) => {
      for (const e of entries) {
        upsert.run(
          e.tenantId,
          e.contentType,
          e.contentId,
          e.contentUri,
          e.contentCreated,
          e.contentExpiration,
          expiresMs(e.contentExpiration),
          e.state,
          e.recordCount ?? null,
          e.rejectedCount ?? null,
          e.updatedAt,
          e.readFailures === undefined ? null : JSON.stringify(e.readFailures),
        );
      }
    });
    this.putLedger = (entries) => many.immediate(entries);
  }

  async getWatermark(tenantId: string, contentType: ContentType): Promise<Watermark | undefined> {
    this.connection.use();
    const row = this.connection.statement('SELECT * FROM watermarks WHERE tenant_id = ? AND content_type = ?').get(
      tenantId,
      contentType,
    ) as WatermarkRow | undefined;
    return row === undefined ? undefined : watermarkFromRow(row);
  }

  async putWatermark(watermark: Watermark, expectedEtag: string | null): Promise<Watermark> {
    this.connection.use();
    const lastCycle = watermark.lastCycle === undefined ? null : JSON.stringify(watermark.lastCycle);
    const key = `${watermark.tenantId}/${watermark.contentType}`;
    if (expectedEtag === null) {
      const { changes } = await this.connection.writeInTurn('create the watermark', () =>
        this.connection.statement(
          `INSERT INTO watermarks (tenant_id, content_type, value, updated_at, last_cycle, version)
           VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (tenant_id, content_type) DO NOTHING`,
        ).run(watermark.tenantId, watermark.contentType, watermark.value, watermark.updatedAt, lastCycle),
      );
      if (changes !== 1) throw new ConcurrencyError(`Watermark ${key} already exists; expected none.`);
      return { ...stripEtag(watermark), etag: etagOf(1) };
    }
    const version = versionOf(expectedEtag);
    const row = (await this.connection.writeInTurn('move the watermark', () =>
      this.connection.statement(
        `UPDATE watermarks SET value = ?, updated_at = ?, last_cycle = ?, version = version + 1
         WHERE tenant_id = ? AND content_type = ? AND version = ? RETURNING version`,
      ).get(watermark.value, watermark.updatedAt, lastCycle, watermark.tenantId, watermark.contentType, version),
    )) as { version: number } | undefined;
    if (row === undefined) {
      throw new ConcurrencyError(`Watermark ${key} changed since etag ${expectedEtag} was read (or does not exist).`);
    }
    return { ...stripEtag(watermark), etag: etagOf(row.version) };
  }

  async getLedgerEntries(
    tenantId: string,
    contentType: ContentType,
    contentIds: readonly string[],
  ): Promise<Map<string, LedgerEntry>> {
    this.connection.use();
    const found = new Map<string, LedgerEntry>();
    const get = this.connection.statement('SELECT * FROM ledger WHERE tenant_id = ? AND content_type = ? AND content_id = ?');
    for (const contentId of new Set(contentIds)) {
      const row = get.get(tenantId, contentType, contentId) as LedgerRow | undefined;
      if (row !== undefined) found.set(contentId, ledgerFromRow(row));
    }
    return found;
  }

  async putLedgerEntries(entries: readonly LedgerEntry[]): Promise<void> {
    this.connection.use();
    if (entries.length > 0) await this.connection.writeInTurn('write ledger entries', () => this.putLedger(entries));
  }

  async listLedger(tenantId: string, contentType: ContentType, query: LedgerQuery = {}): Promise<LedgerEntry[]> {
    this.connection.use();
    const clauses = ['tenant_id = ?', 'content_type = ?'];
    const params: unknown[] = [tenantId, contentType];
    const add = (clause: string, value: string): void => {
      clauses.push(clause);
      params.push(value);
    };
    if (query.state !== undefined) add('state = ?', query.state);
    if (query.createdFrom !== undefined) add('content_created >= ?', query.createdFrom);
    if (query.createdTo !== undefined) add('content_created < ?', query.createdTo);
    const sql = `SELECT * FROM ledger WHERE ${clauses.join(' AND ')} ORDER BY content_created, content_id`;
    return (this.connection.statement(sql).all(...params) as LedgerRow[]).map(ledgerFromRow);
  }

  async recordGap(gap: Gap): Promise<void> {
    // The first recording wins: the same gap found again keeps its original recordedAt.
    const insert = this.connection.statement(
      `INSERT INTO gaps (id, tenant_id, content_type, window_start, window_end, reason, detail, content_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    await this.connection.writeInTurn('record a gap', () =>
      insert.run(gap.id, gap.tenantId, gap.contentType, gap.window.start, gap.window.end, gap.reason, gap.detail, gap.contentId ?? null, gap.recordedAt),
    );
  }

  async listGaps(tenantId: string, contentType?: ContentType): Promise<Gap[]> {
    this.connection.use();
    const rows = (
      contentType === undefined
        ? this.connection.statement('SELECT * FROM gaps WHERE tenant_id = ? ORDER BY recorded_at, id').all(tenantId)
        : this.connection.statement('SELECT * FROM gaps WHERE tenant_id = ? AND content_type = ? ORDER BY recorded_at, id').all(
            tenantId,
            contentType,
          )
    ) as GapRow[];
    return rows.map(gapFromRow);
  }

  async purgeExpired(now: Date): Promise<number> {
    const cutoff = ledgerPurgeCutoffMs(now);
    return this.connection.writeInTurn('purge expired ledger entries', () =>
      this.connection.statement('DELETE FROM ledger WHERE expires_ms < ?').run(cutoff).changes,
    );
  }

  async close(): Promise<void> {
    this.connection.release();
  }
}

function etagOf(version: number): string {
  return `"v${version}"`;
}

function versionOf(etag: string): number {
  const match = /^"v(\d+)"$/.exec(etag);
  // An etag this store never issued matches no row: the write is refused as a conflict.
  return match === null ? -1 : Number(match[1]);
}

function stripEtag(watermark: Watermark): Watermark {
  const { etag: _etag, ...rest } = watermark;
  return rest;
}

function expiresMs(contentExpiration: string): number {
  const ms = Date.parse(contentExpiration);
  // An unparseable expiration is kept (never purged) rather than deleted early.
  return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
}

function watermarkFromRow(row: WatermarkRow): Watermark {
  const base: Watermark = {
    tenantId: row.tenant_id,
    contentType: row.content_type,
    value: row.value,
    updatedAt: row.updated_at,
    etag: etagOf(row.version),
  };
  return row.last_cycle === null ? base : { ...base, lastCycle: JSON.parse(row.last_cycle) as CycleSummary };
}

function ledgerFromRow(row: LedgerRow): LedgerEntry {
  return {
    tenantId: row.tenant_id,
    contentType: row.content_type,
    contentId: row.content_id,
    contentUri: row.content_uri,
    contentCreated: row.content_created,
    contentExpiration: row.content_expiration,
    state: row.state,
    ...(row.record_count === null ? {} : { recordCount: row.record_count }),
    ...(row.rejected_count === null ? {} : { rejectedCount: row.rejected_count }),
    ...(row.read_failures === null || row.read_failures === undefined ? {} : { readFailures: JSON.parse(row.read_failures) as ReadFailures }),
    updatedAt: row.updated_at,
  };
}

function gapFromRow(row: GapRow): Gap {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    contentType: row.content_type,
    window: { start: row.window_start, end: row.window_end },
    reason: row.reason,
    detail: row.detail,
    ...(row.content_id === null ? {} : { contentId: row.content_id }),
    recordedAt: row.recorded_at,
  };
}
