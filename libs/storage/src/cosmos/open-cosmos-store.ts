// Opens the production store: the events and checkpoints containers of COSMOS_LAYOUT (the layout
// infra provisions), through an Entra TokenCredential (a key only for a loopback test server).
import type { Agent } from 'node:https';
import { CosmosClient, PartitionKeyDefinitionVersion, type ConnectionPolicy, type CosmosClientOptions, type Database } from '@azure/cosmos';
import { COSMOS_LAYOUT, isLoopbackHost } from '@auditflow/config';
import type { AuditStore } from '../ports';
import { StorageError } from '../storage-error';
import { CosmosCheckpointStore } from './cosmos-checkpoint-store';
import { cosmosStatusOf, containerNotFound, translateCreateError, translateDataError } from './cosmos-errors';
import { CosmosEventStore, type EventWriteCharge } from './cosmos-event-store';

export type { EventWriteCharge } from './cosmos-event-store';
import { CosmosInvestigationStore } from './cosmos-investigation-store';

export type TokenCredential = NonNullable<CosmosClientOptions['aadCredentials']>;

export interface OpenCosmosStoreOptions {
  /** Account endpoint, e.g. https://myaccount.documents.azure.com:443/. */
  readonly endpoint: string;
  readonly databaseId: string;
  /** Entra identity (production: the Function App's managed identity). */
  readonly credential?: TokenCredential;
  /** Account key: only for a local Cosmos-protocol server on a loopback address; refused otherwise. */
  readonly key?: string;
  /** Default TTL of the events container (seconds): `retentionSeconds(days)` of @auditflow/config. */
  readonly retentionSeconds: number;
  /** Create the database and containers when missing. Default true. */
  readonly createIfMissing?: boolean;
  /** Tests: trust a self-signed certificate. */
  readonly agent?: Agent;
  /** Merged over the defaults (retryOptions: 9 retries, at most 30 s of waiting, per request). */
  readonly connectionPolicy?: Partial<ConnectionPolicy>;
  /** Rounds of re-submitting bulk operations still throttled after the SDK's retries. Default 5. */
  readonly bulkThrottleResubmits?: number;
  /** Pause before a re-submit when the service gave no retry-after, doubling each round. Default 1,000 ms. */
  readonly bulkResubmitDelayInMs?: number;
  /** Bulk calls (of at most 100 operations each) in flight at once per write. Default 8. */
  readonly bulkConcurrency?: number;
  /**
   * Called after each upsertEvents with the request units the service charged for it: the sum of
   * each operation's `requestCharge` in the items.bulk results (re-submits included). The RU cost
   * per document under the indexing policy, as the account reports it (bench/cosmos-insert.ts).
   */
  readonly onEventWriteCharge?: (charge: EventWriteCharge) => void;
}

const DEFAULT_RETRY = { maxRetryAttemptCount: 9, maxWaitTimeInSeconds: 30 };

export async function openCosmosStore(options: OpenCosmosStoreOptions): Promise<AuditStore> {
  const client = new CosmosClient(clientOptions(options));
  try {
    const database = client.database(options.databaseId);
    if (options.createIfMissing ?? true) await createLayout(client, options);
    else await checkLayout(database, options.databaseId);
    const bulk = {
      maxResubmits: options.bulkThrottleResubmits ?? 5,
      resubmitDelayInMs: options.bulkResubmitDelayInMs ?? 1_000,
      concurrency: options.bulkConcurrency ?? 8,
    };
    // The client closes when the last of the three stores is closed (or the AuditStore is).
    let users = 3;
    let closed = false;
    const closeClient = (): void => {
      if (closed) return;
      closed = true;
      client.dispose();
    };
    const release = (): void => {
      users -= 1;
      if (users <= 0) closeClient();
    };
    const events = new CosmosEventStore(database.container(COSMOS_LAYOUT.eventsContainer), bulk, release, options.onEventWriteCharge);
    const checkpoints = new CosmosCheckpointStore(database.container(COSMOS_LAYOUT.checkpointsContainer), bulk, release);
    const investigation = new CosmosInvestigationStore(database.container(COSMOS_LAYOUT.checkpointsContainer), release);
    return { kind: 'cosmos', events, checkpoints, investigation, close: async () => closeClient() };
  } catch (error) {
    client.dispose();
    throw error;
  }
}

function clientOptions(options: OpenCosmosStoreOptions): CosmosClientOptions {
  const problems: string[] = [];
  let host = '';
  try {
    host = new URL(options.endpoint).hostname;
  } catch {
    problems.push(`endpoint "${options.endpoint}" is not a URL (expected https://ACCOUNT.documents.azure.com:443/)`);
  }
  if (typeof options.databaseId !== 'string' || options.databaseId === '') problems.push('databaseId must be a non-empty string');
  if (!Number.isInteger(options.retentionSeconds) || options.retentionSeconds < 1) {
    problems.push(`retentionSeconds must be a positive integer (seconds), got ${String(options.retentionSeconds)}`);
  }
  const { bulkConcurrency } = options;
  if (bulkConcurrency !== undefined && !(Number.isInteger(bulkConcurrency) && bulkConcurrency >= 1 && bulkConcurrency <= 64)) {
    problems.push(`bulkConcurrency must be an integer from 1 to 64, got ${String(bulkConcurrency)}`);
  }
  if (options.credential === undefined && options.key === undefined) {
    problems.push('give a credential (an Entra TokenCredential, e.g. ManagedIdentityCredential)');
  }
  if (problems.length > 0) throw new StorageError('InvalidStoreOptions', 400, `openCosmosStore: ${problems.join('; ')}.`);
  if (options.credential === undefined && !isLoopbackHost(host)) {
    throw new StorageError(
      'KeyNotAllowed',
      400,
      `openCosmosStore: an account key is only accepted for a local Cosmos-protocol server on a loopback address, ` +
        `not for "${host}". Use Entra: pass a TokenCredential (managed identity) with the Cosmos DB Built-in Data ` +
        'Contributor role; the account should have local (key) authentication disabled.',
    );
  }
  const policy = options.connectionPolicy ?? {};
  return {
    endpoint: options.endpoint,
    ...(options.credential === undefined ? { key: options.key } : { aadCredentials: options.credential }),
    ...(options.agent === undefined ? {} : { agent: options.agent }),
    userAgentSuffix: 'auditflow',
    connectionPolicy: { ...policy, retryOptions: { ...DEFAULT_RETRY, ...policy.retryOptions } },
  };
}

async function createLayout(client: CosmosClient, options: OpenCosmosStoreOptions): Promise<void> {
  const { databaseId } = options;
  try {
    await client.databases.createIfNotExists({ id: databaseId });
  } catch (error) {
    throw translateCreateError(error, `database "${databaseId}"`);
  }
  const database = client.database(databaseId);
  const containers = [
    {
      id: COSMOS_LAYOUT.eventsContainer,
      partitionKey: { paths: [COSMOS_LAYOUT.eventsPartitionKeyPath], version: PartitionKeyDefinitionVersion.V2 },
      defaultTtl: options.retentionSeconds,
      indexingPolicy: structuredClone(COSMOS_LAYOUT.eventsIndexingPolicy) as {
        indexingMode: 'consistent';
        automatic: true;
        includedPaths: { path: string }[];
        excludedPaths: { path: string }[];
      },
    },
    {
      id: COSMOS_LAYOUT.checkpointsContainer,
      partitionKey: { paths: [COSMOS_LAYOUT.checkpointsPartitionKeyPath], version: PartitionKeyDefinitionVersion.V2 },
    },
  ];
  for (const definition of containers) {
    try {
      await database.containers.createIfNotExists(definition);
    } catch (error) {
      throw translateCreateError(error, `container "${definition.id}" in database "${databaseId}"`);
    }
  }
}

async function checkLayout(database: Database, databaseId: string): Promise<void> {
  for (const id of [COSMOS_LAYOUT.eventsContainer, COSMOS_LAYOUT.checkpointsContainer]) {
    try {
      await database.container(id).read();
    } catch (error) {
      if (cosmosStatusOf(error) === 404) throw containerNotFound(`container "${id}"`, databaseId, error);
      throw translateDataError(error, `read container "${id}"`);
    }
  }
}
