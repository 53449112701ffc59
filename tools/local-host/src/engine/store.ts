// SQLite persistence of the durable engine. Completions, timer firings and external events are
// APPENDED to `inbox` (one cheap insert each); an instance's `inbox_cursor` records what its last
// episode consumed, so a crash between a completion and the episode loses nothing.
import Database from 'better-sqlite3';
import type { HistoryEvent } from './history';
import { FileIdentity } from './store-faults';

export type RuntimeStatus = 'Pending' | 'Running' | 'Completed' | 'ContinuedAsNew' | 'Failed' | 'Terminated';
export const TERMINAL_STATUSES: readonly RuntimeStatus[] = ['Completed', 'Failed', 'Terminated'];

export interface InstanceRow {
  id: string;
  name: string;
  execution_id: string;
  status: RuntimeStatus;
  input: string | null;
  output: string | null;
  custom_status: string | null;
  created_at: string;
  updated_at: string;
  parent_id: string | null;
  parent_execution_id: string | null;
  parent_task_id: number | null;
  inbox_cursor: number;
}

export interface InboxRow {
  id: number;
  instance_id: string;
  execution_id: string | null;
  event: string;
}

export interface WorkRow {
  id: number;
  instance_id: string;
  execution_id: string;
  kind: 'activity' | 'timer';
  task_id: number;
  name: string;
  input: string | null;
  fire_at: string | null;
}

export interface ListFilter {
  runtimeStatus?: string[];
  createdTimeFrom?: string;
  createdTimeTo?: string;
  instanceIdPrefix?: string;
  after?: { createdAt: string; id: string };
  top: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS instances (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, execution_id TEXT NOT NULL, status TEXT NOT NULL,
  input TEXT, output TEXT, custom_status TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  parent_id TEXT, parent_execution_id TEXT, parent_task_id INTEGER, inbox_cursor INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS instances_created ON instances (created_at, id);
CREATE TABLE IF NOT EXISTS history (
  instance_id TEXT NOT NULL, execution_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL,
  PRIMARY KEY (instance_id, seq));
CREATE TABLE IF NOT EXISTS inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, execution_id TEXT, event TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS inbox_instance ON inbox (instance_id, id);
CREATE TABLE IF NOT EXISTS work (
  id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, execution_id TEXT NOT NULL,
  kind TEXT NOT NULL, task_id INTEGER NOT NULL, name TEXT NOT NULL, input TEXT, fire_at TEXT,
  done INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS work_open ON work (done, kind);
CREATE TABLE IF NOT EXISTS host_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export class DurableStore {
  readonly db: Database.Database;
  /** True when this file had instances before it had host_meta (made by an older host). */
  readonly predatesHostMeta: boolean;
  private readonly stmts;
  private readonly identity: FileIdentity;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    const tables = (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    this.db.exec(SCHEMA);
    this.predatesHostMeta = tables.includes('instances') && !tables.includes('host_meta');
    this.identity = new FileIdentity(path);
    const db = this.db;
    this.stmts = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM host_meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO host_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      anyCompleted: db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM (SELECT 1 FROM instances WHERE status = 'Completed' LIMIT 1)"),
      getInstance: db.prepare<[string], InstanceRow>('SELECT * FROM instances WHERE id = ?'),
      insertInstance: db.prepare(
        `INSERT OR REPLACE INTO instances (id, name, execution_id, status, input, output, custom_status, created_at, updated_at, parent_id, parent_execution_id, parent_task_id, inbox_cursor)
         VALUES (@id, @name, @execution_id, @status, @input, NULL, NULL, @created_at, @created_at, @parent_id, @parent_execution_id, @parent_task_id, @inbox_cursor)`,
      ),
      updateInstance: db.prepare(
        `UPDATE instances SET status = @status, output = @output, custom_status = @custom_status, updated_at = @updated_at,
         inbox_cursor = @inbox_cursor, execution_id = @execution_id, input = @input WHERE id = @id`,
      ),
      history: db.prepare<[string, string], { event: string }>(
        'SELECT event FROM history WHERE instance_id = ? AND execution_id = ? ORDER BY seq',
      ),
      maxSeq: db.prepare<[string], { m: number | null }>('SELECT MAX(seq) AS m FROM history WHERE instance_id = ?'),
      appendHistory: db.prepare('INSERT INTO history (instance_id, execution_id, seq, event) VALUES (?, ?, ?, ?)'),
      clearHistory: db.prepare('DELETE FROM history WHERE instance_id = ?'),
      inboxAfter: db.prepare<[string, number], InboxRow>('SELECT * FROM inbox WHERE instance_id = ? AND id > ? ORDER BY id'),
      appendInbox: db.prepare('INSERT INTO inbox (instance_id, execution_id, event) VALUES (?, ?, ?)'),
      maxInbox: db.prepare<[string], { m: number | null }>('SELECT MAX(id) AS m FROM inbox WHERE instance_id = ?'),
      insertWork: db.prepare(
        'INSERT INTO work (instance_id, execution_id, kind, task_id, name, input, fire_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      workDone: db.prepare('UPDATE work SET done = 1 WHERE id = ?'),
      openWork: db.prepare<[], WorkRow>('SELECT * FROM work WHERE done = 0 ORDER BY id'),
      withPendingInbox: db.prepare<[], { id: string }>(
        `SELECT i.id FROM instances i WHERE i.status IN ('Pending','Running') AND EXISTS (SELECT 1 FROM inbox b WHERE b.instance_id = i.id AND b.id > i.inbox_cursor)`,
      ),
      purge: [
        db.prepare('DELETE FROM instances WHERE id = ?'),
        db.prepare('DELETE FROM history WHERE instance_id = ?'),
        db.prepare('DELETE FROM inbox WHERE instance_id = ?'),
        db.prepare('DELETE FROM work WHERE instance_id = ?'),
      ],
    };
  }

  /**
   * Every write goes through here: it first checks that the path still names the file opened
   * (DurableStoreReplaced otherwise), then runs `fn` in one transaction (rolled back on any error).
   */
  transaction<T>(fn: () => T): T {
    if (!this.db.inTransaction) this.identity.check('write');
    return this.db.transaction(fn)();
  }

  getMeta(key: string): string | undefined {
    return this.stmts.getMeta.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.transaction(() => this.stmts.setMeta.run(key, value));
  }

  /**
   * Proves the store can grow again: writes `bytes` of scratch and removes them in ONE transaction
   * (so a disk with room for one tiny write but not for an episode still fails the probe).
   */
  probeWrite(bytes = 64 * 1024): void {
    this.transaction(() => {
      this.stmts.setMeta.run('write_probe', 'x'.repeat(bytes));
      this.stmts.setMeta.run('write_probe', new Date().toISOString());
    });
  }

  hasCompletedInstances(): boolean {
    return (this.stmts.anyCompleted.get()?.n ?? 0) > 0;
  }

  getInstance(id: string): InstanceRow | undefined {
    return this.stmts.getInstance.get(id);
  }

  insertInstance(row: Omit<InstanceRow, 'output' | 'custom_status' | 'updated_at'>): void {
    this.stmts.insertInstance.run(row);
  }

  updateInstance(row: InstanceRow): void {
    this.stmts.updateInstance.run(row);
  }

  loadHistory(instanceId: string, executionId: string): HistoryEvent[] {
    return this.stmts.history.all(instanceId, executionId).map((r) => JSON.parse(r.event) as HistoryEvent);
  }

  nextHistorySeq(instanceId: string): number {
    return (this.stmts.maxSeq.get(instanceId)?.m ?? 0) + 1;
  }

  appendHistory(instanceId: string, executionId: string, firstSeq: number, events: readonly HistoryEvent[]): void {
    events.forEach((e, i) => this.stmts.appendHistory.run(instanceId, executionId, firstSeq + i, JSON.stringify(e)));
  }

  clearHistory(instanceId: string): void {
    this.stmts.clearHistory.run(instanceId);
  }

  inboxAfter(instanceId: string, cursor: number): InboxRow[] {
    return this.stmts.inboxAfter.all(instanceId, cursor);
  }

  maxInboxId(instanceId: string): number {
    return this.stmts.maxInbox.get(instanceId)?.m ?? 0;
  }

  appendInbox(instanceId: string, executionId: string | null, event: HistoryEvent): void {
    this.stmts.appendInbox.run(instanceId, executionId, JSON.stringify(event));
  }

  insertWork(w: Omit<WorkRow, 'id'>): number {
    return Number(
      this.stmts.insertWork.run(w.instance_id, w.execution_id, w.kind, w.task_id, w.name, w.input, w.fire_at).lastInsertRowid,
    );
  }

  markWorkDone(id: number): void {
    this.stmts.workDone.run(id);
  }

  openWork(): WorkRow[] {
    return this.stmts.openWork.all();
  }

  instancesWithPendingInbox(): string[] {
    return this.stmts.withPendingInbox.all().map((r) => r.id);
  }

  purge(instanceId: string): number {
    const [inst, ...rest] = this.stmts.purge;
    return this.transaction(() => {
      const deleted = inst!.run(instanceId).changes;
      for (const s of rest) s.run(instanceId);
      return deleted;
    });
  }

  list(filter: ListFilter): InstanceRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.runtimeStatus?.length) {
      where.push(`status IN (${filter.runtimeStatus.map(() => '?').join(',')})`);
      params.push(...filter.runtimeStatus);
    }
    if (filter.createdTimeFrom) {
      where.push('created_at >= ?');
      params.push(filter.createdTimeFrom);
    }
    if (filter.createdTimeTo) {
      where.push('created_at <= ?');
      params.push(filter.createdTimeTo);
    }
    if (filter.instanceIdPrefix) {
      where.push("substr(id, 1, ?) = ?");
      params.push(filter.instanceIdPrefix.length, filter.instanceIdPrefix);
    }
    if (filter.after) {
      where.push('(created_at > ? OR (created_at = ? AND id > ?))');
      params.push(filter.after.createdAt, filter.after.createdAt, filter.after.id);
    }
    const sql = `SELECT * FROM instances ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at, id LIMIT ?`;
    params.push(filter.top);
    return this.db.prepare<unknown[], InstanceRow>(sql).all(...params);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
