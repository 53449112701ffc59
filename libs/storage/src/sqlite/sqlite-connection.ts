// One better-sqlite3 connection shared by the event and checkpoint stores of one open store.
// Settings make the file safe for several processes: WAL (readers never block the writer),
// busy_timeout (a writer waits for the lock instead of failing with SQLITE_BUSY).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from '../storage-error';
import { FileIdentity } from './sqlite-file-identity';
import { translateSqliteError } from './sqlite-errors';
import { ensureInvestigationSchema } from './sqlite-investigation-schema';
import type { MigrationHooks } from './sqlite-migrate-v1';
import { ensureSchema, storeIdOf } from './sqlite-schema';

export interface SqliteConnectionOptions {
  readonly path: string;
  /** How long a writer waits for another process's lock before SQLITE_BUSY. Default 30 s. */
  readonly busyTimeoutInMs?: number;
  /** WAL auto-checkpoint threshold in pages (4 KiB). Default WAL_AUTOCHECKPOINT_PAGES. */
  readonly walAutocheckpointPages?: number;
  /** Tests only: observe the v1 -> v2 migration. */
  readonly migrationHooks?: MigrationHooks;
}

/**
 * 10,000 pages (~40 MB) instead of SQLite's 1,000: in WAL mode with synchronous = NORMAL a commit
 * does not fsync; only a checkpoint does, and with the default one ran every couple of blobs in
 * the writer's thread. A larger log also coalesces the many rewrites of the same index pages. The
 * app checkpoints between cycles (checkpointWal), so this bound is only reached inside a big cycle.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;
/** After a checkpoint resets the log, SQLite truncates the file to this size (the log is reused). */
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

export class SqliteConnection {
  readonly db: Database.Database;
  readonly path: string;
  /** The random id created with the file (`meta.store_id`). */
  readonly storeId: string;
  private readonly identity: FileIdentity | undefined;
  private users = 0;
  private closed = false;
  /** Set once the file was found deleted or replaced: every later call throws it. */
  private replaced: StorageError | undefined;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(options: SqliteConnectionOptions) {
    this.path = options.path;
    const inMemory = options.path === ':memory:';
    try {
      if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
      this.db = new Database(options.path, { timeout: options.busyTimeoutInMs ?? 30_000 });
    } catch (error) {
      throw translateSqliteError(error, options.path, 'open the file');
    }
    try {
      this.identity = inMemory ? undefined : FileIdentity.of(options.path);
      this.db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutInMs ?? 30_000)}`);
      this.db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a crash never corrupts the file and never reorders commits; a power
      // cut may drop the last commits, together with any watermark written after them.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      // 64 MiB of page cache (default 2 MiB): the query indexes stay in memory while a large
      // store grows, instead of being re-read from the OS for every batch.
      this.db.pragma('cache_size = -65536');
      this.db.pragma(`wal_autocheckpoint = ${Math.trunc(options.walAutocheckpointPages ?? WAL_AUTOCHECKPOINT_PAGES)}`);
      this.db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
      ensureSchema(this.db, options.path, options.migrationHooks);
      ensureInvestigationSchema(this.db);
      this.storeId = storeIdOf(this.db);
    } catch (error) {
      this.db.close();
      throw translateSqliteError(error, options.path, 'open the store and check its schema');
    }
  }

  /** Registers one more user (a store); the file closes when every user has released it. */
  acquire(): this {
    this.users += 1;
    return this;
  }

  use(): Database.Database {
    if (this.replaced !== undefined) throw this.replaced;
    if (this.closed) throw new StorageError('StoreClosed', 500, 'The SQLite store is closed.');
    return this.db;
  }

  /**
   * Runs one write: first checks that the path still names the file this connection opened (a
   * deleted or replaced file would swallow the write into an unlinked inode: `StoreReplaced`), then
   * maps disk errors to typed, retryable StorageErrors (the write's transaction was rolled back).
   */
  write<T>(what: string, run: () => T): T {
    this.use();
    const replaced = this.identity?.problem(what);
    if (replaced !== undefined) {
      this.detach();
      this.replaced = replaced;
      throw replaced;
    }
    try {
      return run();
    } catch (error) {
      throw translateSqliteError(error, this.path, what);
    }
  }

  /**
   * A PASSIVE checkpoint: copies as much of the log into the database as no reader still needs,
   * without waiting for anyone (a busy log is left for the next call or the auto-checkpoint).
   */
  checkpointWal(): { walFrames: number; checkpointedFrames: number } {
    return this.write('checkpoint the WAL', () => {
      const [row] = this.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      return { walFrames: Math.max(0, row?.log ?? 0), checkpointedFrames: Math.max(0, row?.checkpointed ?? 0) };
    });
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
    if (this.identity?.problem('close') !== undefined) {
      this.detach();
      return;
    }
    this.closed = true;
    this.db.close();
  }

  /**
   * Lets go of a file that was deleted or replaced under this connection. Its WAL file is found by
   * NAME, beside whatever file the path names now: left as it is, the next process to open that
   * path would replay this connection's frames into the other file (SQLite keeps the WAL of a
   * renamed or unlinked database on close). A TRUNCATE checkpoint empties it (into the old inode),
   * then the connection closes and releases the shared-memory index.
   */
  private detach(): void {
    this.closed = true;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
