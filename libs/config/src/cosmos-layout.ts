// The Cosmos DB layout shared by libs/storage (which reads and writes it) and infra (which
// provisions it), so the two can never disagree on a container name or partition key path.

export interface CosmosIndexingPolicy {
  readonly indexingMode: 'consistent';
  readonly automatic: true;
  readonly includedPaths: readonly { readonly path: string }[];
  readonly excludedPaths: readonly { readonly path: string }[];
}

export interface CosmosLayout {
  readonly eventsContainer: string;
  readonly checkpointsContainer: string;
  readonly eventsPartitionKeyPath: string;
  readonly checkpointsPartitionKeyPath: string;
  readonly eventsIndexingPolicy: CosmosIndexingPolicy;
}

// Only the fields investigators filter on are indexed; `/*` is excluded so the raw record (up to
// ~1.5 MB, arbitrary shape) never costs index RUs or storage.
export const COSMOS_LAYOUT: CosmosLayout = Object.freeze({
  eventsContainer: 'events',
  checkpointsContainer: 'checkpoints',
  eventsPartitionKeyPath: '/partitionKey',
  checkpointsPartitionKeyPath: '/partitionKey',
  eventsIndexingPolicy: Object.freeze({
    indexingMode: 'consistent' as const,
    automatic: true as const,
    includedPaths: Object.freeze(
      [
        '/time/?',
        '/contentType/?',
        '/operation/?',
        '/actor/userId/?',
        '/tenantId/?',
        // Investigation reads (libs/storage README, "Investigation reads"): by IP, object, workload,
        // result, and the events of one blob (the analysis activity).
        '/actor/ip/?',
        '/target/objectId/?',
        '/workload/?',
        '/result/?',
        '/contentId/?',
      ].map((path) => Object.freeze({ path })),
    ),
    excludedPaths: Object.freeze([Object.freeze({ path: '/*' })]),
  }),
});

const SECONDS_PER_DAY = 24 * 60 * 60;

/** Event document time-to-live in seconds (Cosmos DB `ttl`, SQLite purge) for a retention in days. */
export function retentionSeconds(days: number): number {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`retentionSeconds: days must be a positive integer, got ${String(days)}`);
  }
  return days * SECONDS_PER_DAY;
}
