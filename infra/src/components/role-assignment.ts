// Role assignments of the app's identity: Azure RBAC built-in roles (storage data, monitoring) and
// the Cosmos DB data-plane role. Role definition ids are full ids built from the subscription the
// provider runs in, so the same program works in any subscription.
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import * as cosmosdb from '@pulumi/azure-native/cosmosdb';
import { COSMOS_DATA_CONTRIBUTOR_ROLE } from '../role-ids';

export interface RoleGrant {
  readonly principalId: pulumi.Input<string>;
  /** 'ServicePrincipal' for managed identities (skips a directory lookup that can race replication). */
  readonly principalType?: 'ServicePrincipal' | 'User';
  readonly roleId: string;
  readonly scope: pulumi.Input<string>;
  readonly subscriptionId: pulumi.Input<string>;
}

export function roleDefinitionId(subscriptionId: pulumi.Input<string>, roleId: string): pulumi.Output<string> {
  return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}

export function assignRole(name: string, grant: RoleGrant, opts: pulumi.CustomResourceOptions): authorization.RoleAssignment {
  return new authorization.RoleAssignment(
    name,
    {
      principalId: grant.principalId,
      ...(grant.principalType ? { principalType: grant.principalType } : {}),
      roleDefinitionId: roleDefinitionId(grant.subscriptionId, grant.roleId),
      scope: grant.scope,
    },
    opts,
  );
}

export interface CosmosDataGrant {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly accountName: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  readonly databaseName: pulumi.Input<string>;
}

export interface AppRoleAssignmentsArgs {
  /** The app's system-assigned identity (object id). */
  readonly principalId: pulumi.Input<string>;
  readonly subscriptionId: pulumi.Input<string>;
  /** Azure RBAC built-in roles: logical name suffix -> role id and scope. */
  readonly rbac: readonly { readonly name: string; readonly roleId: string; readonly scope: pulumi.Input<string> }[];
  /** "Cosmos DB Built-in Data Contributor" on this database only. */
  readonly cosmos: CosmosDataGrant;
  /** Resources that must exist first (e.g. the Cosmos containers). */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class AppRoleAssignments extends pulumi.ComponentResource {
  readonly rbac: authorization.RoleAssignment[];
  readonly cosmos: cosmosdb.SqlResourceSqlRoleAssignment;

  constructor(name: string, args: AppRoleAssignmentsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:access:AppRoleAssignments', name, {}, opts);
    this.rbac = args.rbac.map((grant) =>
      assignRole(
        `${name}-${grant.name}`,
        { principalId: args.principalId, principalType: 'ServicePrincipal', roleId: grant.roleId, scope: grant.scope, subscriptionId: args.subscriptionId },
        { parent: this },
      ),
    );
    // Data plane only: the containers exist (infra made them), the app never needs control-plane rights.
    this.cosmos = new cosmosdb.SqlResourceSqlRoleAssignment(
      `${name}-cosmos-data`,
      {
        resourceGroupName: args.cosmos.resourceGroupName,
        accountName: args.cosmos.accountName,
        principalId: args.principalId,
        roleDefinitionId: pulumi.interpolate`${args.cosmos.accountId}/sqlRoleDefinitions/${COSMOS_DATA_CONTRIBUTOR_ROLE}`,
        scope: pulumi.interpolate`${args.cosmos.accountId}/dbs/${args.cosmos.databaseName}`,
      },
      { parent: this, ...(args.dependsOn ? { dependsOn: args.dependsOn } : {}) },
    );
    this.registerOutputs({ rbacIds: this.rbac.map((r) => r.id), cosmosId: this.cosmos.id });
  }
}
