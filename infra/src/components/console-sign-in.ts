// Entra sign-in for the console (C8, issue 12): an app registration with the `Investigator` app
// role, App Service Authentication (authSettingsV2) requiring sign-in everywhere except the paths
// scripts call with keys, and no client secret: Easy Auth redeems its authorization codes with a
// client assertion from the app's managed identity when the secret setting is named
// OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID (Learn: configure-authentication-provider-aad, "Use a
// managed identity instead of a secret"), which the registration trusts by a federated credential.
// The console itself checks the role from x-ms-client-principal; Entra only admits assigned users
// (appRoleAssignmentRequired), so an unassigned user is refused at sign-in already.
import * as pulumi from '@pulumi/pulumi';
import * as azuread from '@pulumi/azuread';
import * as web from '@pulumi/azure-native/web';
import { entraIssuer, type AzureCloud } from '../azure-clouds';
import { trustManagedIdentity } from './managed-identity-trust';

export const INVESTIGATOR_ROLE = 'Investigator';
/** The role's id within this registration (ids are unique per application, so a constant is right). */
export const INVESTIGATOR_ROLE_ID = '5b1f3c2e-6a4d-4f0e-9c7b-2d8e1a9f4c61';
/** The app setting Easy Auth reads in place of a client secret: it holds the managed identity's client id. */
export const MI_ASSERTION_SETTING = 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID';
/** Called by scripts with function, system or master keys: Easy Auth lets them through to the host's own key check. */
export const KEY_AUTH_PATHS = ['/api/*', '/runtime/webhooks/*', '/admin/*'] as const;

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const GRAPH_USER_READ = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';

export interface ConsoleSignInArgs {
  readonly displayName: string;
  readonly azureCloud: AzureCloud;
  /** Directory of the sign-in (the subscription's tenant, where the registration lives). */
  readonly tenantId: pulumi.Input<string>;
  readonly ownerObjectId: pulumi.Input<string>;
  readonly identity: { readonly principalId: pulumi.Input<string>; readonly tenantId: pulumi.Input<string> };
  /** Object ids of users or groups given the Investigator role. */
  readonly investigators: readonly string[];
}

export class ConsoleSignIn extends pulumi.ComponentResource {
  readonly application: azuread.Application;
  readonly clientId: pulumi.Output<string>;
  /** The federated credential and role assignments: the app waits for them. */
  readonly grants: pulumi.Resource[];
  private readonly baseName: string;

  constructor(name: string, args: ConsoleSignInArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:console:ConsoleSignIn', name, {}, opts);
    const parent = { parent: this };
    this.baseName = name;

    this.application = new azuread.Application(
      `${name}-app`,
      {
        displayName: args.displayName,
        signInAudience: 'AzureADMyOrg',
        owners: [args.ownerObjectId],
        appRoles: [
          {
            id: INVESTIGATOR_ROLE_ID,
            value: INVESTIGATOR_ROLE,
            displayName: 'Investigator',
            description: 'Reads collected audit events, graphs and findings in the auditflow console, and starts reruns',
            allowedMemberTypes: ['User'],
            enabled: true,
          },
        ],
        // Sign-in reads the user's profile (openid, profile); User.Read is what the portal asks for.
        requiredResourceAccesses: [{ resourceAppId: GRAPH_APP_ID, resourceAccesses: [{ id: GRAPH_USER_READ, type: 'Scope' }] }],
      },
      parent,
    );
    this.clientId = this.application.clientId;
    const trust = trustManagedIdentity(
      `${name}-trusts-app-identity`,
      { applicationId: this.application.id, identity: args.identity, azureCloud: args.azureCloud, description: 'App Service Authentication of the auditflow console redeems codes with the app\'s managed identity' },
      parent,
    );
    const servicePrincipal = new azuread.ServicePrincipal(
      `${name}-sp`,
      { clientId: this.application.clientId, owners: [args.ownerObjectId], appRoleAssignmentRequired: true },
      parent,
    );
    const assignments = args.investigators.map(
      (objectId, i) =>
        new azuread.AppRoleAssignment(`${name}-investigator-${i}`, { appRoleId: INVESTIGATOR_ROLE_ID, principalObjectId: objectId, resourceObjectId: servicePrincipal.objectId }, parent),
    );
    this.grants = [trust, servicePrincipal, ...assignments];
    this.registerOutputs({ clientId: this.clientId });
  }

  /** Once the app exists: its callback URL on the registration, and Easy Auth on the app. */
  attach(app: { resourceGroupName: pulumi.Input<string>; name: pulumi.Input<string>; defaultHostName: pulumi.Input<string>; resource: pulumi.Resource }, tenantId: pulumi.Input<string>, azureCloud: AzureCloud): web.WebAppAuthSettingsV2 {
    new azuread.ApplicationRedirectUris(
      `${this.baseName}-redirect`,
      { applicationId: this.application.id, type: 'Web', redirectUris: [pulumi.interpolate`https://${app.defaultHostName}/.auth/login/aad/callback`] },
      { parent: this },
    );
    return new web.WebAppAuthSettingsV2(
      `${this.baseName}-auth`,
      {
        resourceGroupName: app.resourceGroupName,
        name: app.name,
        platform: { enabled: true },
        globalValidation: {
          requireAuthentication: true,
          unauthenticatedClientAction: web.UnauthenticatedClientActionV2.RedirectToLoginPage,
          redirectToProvider: 'azureactivedirectory',
          excludedPaths: [...KEY_AUTH_PATHS],
        },
        httpSettings: { requireHttps: true },
        identityProviders: {
          azureActiveDirectory: {
            enabled: true,
            registration: {
              openIdIssuer: pulumi.output(tenantId).apply((t) => entraIssuer(azureCloud, t)),
              clientId: this.clientId,
              clientSecretSettingName: MI_ASSERTION_SETTING,
            },
            validation: { allowedAudiences: [this.clientId, pulumi.interpolate`api://${this.clientId}`] },
          },
        },
        // No token store: the console needs only the signed-in principal, which the session cookie carries.
        login: { tokenStore: { enabled: false } },
      },
      { parent: this, dependsOn: [app.resource] },
    );
  }
}
