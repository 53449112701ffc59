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

/**
 * The settings of every connection to the file (this one and the event-writer worker's). WAL mode
 * is a property of the file, set once by the first connection. NORMAL in WAL mode: a crash never
 * corrupts the file and never reorders commits; a power cut may drop the last commits, together
 * with any watermark written after them. 64 MiB of page cache (default 2 MiB): the query indexes
 * stay in memory while a large store grows, instead of being re-read from the OS for every batch.
 */
export function connectionPragmas(options: Pick<SqliteConnectionOptions, 'busyTimeoutInMs' | 'walAutocheckpointPages'>): string[] {
  return [
    `busy_timeout = ${Math.trunc(options.busyTimeoutInMs ?? 30_000)}`,
    'synchronous = NORMAL',
    'foreign_keys = ON',
    'cache_size = -65536',
    `wal_autocheckpoint = ${Math.trunc(options.walAutocheckpointPages ?? WAL_AUTOCHECKPOINT_PAGES)}`,
    `journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`,
  ];
}

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
  /** The end of the queue of writes (writeInTurn): one write at a time, in call order. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Called once the connection let go of a replaced file (the event writer closes its own). */
  private readonly detachHooks: (() => void)[] = [];

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
      for (const pragma of connectionPragmas(options)) this.db.pragma(pragma);
      this.db.pragma('journal_mode = WAL');
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
    this.checkWritable(what);
    try {
      return run();
    } catch (error) {
      throw translateSqliteError(error, this.path, what);
    }
  }

  /**
   * Runs `run` once every write queued before it has finished. With the event writer in a worker
   * thread (a second connection on the file) this keeps the two connections from ever waiting for
   * each other's lock: a main-thread write that found the worker's transaction open would block
   * the event loop in busy_timeout for the whole commit. Only one write is in SQLite at a time
   * anyway (one write lock per file).
   */
  inTurn<T>(run: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** `write(what, run)` in turn (see inTurn). */
  writeInTurn<T>(what: string, run: () => T): Promise<T> {
    return this.inTurn(() => this.write(what, run));
  }

  /**
   * Throws when no write may go ahead: the store is closed, or its file was deleted or replaced
   * (StoreReplaced; the connection then lets go of the file, see detach).
   */
  checkWritable(what: string): void {
    this.use();
    const replaced = this.identity?.problem(what);
    if (replaced !== undefined) {
      this.detach();
      this.replaced = replaced;
      throw replaced;
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

  onDetach(hook: () => void): void {
    this.detachHooks.push(hook);
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
      for (const hook of this.detachHooks) hook();
    }
  }
}
