// One better-sqlite3 connection shared by the event and checkpoint stores of one open store.
// Settings make the file safe for several processes: WAL (readers never block the writer),
// busy_timeout (a writer waits for the lock instead of failing with SQLITE_BUSY).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from '../storage-error';
import { ensureInvestigationSchema } from './sqlite-investigation-schema';
import { ensureSchema } from './sqlite-schema';

export interface SqliteConnectionOptions {
  readonly path: string;
  /** How long a writer waits for another process's lock before SQLITE_BUSY. Default 30 s. */
  readonly busyTimeoutInMs?: number;
}

export class SqliteConnection {
  readonly db: Database.Database;
  private users = 0;
  private closed = false;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(options: SqliteConnectionOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path, { timeout: options.busyTimeoutInMs ?? 30_000 });
    try {
      this.db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutInMs ?? 30_000)}`);
      this.db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a crash never corrupts the file and never reorders commits; a power
      // cut may drop the last commits, together with any watermark written after them.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      // 64 MiB of page cache (default 2 MiB): the four query indexes stay in memory while a large
      // store grows, instead of being re-read from the OS for every batch.
      this.db.pragma('cache_size = -65536');
      ensureSchema(this.db);
      ensureInvestigationSchema(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** Registers one more user (a store); the file closes when every user has released it. */
  acquire(): this {
    this.users += 1;
    return this;
  }

  use(): Database.Database {
    if (this.closed) throw new StorageError('StoreClosed', 500, 'The SQLite store is closed.');
    return this.db;
  }

  /** A statement prepared once per connection: both stores share the cache. */
  statement(sql: string): Database.Statement {
    const db = this.use();
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  release(): void {
    if (this.closed) return;
    this.users -= 1;
    if (this.users <= 0) this.closeNow();
  }

  closeNow(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
