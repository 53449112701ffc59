// The app's one identity: a user-assigned managed identity, created FIRST so that every grant it
// needs (Office 365 app roles, storage, Cosmos DB, the scheduler) exists before the Function App
// does. A system-assigned identity cannot do that: it is born with the app, which then starts (and
// caches a Management API token for up to ~24 h) before its roles land (Learn: managed identity
// best practices, "Limitation of using managed identities for authorization").
import * as pulumi from '@pulumi/pulumi';
import * as managedidentity from '@pulumi/azure-native/managedidentity';
import { placedIn, type Placement } from './placement';

export type AppIdentityArgs = Placement;

export class AppIdentity extends pulumi.ComponentResource {
  /**
   * What the rest of the stack names: `id` (ARM resource id: WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID,
   * Flex deployment storage), `clientId` (the app's settings: `__clientId`, ClientID=, AZURE_CLIENT_ID),
   * `principalId` (its service principal: role assignments, federated credentials) and `tenantId`
   * (the subscription's directory).
   */
  readonly identity: managedidentity.UserAssignedIdentity;

  constructor(name: string, args: AppIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:identity:AppIdentity', name, {}, opts);
    this.identity = new managedidentity.UserAssignedIdentity(`${args.namePrefix}-id`, placedIn(args), { parent: this });
    this.registerOutputs({ id: this.identity.id, clientId: this.identity.clientId, principalId: this.identity.principalId });
  }
}
