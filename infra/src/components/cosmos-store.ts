// Cosmos DB (NoSQL API) holding the events and checkpoints. The layout (container names,
// partition key path, indexing policy, TTL rule) comes from @auditflow/config's COSMOS_LAYOUT, the
// same constants libs/storage reads and writes with, so they cannot drift apart.
import * as pulumi from '@pulumi/pulumi';
import * as cosmosdb from '@pulumi/azure-native/cosmosdb';
import { COSMOS_LAYOUT, retentionSeconds } from '@auditflow/config';
import type { ThroughputMode } from '../stack-config';
import { placedIn, type Placement } from './placement';

export interface CosmosStoreArgs extends Placement {
  readonly databaseName: string;
  readonly retentionDays: number;
  readonly throughputMode: ThroughputMode;
  /** Database RU/s, shared by the containers; only with provisioned throughput. */
  readonly throughput: number | undefined;
}

export class CosmosStore extends pulumi.ComponentResource {
  readonly account: cosmosdb.DatabaseAccount;
  readonly database: cosmosdb.SqlResourceSqlDatabase;
  readonly eventsContainer: cosmosdb.SqlResourceSqlContainer;
  readonly checkpointsContainer: cosmosdb.SqlResourceSqlContainer;
  /** `https://<account>.documents.azure.com:443/`. */
  readonly endpoint: pulumi.Output<string>;
  readonly databaseName: string;

  constructor(name: string, args: CosmosStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:cosmos:CosmosStore', name, {}, opts);
    const parent = { parent: this };
    this.databaseName = args.databaseName;

    this.account = new cosmosdb.DatabaseAccount(
      `${args.namePrefix}-cosmos`,
      {
        ...placedIn(args),
        kind: cosmosdb.DatabaseAccountKind.GlobalDocumentDB,
        databaseAccountOfferType: cosmosdb.DatabaseAccountOfferType.Standard,
        locations: [{ locationName: args.location, failoverPriority: 0, isZoneRedundant: false }],
        consistencyPolicy: { defaultConsistencyLevel: cosmosdb.DefaultConsistencyLevel.Session },
        capabilities: args.throughputMode === 'serverless' ? [{ name: 'EnableServerless' }] : [],
        // Entra only: no account keys, no key-based control-plane writes.
        disableLocalAuth: true,
        disableKeyBasedMetadataWriteAccess: true,
        minimalTlsVersion: cosmosdb.MinimalTlsVersion.Tls12,
      },
      parent,
    );
    this.endpoint = this.account.documentEndpoint;

    this.database = new cosmosdb.SqlResourceSqlDatabase(
      `${name}-database`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: this.account.name,
        databaseName: args.databaseName,
        resource: { id: args.databaseName },
        ...(args.throughputMode === 'provisioned' && args.throughput !== undefined ? { options: { throughput: args.throughput } } : {}),
      },
      parent,
    );

    this.eventsContainer = new cosmosdb.SqlResourceSqlContainer(
      `${name}-events`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: this.account.name,
        databaseName: this.database.name,
        containerName: COSMOS_LAYOUT.eventsContainer,
        resource: {
          id: COSMOS_LAYOUT.eventsContainer,
          partitionKey: { paths: [COSMOS_LAYOUT.eventsPartitionKeyPath], kind: cosmosdb.PartitionKind.Hash, version: 2 },
          indexingPolicy: {
            indexingMode: COSMOS_LAYOUT.eventsIndexingPolicy.indexingMode,
            automatic: COSMOS_LAYOUT.eventsIndexingPolicy.automatic,
            includedPaths: COSMOS_LAYOUT.eventsIndexingPolicy.includedPaths.map((p) => ({ path: p.path })),
            excludedPaths: COSMOS_LAYOUT.eventsIndexingPolicy.excludedPaths.map((p) => ({ path: p.path })),
          },
          defaultTtl: retentionSeconds(args.retentionDays),
        },
      },
      parent,
    );

    this.checkpointsContainer = new cosmosdb.SqlResourceSqlContainer(
      `${name}-checkpoints`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: this.account.name,
        databaseName: this.database.name,
        containerName: COSMOS_LAYOUT.checkpointsContainer,
        resource: {
          id: COSMOS_LAYOUT.checkpointsContainer,
          partitionKey: { paths: [COSMOS_LAYOUT.checkpointsPartitionKeyPath], kind: cosmosdb.PartitionKind.Hash, version: 2 },
        },
      },
      parent,
    );

    this.registerOutputs({ endpoint: this.endpoint, databaseName: this.databaseName });
  }
}
