// The event writer in a worker thread (eventWriter: 'worker-thread'): a second connection to the
// same file, on the machine's other core, runs the events transactions (the row mapping, the raw
// JSON and the B-tree work) while the main thread goes on fetching, parsing and normalizing the
// next blobs. `write` resolves only after the worker COMMITTED, so the caller's order (events
// before the ledger marks the blobs stored) keeps a crash safe exactly as inline writes do.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventDocument } from '@auditflow/ingestion';
import { StorageError } from '../storage-error';
import { connectionPragmas, type SqliteConnection, type SqliteConnectionOptions } from './sqlite-connection';
import { INSERT_SQL } from './sqlite-event-row';
import { translateSqliteError } from './sqlite-errors';
import { WRITER_WORKER_SOURCE, type WorkerErrorInfo, type WriterReply, type WriterRequest, type WriterWorkerData } from './sqlite-writer-worker-source';

interface Pending {
  resolve(written: number): void;
  reject(error: unknown): void;
}

/** better-sqlite3's entry, for the worker to require (the bundled app has `require`; ESM tests do not). */
function betterSqlite3Path(): string {
  const load = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'index.js'));
  return load.resolve('better-sqlite3');
}

function errorFrom(info: WorkerErrorInfo): Error {
  return Object.assign(new Error(info.message), info.code === undefined ? {} : { code: info.code });
}

export class SqliteEventWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Set when the worker failed or exited: every later write rejects with it. */
  private broken: unknown;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly connection: SqliteConnection,
    options: SqliteConnectionOptions,
    defaultTtlSeconds: number | undefined,
  ) {
    const workerData: WriterWorkerData = {
      betterSqlite3: betterSqlite3Path(),
      path: options.path,
      busyTimeoutInMs: Math.trunc(options.busyTimeoutInMs ?? 30_000),
      pragmas: connectionPragmas(options),
      insertSql: INSERT_SQL,
      defaultTtlSeconds,
    };
    this.worker = new Worker(WRITER_WORKER_SOURCE, { eval: true, workerData });
    // Idle, the worker must not keep the process alive; a write in flight refs it (see write).
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => this.onReply(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new StorageError('StoreClosed', 500, `The SQLite event writer thread exited (code ${code}).`)));
    connection.onDetach(() => void this.close());
  }

  /** Inserts `docs` in ONE transaction in the worker; resolves with the rows written once committed. */
  write(docs: readonly EventDocument[], nowMs: number): Promise<number> {
    return this.connection.inTurn(async () => {
      this.connection.checkWritable('write events');
      if (this.broken !== undefined) throw this.broken;
      const id = this.nextId++;
      const done = new Promise<number>((resolve, reject) => this.pending.set(id, { resolve, reject }));
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ type: 'write', id, docs, nowMs } satisfies WriterRequest);
      try {
        return await done;
      } catch (error) {
        throw translateSqliteError(error, this.connection.path, 'write events');
      }
    });
  }

  /** Closes the worker's connection after the writes queued before (idempotent). */
  close(): Promise<void> {
    this.closing ??= this.connection.inTurn(
      () =>
        new Promise<void>((resolve) => {
          if (this.broken !== undefined) return resolve();
          this.worker.once('exit', () => resolve());
          this.worker.ref();
          this.worker.postMessage({ type: 'close' } satisfies WriterRequest);
        }),
    );
    return this.closing;
  }

  private onReply(reply: WriterReply): void {
    if (reply.type === 'failed') this.fail(errorFrom(reply.error));
    if (reply.type !== 'written' && reply.type !== 'error') return;
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.type === 'written') pending?.resolve(reply.written);
    else pending?.reject(errorFrom(reply.error));
  }

  private fail(error: unknown): void {
    this.broken ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
