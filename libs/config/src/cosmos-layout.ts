// The Cosmos DB layout shared by libs/storage (which reads and writes it) and infra (which
// provisions it), so the two can never disagree on a container name or partition key path.
import { ttlSecondsFor } from '@auditflow/ingestion';

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
        // Queries by user name the user's partition keys (`c.partitionKey IN (...)`): the service
        // routes by them, but the filter itself is on a path, and a filter on an excluded path
        // is refused (400) unless scans are enabled.
        '/partitionKey/?',
      ].map((path) => Object.freeze({ path })),
    ),
    excludedPaths: Object.freeze([Object.freeze({ path: '/*' })]),
  }),
});

/**
 * The Cosmos DB data-plane role the app's identity needs on the account (read and write items,
 * read metadata): the built-in "Cosmos DB Built-in Data Contributor", whose definition id is the
 * same on every account (Learn: Cosmos DB for NoSQL, "Use data plane role-based access control",
 * built-in role definitions). infra assigns it; the storage adapter names it in its 403 errors.
 */
export const COSMOS_DATA_CONTRIBUTOR_ROLE_NAME = 'Cosmos DB Built-in Data Contributor';
export const COSMOS_DATA_CONTRIBUTOR_ROLE_ID = '00000000-0000-0000-0000-000000000002';

/**
 * Event document time-to-live in seconds (Cosmos DB container default TTL, SQLite purge) for the
 * retention setting in whole days. The days -> seconds rule itself is libs/ingestion's
 * ttlSecondsFor, the one the normalizer sets each document's ttl with.
 */
export function retentionSeconds(days: number): number {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`retentionSeconds: days must be a positive integer, got ${String(days)}`);
  }
  return ttlSecondsFor(days);
}
