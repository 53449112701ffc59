// The random id a SQLite store file was created with (`meta.store_id`). A host remembers it beside
// its durable state and compares it at start: a different id, or no file, means the event store it
// filled is gone (deleted, or replaced by a new, empty one), which must never pass silently.
import { existsSync } from 'node:fs';
import { StorageError } from '../storage-error';
import { SqliteConnection } from './sqlite-connection';

/**
 * The store id of the SQLite file at `path`; undefined when there is no file. A file of an older
 * schema is migrated (as `openSqliteStore` would) and gets its id then; an empty file becomes a new
 * store with a new id.
 */
export function readSqliteStoreId(path: string): string | undefined {
  if (typeof path !== 'string' || path === '' || path === ':memory:') {
    throw new StorageError('InvalidStoreOptions', 400, 'readSqliteStoreId: `path` must be the path of a SQLite store file.');
  }
  if (!existsSync(path)) return undefined;
  const connection = new SqliteConnection({ path });
  try {
    return connection.storeId;
  } finally {
    connection.closeNow();
  }
}
