// The code of the event-writer worker thread, as a script string (`new Worker(source, { eval: true })`).
// A string and not a file: the app and the local host are bundled into one CommonJS file each, so
// a worker FILE would need its own bundle entry in every consumer; a string travels with the code
// that starts it. It needs only better-sqlite3 (its resolved path comes in workerData) and the
// adapter's own `toParams`, whose source is inlined (it is a pure function: no imports).
import { toParams } from './sqlite-event-row';

/** Messages main -> worker. */
export type WriterRequest =
  | { readonly type: 'write'; readonly id: number; readonly docs: readonly unknown[]; readonly nowMs: number }
  | { readonly type: 'close' };

/** Messages worker -> main. */
export type WriterReply =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly error: WorkerErrorInfo }
  | { readonly type: 'written'; readonly id: number; readonly written: number }
  | { readonly type: 'error'; readonly id: number; readonly error: WorkerErrorInfo }
  | { readonly type: 'closed' };

export interface WorkerErrorInfo {
  readonly code?: string;
  readonly message: string;
}

export interface WriterWorkerData {
  readonly betterSqlite3: string;
  readonly path: string;
  readonly busyTimeoutInMs: number;
  readonly pragmas: readonly string[];
  readonly insertSql: string;
  readonly defaultTtlSeconds: number | undefined;
}

export const WRITER_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const toParams = (${toParams.toString()});
const info = (e) => ({ code: typeof e?.code === 'string' ? e.code : undefined, message: String(e?.message ?? e) });
let db;
try {
  db = new Database(workerData.path, { timeout: workerData.busyTimeoutInMs });
  for (const pragma of workerData.pragmas) db.pragma(pragma);
} catch (e) {
  parentPort.postMessage({ type: 'failed', error: info(e) });
  throw e;
}
const insert = db.prepare(workerData.insertSql);
// IMMEDIATE: the write lock up front, as the inline adapter does (no deferred read-to-write upgrade).
const insertAll = db.transaction((docs, nowMs) => {
  let written = 0;
  for (const doc of docs) written += insert.run(toParams(doc, nowMs, workerData.defaultTtlSeconds)).changes;
  return written;
});
parentPort.on('message', (request) => {
  if (request.type === 'close') {
    db.close();
    parentPort.postMessage({ type: 'closed' });
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ type: 'written', id: request.id, written: insertAll.immediate(request.docs, request.nowMs) });
  } catch (e) {
    parentPort.postMessage({ type: 'error', id: request.id, error: info(e) });
  }
});
parentPort.postMessage({ type: 'ready' });
`;
