// Storage for the Functions runtime and the Durable task hub, plus the container the Functions
// package is published to. Keys are off: the app reaches it with its identity
// (AzureWebJobsStorage__accountName) and the deployer uploads the package with Entra auth
// (azure-native >= 2.72 uploads blobs with the deployer's token, hence the data role below).
import * as pulumi from '@pulumi/pulumi';
import * as storage from '@pulumi/azure-native/storage';
import { BUILT_IN_ROLES } from '../role-ids';
import type { FunctionPackage } from '../function-package';
import { assignRole } from './role-assignment';

export interface AppStorageArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly namePrefix: string;
  readonly functionPackage: FunctionPackage;
  /** Object id of whoever runs `pulumi up` (authorization.getClientConfig().objectId). */
  readonly deployerObjectId: pulumi.Input<string>;
  readonly subscriptionId: pulumi.Input<string>;
}

export const DEPLOYMENT_CONTAINER = 'deployments';

export class AppStorage extends pulumi.ComponentResource {
  readonly account: storage.StorageAccount;
  readonly accountName: pulumi.Output<string>;
  readonly accountId: pulumi.Output<string>;
  readonly blobEndpoint: pulumi.Output<string>;
  readonly deploymentContainer: storage.BlobContainer;
  /** `https://<account>.blob.core.windows.net/deployments` (no trailing slash). */
  readonly deploymentContainerUrl: pulumi.Output<string>;
  readonly packageBlob: storage.Blob;
  /** URL of the package blob: no SAS, read with the app's identity. */
  readonly packageUrl: pulumi.Output<string>;

  constructor(name: string, args: AppStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:storage:AppStorage', name, {}, opts);
    const parent = { parent: this };

    this.account = new storage.StorageAccount(
      // Account names are 3-24 lower-case letters and digits, globally unique: azure-native
      // auto-names from this logical name plus a random suffix (prefix <= 12 + 2 + 8 fits).
      `${args.namePrefix}st`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
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
    this.blobEndpoint = this.account.primaryEndpoints.apply((e) => e.blob);

    this.deploymentContainer = new storage.BlobContainer(
      `${name}-deployments`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: this.account.name,
        containerName: DEPLOYMENT_CONTAINER,
        publicAccess: storage.PublicAccess.None,
      },
      parent,
    );
    this.deploymentContainerUrl = pulumi.interpolate`${this.blobEndpoint.apply((e) => e.replace(/\/$/, ''))}/${DEPLOYMENT_CONTAINER}`;

    // The deployer may upload to the deployment container only (not the task hub's data).
    const deployerUpload = assignRole(
      `${name}-deployer-upload`,
      {
        principalId: args.deployerObjectId,
        roleId: BUILT_IN_ROLES.storageBlobDataContributor,
        scope: this.deploymentContainer.id,
        subscriptionId: args.subscriptionId,
      },
      parent,
    );

    this.packageBlob = new storage.Blob(
      `${name}-package`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: this.account.name,
        containerName: this.deploymentContainer.name,
        blobName: args.functionPackage.blobName,
        type: storage.BlobType.Block,
        contentType: 'application/zip',
        source: new pulumi.asset.FileArchive(args.functionPackage.dir),
      },
      { parent: this, dependsOn: [deployerUpload] },
    );
    this.packageUrl = pulumi.interpolate`${this.deploymentContainerUrl}/${this.packageBlob.name}`;

    this.registerOutputs({
      accountName: this.accountName,
      blobEndpoint: this.blobEndpoint,
      deploymentContainerUrl: this.deploymentContainerUrl,
      packageUrl: this.packageUrl,
    });
  }
}
