// What activity bodies receive: ports, a clock and a logger, injected so tests use in-memory fakes.
import type { UnreadablePolicy } from '@auditflow/ingestion';
import type { CheckpointStore, EventStore } from '@auditflow/storage';
import type { ManagementApi } from './management-api-port';

/** Matches both `console` and the Functions InvocationContext. */
export interface Logger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export interface ActivityDeps {
  readonly api: ManagementApi;
  readonly events: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly now: () => Date;
  readonly log: Logger;
  /** Event documents expire after this many days (AUDITFLOW_RETENTION_DAYS). */
  readonly retentionDays: number;
  /** When a blob that never reads is quarantined (AUDITFLOW_UNREADABLE_MAX_ATTEMPTS / _MIN_HOURS). */
  readonly unreadable: UnreadablePolicy;
}

/**
 * A blob to fetch, as it crosses activity boundaries (and so the orchestration history): its id
 * and URI only. Its times are in the ledger, where listContentPage recorded it.
 */
export interface BlobRef {
  readonly contentId: string;
  readonly contentUri: string;
}
