// Opens the embedded store: one SQLite file for events and checkpoints.
import type { AuditStore } from '../ports';
import { StorageError } from '../storage-error';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';
import { SqliteConnection } from './sqlite-connection';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteEventWriter } from './sqlite-event-writer';
import { SqliteInvestigationStore } from './sqlite-investigation-store';

export interface OpenSqliteStoreOptions {
  /** The database file (created with its tables when missing). */
  readonly path: string;
  /** TTL for documents without their own `ttl` (like Cosmos DB's container default TTL). */
  readonly retentionSeconds?: number;
  /** How long a write waits for another process's lock. Default 30 s. */
  readonly busyTimeoutInMs?: number;
  /** WAL auto-checkpoint threshold in 4 KiB pages. Default 10,000 (~40 MB); see the README. */
  readonly walAutocheckpointPages?: number;
  /**
   * Where upsertEvents runs its transactions: 'inline' (default) on the calling thread, or
   * 'worker-thread': a second connection in a worker thread, so the inserts use another core
   * while the caller fetches and parses the next blobs (see the README, "Event writer thread").
   * Either way a call resolves only after its transaction committed.
   */
  readonly eventWriter?: 'inline' | 'worker-thread';
}

export function openSqliteStore(options: OpenSqliteStoreOptions): AuditStore {
  if (typeof options.path !== 'string' || options.path === '') {
    throw new StorageError('InvalidStoreOptions', 400, 'openSqliteStore: `path` must be a non-empty file path.');
  }
  const { retentionSeconds } = options;
  if (retentionSeconds !== undefined && !(Number.isInteger(retentionSeconds) && retentionSeconds > 0)) {
    throw new StorageError('InvalidStoreOptions', 400, 'openSqliteStore: `retentionSeconds` must be a positive integer.');
  }
  const { busyTimeoutInMs } = options;
  if (busyTimeoutInMs !== undefined && !(Number.isInteger(busyTimeoutInMs) && busyTimeoutInMs >= 0)) {
    throw new StorageError('InvalidStoreOptions', 400, 'openSqliteStore: `busyTimeoutInMs` must be a non-negative integer (milliseconds).');
  }
  const { walAutocheckpointPages } = options;
  if (walAutocheckpointPages !== undefined && !(Number.isInteger(walAutocheckpointPages) && walAutocheckpointPages >= 0)) {
    throw new StorageError('InvalidStoreOptions', 400, 'openSqliteStore: `walAutocheckpointPages` must be a non-negative integer (0 turns it off).');
  }
  const { eventWriter = 'inline' } = options;
  if (eventWriter !== 'inline' && eventWriter !== 'worker-thread') {
    throw new StorageError('InvalidStoreOptions', 400, "openSqliteStore: `eventWriter` must be 'inline' or 'worker-thread'.");
  }
  if (eventWriter === 'worker-thread' && options.path === ':memory:') {
    throw new StorageError('InvalidStoreOptions', 400, "openSqliteStore: `eventWriter: 'worker-thread'` needs a file: a second connection cannot see ':memory:'.");
  }
  const connection = new SqliteConnection(options);
  const writer = eventWriter === 'worker-thread' ? new SqliteEventWriter(connection, options, retentionSeconds) : undefined;
  const events = new SqliteEventStore(connection.acquire(), retentionSeconds, writer);
  const checkpoints = new SqliteCheckpointStore(connection.acquire());
  const investigation = new SqliteInvestigationStore(connection.acquire());
  return {
    kind: 'sqlite',
    events,
    checkpoints,
    investigation,
    checkpointWal: async () => connection.checkpointWal(),
    close: async () => {
      await writer?.close();
      connection.closeNow();
    },
  };
}
