// One Azure RBAC role assignment of a built-in role; the subscription id comes from the provider's
// client config so the same program works in any subscription.
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';

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
