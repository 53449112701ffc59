// How long finished Durable instances are kept, whatever the backend: the Durable Task
// Scheduler's retention policy (infra) and the app's purge timer (apps/ingest-func, the Azure
// Storage backend) read these, so the two backends keep the same history.
//
// Why these numbers: instance history is for watching and debugging orchestrations, not the
// record of what was collected. The outcome of every cycle, window, gap and blob is in the store
// (ledger, watermarks, gaps), and a rerun reads the ledger, never instance history. A rerun can
// reach only the API's last 7 days, so a finished instance older than that describes work nobody
// can act on any more. Failed instances stay 30 days: long enough to investigate a failure after
// a holiday. Running, Pending and Suspended instances are never purged (their parent or a client
// still waits on them).

export const INSTANCE_RETENTION_DAYS = {
  /** Completed, Terminated (and the scheduler's Canceled) instances. */
  finished: 7,
  /** Failed instances. */
  failed: 30,
} as const;
