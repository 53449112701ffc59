// Storage for the Functions host (leases, timers; the Durable task hub with the Azure Storage
// backend) and the container the Functions package is published to. Keys are off: the app reaches
// it with its user-assigned identity, and the package is uploaded with the deployer's Entra login by
// a command (components/package-publish.ts). NOT with `storage.Blob`: azure-native signs that
// resource's data-plane requests with the account key (pulumi-azure-native issue #2015 is open;
// the Entra upload of 2.72.0 was reverted by PR #3719), which an account with shared keys off
// answers with 403 KeyBasedAuthenticationNotPermitted, on create and on destroy alike.
import * as pulumi from '@pulumi/pulumi';
import * as storage from '@pulumi/azure-native/storage';
import { BUILT_IN_ROLES } from '../role-ids';
import { assignRole } from './role-assignment';
import { placedIn, type Placement } from './placement';

export interface AppStorageArgs extends Placement {
  /** Object id of whoever runs `pulumi up` (authorization.getClientConfig().objectId). */
  readonly deployerObjectId: pulumi.Input<string>;
  readonly subscriptionId: pulumi.Input<string>;
  /** Azure Storage backend: the task hub's name, so its large-messages container exists for an operator's read role. */
  readonly taskHubName?: string;
}

export const DEPLOYMENT_CONTAINER = 'deployments';

/** The account's service endpoints as the account reports them (every cloud has its own suffix). */
export interface StorageEndpoints {
  readonly blob: string;
  readonly queue: string;
  readonly table: string;
}

export class AppStorage extends pulumi.ComponentResource {
  readonly account: storage.StorageAccount;
  readonly accountName: pulumi.Output<string>;
  readonly accountId: pulumi.Output<string>;
  readonly endpoints: pulumi.Output<StorageEndpoints>;
  readonly deploymentContainer: storage.BlobContainer;
  /** `<blob endpoint>deployments` (no trailing slash). */
  readonly deploymentContainerUrl: pulumi.Output<string>;
  /** The deployer's upload role on the deployment container: the upload waits for it. */
  readonly deployerUpload: pulumi.Resource;
  /** Azure Storage backend: `<hub>-largemessages`, made here so an operator's read role has a scope. */
  readonly largeMessagesContainer: storage.BlobContainer | undefined;

  constructor(name: string, args: AppStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:storage:AppStorage', name, {}, opts);
    const parent = { parent: this };

    this.account = new storage.StorageAccount(
      // Account names are 3-24 lower-case letters and digits, globally unique: azure-native
      // auto-names from this logical name plus a random suffix (prefix <= 12 + 2 + 8 fits).
      `${args.namePrefix}st`,
      {
        ...placedIn(args),
        kind: storage.Kind.StorageV2,
        sku: { name: storage.SkuName.Standard_LRS },
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: storage.MinimumTlsVersion.TLS1_2,
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        allowCrossTenantReplication: false,
      },
      parent,
    );
    this.accountName = this.account.name;
    this.accountId = this.account.id;
    this.endpoints = this.account.primaryEndpoints.apply((e) => {
      if (!e.blob || !e.queue || !e.table) throw new Error(`storage account reports no blob/queue/table endpoint (${JSON.stringify(e)})`);
      return { blob: e.blob, queue: e.queue, table: e.table };
    });

    this.deploymentContainer = new storage.BlobContainer(
      `${name}-deployments`,
      { resourceGroupName: args.resourceGroupName, accountName: this.account.name, containerName: DEPLOYMENT_CONTAINER, publicAccess: storage.PublicAccess.None },
      parent,
    );
    this.deploymentContainerUrl = pulumi.interpolate`${this.endpoints.apply((e) => e.blob.replace(/\/$/, ''))}/${DEPLOYMENT_CONTAINER}`;

    this.largeMessagesContainer = args.taskHubName
      ? new storage.BlobContainer(
          `${name}-largemessages`,
          {
            resourceGroupName: args.resourceGroupName,
            accountName: this.account.name,
            // The Azure Storage provider's name for payloads too large for a queue message or table entity.
            containerName: `${args.taskHubName.toLowerCase()}-largemessages`,
            publicAccess: storage.PublicAccess.None,
          },
          parent,
        )
      : undefined;

    // The deployer may upload to the deployment container only (not the task hub's data).
    this.deployerUpload = assignRole(
      `${name}-deployer-upload`,
      { principalId: args.deployerObjectId, roleId: BUILT_IN_ROLES.storageBlobDataContributor, scope: this.deploymentContainer.id, subscriptionId: args.subscriptionId },
      parent,
    );

    this.registerOutputs({ accountName: this.accountName, endpoints: this.endpoints, deploymentContainerUrl: this.deploymentContainerUrl });
  }
}
