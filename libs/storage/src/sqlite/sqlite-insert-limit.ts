// The physical limit of the SQLite event store, for benchmarks (the storage bench and the e2e
// bench print it beside what they measure): the same documents inserted with ONE prepared
// statement in large transactions, nothing else. `real` uses the adapter's real schema (every
// index, same pragmas, same row values); `four-column` is the bare floor the e2e bench used to
// report (id primary key, partition key, time, document JSON), for reference only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventDocument } from '@auditflow/ingestion';
import { SqliteConnection } from './sqlite-connection';
import { INSERT_SQL, toParams } from './sqlite-event-row';

export type SqliteInsertLimitSchema = 'real' | 'four-column';

export interface SqliteInsertLimitOptions {
  readonly schema?: SqliteInsertLimitSchema;
  /** Documents per transaction. Default 20,000. */
  readonly transactionDocs?: number;
  /** Folder for the scratch file (deleted by finish()). Default: a new folder under the OS temp folder. */
  readonly dir?: string;
}

export interface SqliteInsertLimitResult {
  readonly schema: SqliteInsertLimitSchema;
  /** Rows inserted (documents repeated by (tenant, id) count once, as in the store). */
  readonly docs: number;
  /** Time spent inside the insert transactions only. */
  readonly seconds: number;
  readonly docsPerSecond: number;
}

export interface SqliteInsertLimit {
  /** Buffers documents; every `transactionDocs` of them are inserted in one timed transaction. */
  add(docs: readonly EventDocument[]): void;
  /** Inserts what is buffered, closes and deletes the scratch file, and returns the figures. */
  finish(): SqliteInsertLimitResult;
}

export function startSqliteInsertLimit(options: SqliteInsertLimitOptions = {}): SqliteInsertLimit {
  const schema = options.schema ?? 'real';
  const per = options.transactionDocs ?? 20_000;
  const ownDir = options.dir === undefined ? mkdtempSync(join(tmpdir(), 'auditflow-insert-limit-')) : undefined;
  const path = join(options.dir ?? (ownDir as string), `insert-limit-${schema}-${process.pid}-${Date.now()}.db`);
  const { db, insertAll, close } = schema === 'real' ? realSchema(path) : fourColumns(path);
  let buffer: EventDocument[] = [];
  let rows = 0;
  let ns = 0n;
  const flush = (): void => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    const t0 = process.hrtime.bigint();
    rows += db.transaction(() => insertAll(batch)).immediate();
    ns += process.hrtime.bigint() - t0;
  };
  return {
    add(docs) {
      for (const doc of docs) buffer.push(doc);
      if (buffer.length >= per) flush();
    },
    finish() {
      flush();
      close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      if (ownDir !== undefined) rmSync(ownDir, { recursive: true, force: true });
      const seconds = Number(ns) / 1e9;
      return { schema, docs: rows, seconds, docsPerSecond: seconds > 0 ? rows / seconds : 0 };
    },
  };
}

/** One call: all of `docs` through startSqliteInsertLimit. */
export function measureSqliteInsertLimit(docs: readonly EventDocument[], options: SqliteInsertLimitOptions = {}): SqliteInsertLimitResult {
  const limit = startSqliteInsertLimit(options);
  limit.add(docs);
  return limit.finish();
}

interface Writer {
  readonly db: Database.Database;
  insertAll(docs: readonly EventDocument[]): number;
  close(): void;
}

function realSchema(path: string): Writer {
  // The adapter's own connection: the same schema, indexes and pragmas (WAL, NORMAL, cache, checkpoint threshold).
  const connection = new SqliteConnection({ path });
  const insert = connection.db.prepare(INSERT_SQL);
  const nowMs = Date.now();
  return {
    db: connection.db,
    insertAll: (docs) => {
      let n = 0;
      for (const doc of docs) n += insert.run(toParams(doc, nowMs, undefined)).changes;
      return n;
    },
    close: () => connection.closeNow(),
  };
}

function fourColumns(path: string): Writer {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE events (id TEXT PRIMARY KEY, partition_key TEXT NOT NULL, time TEXT NOT NULL, doc TEXT NOT NULL)');
  const insert = db.prepare('INSERT OR IGNORE INTO events (id, partition_key, time, doc) VALUES (?, ?, ?, ?)');
  return {
    db,
    insertAll: (docs) => {
      let n = 0;
      for (const d of docs) n += insert.run(d.id, d.partitionKey, d.time, JSON.stringify(d)).changes;
      return n;
    },
    close: () => db.close(),
  };
}
