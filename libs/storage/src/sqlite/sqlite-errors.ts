// better-sqlite3 errors that mean "the disk, not the data": mapped to typed, retryable
// StorageErrors naming the file, the operation and what to do. The write that failed was one
// transaction, rolled back whole, so nothing of it is half-written and retrying it is safe.
import { StorageError } from '../storage-error';

interface SqliteLikeError {
  readonly code?: unknown;
  readonly message?: unknown;
}

/** The StorageError for `error` thrown while doing `what` on `path`, or `error` unchanged. */
export function translateSqliteError(error: unknown, path: string, what: string): unknown {
  const code = typeof (error as SqliteLikeError | null)?.code === 'string' ? ((error as SqliteLikeError).code as string) : '';
  const cause = { cause: error };
  if (code === 'SQLITE_FULL') {
    return new StorageError(
      'StoreFull',
      507,
      `The SQLite store ${path} is full (SQLITE_FULL) while trying to ${what}: the volume or its quota has no space ` +
        'left. Nothing of this write was kept (its transaction was rolled back). Free space on that volume; the ' +
        'write is idempotent and succeeds when retried then.',
      cause,
    );
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new StorageError(
      'StoreIoError',
      503,
      `The SQLite store ${path} failed with ${code} while trying to ${what}: the device or file system refused ` +
        'the I/O (a failing disk, a lost network mount, a read-only remount or permissions). Nothing of this write ' +
        'was kept. Check the volume and the file\'s permissions; the write is idempotent and can be retried.',
      cause,
    );
  }
  if (code.startsWith('SQLITE_BUSY')) {
    return new StorageError(
      'StoreBusy',
      503,
      `The SQLite store ${path} stayed locked by another connection past the busy timeout while trying to ${what} ` +
        '(SQLITE_BUSY). Nothing of this write was kept; retry later, or find the process holding a long transaction.',
      cause,
    );
  }
  return error;
}
