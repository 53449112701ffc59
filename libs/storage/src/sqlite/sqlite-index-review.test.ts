// The index review of `events` (README, "Index review"), kept true by the planner itself: every
// read the adapter sends is EXPLAINed on a real file with the real schema and must search the
// index named for it (never a scan of the table), and every secondary index must be the one of
// at least one read, so an index nothing uses (a cost on every write) fails here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventPageQuery } from '../investigation-ports';
import type { EventQuery } from '../ports';
import { TEST_TENANT, testEventDocument } from '../testing';
import { openSqliteStore } from './open-sqlite-store';
import { eventPageSql } from './sqlite-event-queries';
import { eventQuerySql } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'auditflow-index-review-'));
const path = join(dir, 'review.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const from = '2026-11-01T00:00:00.000Z';
const to = '2026-11-08T00:00:00.000Z';
const tenantId = TEST_TENANT;
const page = (query: Omit<EventPageQuery, 'tenantId'>): { sql: string; params: unknown[] } => eventPageSql({ tenantId, ...query });
const select = (query: Omit<EventQuery, 'tenantId'>) => eventQuerySql('select', { tenantId, ...query });
const count = (query: Omit<EventQuery, 'tenantId'>) => eventQuerySql('count', { tenantId, ...query });

// [read, its SQL, the index its plan must search]
const READS: [string, { sql: string; params: unknown[] }, string][] = [
  ['queryEvents by user', select({ userId: 'Alice@contoso.com', from, to }), 'events_user_ci'],
  ['countEvents by user', count({ userId: 'alice@contoso.com' }), 'events_user_ci'],
  ['queryEvents by operation', select({ operation: 'FileAccessed', from }), 'events_operation'],
  ['countEvents by content type (console, demo progress)', count({ contentType: 'Audit.Exchange' }), 'events_content_type'],
  ['queryEvents by time range', select({ from, to }), 'events_time'],
  // Any index that starts with tenant_id counts a tenant's rows; the planner takes the smallest.
  ['countEvents of a tenant (bench, checks)', count({}), 'any'],
  [
    'listEventIds page (ground-truth checks)',
    {
      sql: `SELECT rowid AS rid, id, time FROM events WHERE tenant_id = ? AND content_type = ? AND (time, rowid) > (?, ?) ORDER BY time, rowid LIMIT 5000`,
      params: [tenantId, 'Audit.Exchange', '', 0],
    },
    'events_content_type',
  ],
  ['pageEvents by user (graph centre user:)', page({ userId: 'alice@contoso.com', from, to }), 'events_user_ci'],
  ['pageEvents by IP (graph centre ip:)', page({ ip: '203.0.113.7', from }), 'events_ip'],
  ['pageEvents by object', page({ objectId: 'https://contoso.sharepoint.com/x.docx' }), 'events_object'],
  ['pageEvents of one blob (analysis activity)', page({ contentId: 'blob-1' }), 'events_content'],
  ['pageEvents of one operation (indicators)', page({ operations: ['New-InboxRule'], from }), 'events_operation'],
  ['pageEvents by time window, workloads, results (graph, export)', page({ from, to, workloads: ['Exchange'], results: ['Failed'] }), 'events_time'],
  ['pageEvents next page (keyset on time)', page({ from, to, order: 'desc' }), 'events_time'],
  ['purgeExpired', { sql: 'DELETE FROM events WHERE expires_at IS NOT NULL AND expires_at <= ?', params: [0] }, 'events_expires'],
];

function planOf(db: Database.Database, read: { sql: string; params: unknown[] }): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${read.sql}`).all(...read.params) as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('events index review', () => {
  const store = openSqliteStore({ path });
  afterAll(() => store.close());

  it.each(READS)('%s searches its index', (_read, read, index) => {
    const db = new Database(path, { readonly: true });
    try {
      const plan = planOf(db, read);
      expect(plan).toMatch(new RegExp(`SEARCH events USING (COVERING )?INDEX ${index === 'any' ? '\\w+' : index}\\b`));
      expect(plan).not.toMatch(/SCAN events$/m);
    } finally {
      db.close();
    }
  });

  it('has no secondary index that no read uses (each one costs every write)', () => {
    const db = new Database(path, { readonly: true });
    try {
      const indexes = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]
      ).map((r) => r.name);
      expect(indexes).toEqual([...new Set(READS.map(([, , index]) => index).filter((i) => i !== 'any'))].sort());
    } finally {
      db.close();
    }
  });

  it('drops the old case-sensitive user index from a file made before, keeping its rows', async () => {
    const old = join(dir, 'old.db');
    const first = openSqliteStore({ path: old });
    await first.events.upsertEvents([testEventDocument({ id: 'kept', time: from })]);
    await first.close();
    const raw = new Database(old);
    raw.exec('CREATE INDEX events_user ON events (tenant_id, user_id, time)');
    raw.close();
    const reopened = openSqliteStore({ path: old });
    expect(await reopened.events.countEvents({ tenantId, userId: 'alice@contoso.example' })).toBe(1);
    await reopened.close();
    const check = new Database(old, { readonly: true });
    const names = (check.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    check.close();
    expect(names).not.toContain('events_user');
  });
});
