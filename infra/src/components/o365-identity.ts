// The identity that calls the Office 365 Management Activity API, with least-privilege app roles
// granted by app-role assignment (that IS admin consent for application permissions):
// - managed-identity: the Function App's system identity; no secret exists at all.
// - app-registration: an Entra app (multi-tenant, for collecting from another tenant) with a
//   certificate credential; only the PUBLIC certificate enters Pulumi state.
// Role ids are resolved by value from the "Office 365 Management APIs" service principal of the
// deployer's directory, which is sturdier than literals (o365-api.md).
import * as pulumi from '@pulumi/pulumi';
import * as azuread from '@pulumi/azuread';
import { CLOUDS, type KnownCloudName } from '@auditflow/config';
import { O365_MANAGEMENT_APP_ID, appRoleValuesFor } from '../role-ids';

export class O365IdentityError extends Error {
  readonly code = 'O365AppRoleNotFound';
  readonly statusCode = 500;
  constructor(message: string) {
    super(message);
    this.name = 'O365IdentityError';
  }
}

interface CommonArgs {
  readonly contentTypes: readonly string[];
}
export interface ManagedIdentityArgs extends CommonArgs {
  readonly mode: 'managed-identity';
  /** Object id of the Function App's system-assigned identity. */
  readonly principalId: pulumi.Input<string>;
}
export interface AppRegistrationArgs extends CommonArgs {
  readonly mode: 'app-registration';
  readonly displayName: string;
  /** Public certificate, PEM. */
  readonly clientCertificate: string;
  /** The tenant collected from: where an admin must consent (the consent URL output). */
  readonly tenantId: string;
  readonly cloud: KnownCloudName;
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
  readonly assignments: azuread.AppRoleAssignment[];

  constructor(name: string, args: O365IdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:identity:O365Identity', name, {}, opts);
    const parent = { parent: this };

    const o365 = azuread.getServicePrincipalOutput({ clientId: O365_MANAGEMENT_APP_ID }, parent);
    this.roleValues = Object.freeze(appRoleValuesFor(args.contentTypes));
    const roleIds = o365.appRoleIds.apply((ids) => resolveAppRoleIds(ids, this.roleValues));

    if (args.mode === 'app-registration') {
      const application = new azuread.Application(
        `${name}-app`,
        {
          displayName: args.displayName,
          // Multi-tenant: the point of this mode is collecting from another tenant.
          signInAudience: 'AzureADMultipleOrgs',
          // Listed so the other tenant's admin consent shows (and grants) exactly these roles.
          requiredResourceAccesses: [
            {
              resourceAppId: O365_MANAGEMENT_APP_ID,
              resourceAccesses: roleIds.apply((ids) => ids.map((id) => ({ id, type: 'Role' }))),
            },
          ],
        },
        parent,
      );
      new azuread.ApplicationCertificate(
        `${name}-certificate`,
        { applicationId: application.id, type: 'AsymmetricX509Cert', encoding: 'pem', value: args.clientCertificate },
        parent,
      );
      const servicePrincipal = new azuread.ServicePrincipal(`${name}-sp`, { clientId: application.clientId }, parent);
      this.principalId = servicePrincipal.objectId;
      this.clientId = application.clientId;
      this.adminConsentUrl = pulumi.interpolate`https://${CLOUDS[args.cloud].authorityHost}/${args.tenantId}/adminconsent?client_id=${application.clientId}`;
    } else {
      this.principalId = pulumi.output(args.principalId);
      this.clientId = undefined;
      this.adminConsentUrl = undefined;
    }

    this.assignments = this.roleValues.map(
      (value, i) =>
        new azuread.AppRoleAssignment(
          `${name}-${value.replace(/\./g, '-').toLowerCase()}`,
          { appRoleId: roleIds.apply((ids) => ids[i] as string), principalObjectId: this.principalId, resourceObjectId: o365.objectId },
          parent,
        ),
    );

    this.registerOutputs({ principalId: this.principalId, clientId: this.clientId, adminConsentUrl: this.adminConsentUrl });
  }
}
