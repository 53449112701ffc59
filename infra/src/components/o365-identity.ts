// The identity that calls the Office 365 Management Activity API, with least-privilege app roles
// granted by app-role assignment (that IS admin consent for application permissions):
// - managed-identity: the app's user-assigned identity; no secret exists at all.
// - app-registration: a multi-tenant Entra app (for collecting from another tenant) whose only
//   credential is a federated one trusted from that same identity (components/managed-identity-trust.ts).
// The stack owns what it creates (`owners` = the deployer), so a CI principal holding only
// Application.ReadWrite.OwnedBy can update and delete it later.
// Role ids are resolved by value from the "Office 365 Management APIs" service principal of the
// deployer's directory, which is sturdier than literals (o365-api.md).
import * as pulumi from '@pulumi/pulumi';
import * as azuread from '@pulumi/azuread';
import { CLOUDS, type KnownCloudName } from '@auditflow/config';
import type { AzureCloud } from '../azure-clouds';
import { O365_MANAGEMENT_APP_ID, appRoleValuesFor } from '../role-ids';
import { trustManagedIdentity } from './managed-identity-trust';

export class O365IdentityError extends Error {
  readonly code = 'O365AppRoleNotFound';
  readonly statusCode = 500;
  constructor(message: string) {
    super(message);
    this.name = 'O365IdentityError';
  }
}

/** The app's user-assigned identity, as the roles and the federated credential name it. */
export interface IdentityRef {
  readonly principalId: pulumi.Input<string>;
  readonly tenantId: pulumi.Input<string>;
}

interface CommonArgs {
  readonly contentTypes: readonly string[];
  readonly identity: IdentityRef;
}
export interface ManagedIdentityArgs extends CommonArgs {
  readonly mode: 'managed-identity';
}
export interface AppRegistrationArgs extends CommonArgs {
  readonly mode: 'app-registration';
  readonly displayName: string;
  /** The tenant collected from: where an admin must consent (the consent URL output). */
  readonly tenantId: string;
  readonly cloud: KnownCloudName;
  readonly azureCloud: AzureCloud;
  /** Object id of the deployer: owner of the registration and its service principal. */
  readonly ownerObjectId: pulumi.Input<string>;
}
export type O365IdentityArgs = ManagedIdentityArgs | AppRegistrationArgs;

/** Picks the role ids for the given values out of the service principal's `appRoleIds`; throws when one is missing. */
export function resolveAppRoleIds(appRoleIds: Readonly<Record<string, string>>, values: readonly string[]): string[] {
  return values.map((value) => {
    const id = appRoleIds[value];
    if (!id) {
      throw new O365IdentityError(
        `the "Office 365 Management APIs" service principal (${O365_MANAGEMENT_APP_ID}) has no app role ${value}: check the directory, or create the service principal with \`az ad sp create --id ${O365_MANAGEMENT_APP_ID}\``,
      );
    }
    return id;
  });
}

export class O365Identity extends pulumi.ComponentResource {
  /** Object id of the service principal that holds the app roles. */
  readonly principalId: pulumi.Output<string>;
  /** Client id (app id) for AUDITFLOW_CLIENT_ID; only in app-registration mode. */
  readonly clientId: pulumi.Output<string> | undefined;
  /** Where the other tenant's admin consents; only in app-registration mode. */
  readonly adminConsentUrl: pulumi.Output<string> | undefined;
  /** The app role values granted, in order (ActivityFeed.Read[, ActivityFeed.ReadDlp]). */
  readonly roleValues: readonly string[];
  /** The app-role assignments and, in app-registration mode, the federated credential: the app waits for all. */
  readonly grants: pulumi.Resource[];

  constructor(name: string, args: O365IdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:identity:O365Identity', name, {}, opts);
    const parent = { parent: this };

    const o365 = azuread.getServicePrincipalOutput({ clientId: O365_MANAGEMENT_APP_ID }, parent);
    this.roleValues = Object.freeze(appRoleValuesFor(args.contentTypes));
    const roleIds = o365.appRoleIds.apply((ids) => resolveAppRoleIds(ids, this.roleValues));
    const grants: pulumi.Resource[] = [];

    if (args.mode === 'app-registration') {
      const application = new azuread.Application(
        `${name}-app`,
        {
          displayName: args.displayName,
          // Multi-tenant: the point of this mode is collecting from another tenant.
          signInAudience: 'AzureADMultipleOrgs',
          owners: [args.ownerObjectId],
          // Listed so the other tenant's admin consent shows (and grants) exactly these roles.
          requiredResourceAccesses: [
            { resourceAppId: O365_MANAGEMENT_APP_ID, resourceAccesses: roleIds.apply((ids) => ids.map((id) => ({ id, type: 'Role' }))) },
          ],
        },
        parent,
      );
      grants.push(
        trustManagedIdentity(
          `${name}-trusts-app-identity`,
          { applicationId: application.id, identity: args.identity, azureCloud: args.azureCloud, description: 'the auditflow Function App signs in as this registration with its managed identity' },
          parent,
        ),
      );
      const servicePrincipal = new azuread.ServicePrincipal(`${name}-sp`, { clientId: application.clientId, owners: [args.ownerObjectId] }, parent);
      this.principalId = servicePrincipal.objectId;
      this.clientId = application.clientId;
      this.adminConsentUrl = pulumi.interpolate`https://${CLOUDS[args.cloud].authorityHost}/${args.tenantId}/adminconsent?client_id=${application.clientId}`;
    } else {
      this.principalId = pulumi.output(args.identity.principalId);
      this.clientId = undefined;
      this.adminConsentUrl = undefined;
    }

    for (const [i, value] of this.roleValues.entries()) {
      grants.push(
        new azuread.AppRoleAssignment(
          `${name}-${value.replace(/\./g, '-').toLowerCase()}`,
          { appRoleId: roleIds.apply((ids) => ids[i] as string), principalObjectId: this.principalId, resourceObjectId: o365.objectId },
          parent,
        ),
      );
    }
    this.grants = grants;
    this.registerOutputs({ principalId: this.principalId, clientId: this.clientId, adminConsentUrl: this.adminConsentUrl });
  }
}
