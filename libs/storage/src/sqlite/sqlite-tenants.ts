// The tenants an SQLite store holds data of, read without opening it for writing: lets the CLI
// work on the store `npm start` just filled without being told the simulated tenant's id.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Tenants with a watermark or a finding; undefined when the file does not exist. */
export function listSqliteTenants(path: string): string[] | undefined {
  if (!existsSync(path)) return undefined;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const parts = ['watermarks', 'findings'].filter((t) => tables.has(t)).map((t) => `SELECT tenant_id FROM ${t}`);
    if (parts.length === 0) return [];
    return (db.prepare(`SELECT DISTINCT tenant_id FROM (${parts.join(' UNION ')}) ORDER BY tenant_id`).all() as { tenant_id: string }[]).map((r) => r.tenant_id);
  } finally {
    db.close();
  }
}
