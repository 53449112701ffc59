// The app's one identity: a user-assigned managed identity, created FIRST so that every grant it
// needs (Office 365 app roles, storage, Cosmos DB, the scheduler) exists before the Function App
// does. A system-assigned identity cannot do that: it is born with the app, which then starts (and
// caches a Management API token for up to ~24 h) before its roles land (Learn: managed identity
// best practices, "Limitation of using managed identities for authorization").
import * as pulumi from '@pulumi/pulumi';
import * as managedidentity from '@pulumi/azure-native/managedidentity';

export interface AppIdentityArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly namePrefix: string;
}

export class AppIdentity extends pulumi.ComponentResource {
  readonly identity: managedidentity.UserAssignedIdentity;
  /** ARM resource id (WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID, Flex deployment storage). */
  readonly id: pulumi.Output<string>;
  /** Client id: what the app's settings name (`__clientId`, ClientID=, AZURE_CLIENT_ID). */
  readonly clientId: pulumi.Output<string>;
  /** Object id of its service principal: what role assignments and federated credentials name. */
  readonly principalId: pulumi.Output<string>;
  /** Directory the identity lives in (the subscription's tenant). */
  readonly tenantId: pulumi.Output<string>;

  constructor(name: string, args: AppIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:identity:AppIdentity', name, {}, opts);
    this.identity = new managedidentity.UserAssignedIdentity(
      `${args.namePrefix}-id`,
      { resourceGroupName: args.resourceGroupName, location: args.location },
      { parent: this },
    );
    this.id = this.identity.id;
    this.clientId = this.identity.clientId;
    this.principalId = this.identity.principalId;
    this.tenantId = this.identity.tenantId;
    this.registerOutputs({ id: this.id, clientId: this.clientId, principalId: this.principalId });
  }
}
