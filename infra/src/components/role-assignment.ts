// Role assignments: Azure RBAC built-in roles (storage data, monitoring, Durable Task data) and the
// Cosmos DB data-plane role. Role definition ids are full ids built from the subscription the
// provider runs in, so the same program works in any subscription and cloud.
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import * as cosmosdb from '@pulumi/azure-native/cosmosdb';
import { COSMOS_DATA_CONTRIBUTOR_ROLE } from '../role-ids';

export interface RoleGrant {
  readonly principalId: pulumi.Input<string>;
  /**
   * 'ServicePrincipal' for managed identities: ARM then skips a directory lookup that can miss a
   * principal created seconds ago. Unset for operators, who may be users or groups.
   */
  readonly principalType?: 'ServicePrincipal' | 'User' | 'Group';
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

export interface NamedGrant {
  /** Logical name suffix. */
  readonly name: string;
  readonly principalId: pulumi.Input<string>;
  readonly principalType?: RoleGrant['principalType'];
  readonly roleId: string;
  readonly scope: pulumi.Input<string>;
}

export interface AccessGrantsArgs {
  readonly subscriptionId: pulumi.Input<string>;
  readonly rbac: readonly NamedGrant[];
  /** "Cosmos DB Built-in Data Contributor" on this database only, for this principal. */
  readonly cosmos?: CosmosDataGrant & { readonly principalId: pulumi.Input<string> };
  /** Resources that must exist first (e.g. the Cosmos containers). */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class AccessGrants extends pulumi.ComponentResource {
  readonly rbac: authorization.RoleAssignment[];
  readonly cosmos: cosmosdb.SqlResourceSqlRoleAssignment | undefined;
  /** Every assignment, for `dependsOn` of what must not start before them. */
  readonly all: pulumi.Resource[];

  constructor(name: string, args: AccessGrantsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:access:AccessGrants', name, {}, opts);
    const child = { parent: this, ...(args.dependsOn ? { dependsOn: args.dependsOn } : {}) };
    this.rbac = args.rbac.map((grant) =>
      assignRole(
        `${name}-${grant.name}`,
        { principalId: grant.principalId, ...(grant.principalType ? { principalType: grant.principalType } : {}), roleId: grant.roleId, scope: grant.scope, subscriptionId: args.subscriptionId },
        child,
      ),
    );
    // Data plane only: the containers exist (infra made them), the app never needs control-plane rights.
    this.cosmos = args.cosmos
      ? new cosmosdb.SqlResourceSqlRoleAssignment(
          `${name}-cosmos-data`,
          {
            resourceGroupName: args.cosmos.resourceGroupName,
            accountName: args.cosmos.accountName,
            principalId: args.cosmos.principalId,
            roleDefinitionId: pulumi.interpolate`${args.cosmos.accountId}/sqlRoleDefinitions/${COSMOS_DATA_CONTRIBUTOR_ROLE}`,
            scope: pulumi.interpolate`${args.cosmos.accountId}/dbs/${args.cosmos.databaseName}`,
          },
          child,
        )
      : undefined;
    this.all = [...this.rbac, ...(this.cosmos ? [this.cosmos] : [])];
    this.registerOutputs({ rbacIds: this.rbac.map((r) => r.id) });
  }
}
