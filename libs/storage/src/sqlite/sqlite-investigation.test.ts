// The investigation contract against a real SQLite file, plus the indexes the pages name
// (INDEXED BY fails to prepare when the index is missing, so a schema change that drops one fails here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditStore } from '../ports';
import { describeInvestigationStoreContract, TEST_TENANT } from '../testing';
import { openSqliteStore } from './open-sqlite-store';
import { listSqliteTenants } from './sqlite-tenants';

const dir = mkdtempSync(join(tmpdir(), 'auditflow-sqlite-inv-'));
let counter = 0;
const opened: AuditStore[] = [];
afterAll(async () => {
  for (const store of opened) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describeInvestigationStoreContract('sqlite', async () => openSqliteStore({ path: join(dir, `inv-${++counter}.db`) }));

describe('sqlite investigation indexes', () => {
  it.each([
    ['user', 'lower(user_id) = ?', 'events_user_ci'],
    ['ip', 'ip = ?', 'events_ip'],
    ['object', 'lower(object_id) = ?', 'events_object'],
    ['blob', 'content_id = ?', 'events_content'],
    ['one operation', 'operation IN (?)', 'events_operation'],
  ])('a page by %s uses its index', async (_name, clause, index) => {
    const path = join(dir, `plan-${++counter}.db`);
    const store = openSqliteStore({ path });
    opened.push(store);
    const db = new Database(path, { readonly: true });
    try {
      const sql = `EXPLAIN QUERY PLAN SELECT id FROM events INDEXED BY ${index} WHERE tenant_id = ? AND time >= ? AND ${clause} ORDER BY time, id LIMIT 10`;
      const params = [TEST_TENANT, '2026-01-01', 'a'];
      const plan = (db.prepare(sql).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/SCAN events(?! USING)/);
    } finally {
      db.close();
    }
  });
});

describe('listSqliteTenants', () => {
  it('names the tenants with a watermark or a finding, and nothing for a missing file', async () => {
    const path = join(dir, `tenants-${++counter}.db`);
    expect(listSqliteTenants(path)).toBeUndefined();
    const store = openSqliteStore({ path });
    opened.push(store);
    expect(listSqliteTenants(path)).toEqual([]);
    await store.checkpoints.putWatermark({ tenantId: TEST_TENANT, contentType: 'Audit.Exchange', value: '2026-11-20T00:00:00.000Z', updatedAt: '2026-11-20T00:00:00.000Z' }, null);
    expect(listSqliteTenants(path)).toEqual([TEST_TENANT]);
  });
});
