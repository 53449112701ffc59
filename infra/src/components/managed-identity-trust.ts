// A federated identity credential on an app registration whose subject is the app's managed
// identity: the app signs in AS the registration with a client assertion that is the identity's
// token for the token-exchange audience. No secret or certificate exists to leak, expire or deliver
// (Learn: "Configure an application to trust a managed identity", which also fixes the issuer
// `https://<authority>/<tenant>/v2.0`, the subject = the identity's object id, and the audience per cloud).
import * as pulumi from '@pulumi/pulumi';
import * as azuread from '@pulumi/azuread';
import { entraIssuer, type AzureCloud } from '../azure-clouds';

export interface ManagedIdentityTrustArgs {
  /** `azuread.Application.id` of the registration that trusts the identity. */
  readonly applicationId: pulumi.Input<string>;
  readonly identity: { readonly principalId: pulumi.Input<string>; readonly tenantId: pulumi.Input<string> };
  readonly azureCloud: AzureCloud;
  readonly description: string;
}

export function trustManagedIdentity(
  name: string,
  args: ManagedIdentityTrustArgs,
  opts: pulumi.CustomResourceOptions,
): azuread.ApplicationFederatedIdentityCredential {
  return new azuread.ApplicationFederatedIdentityCredential(
    name,
    {
      applicationId: args.applicationId,
      displayName: 'auditflow-app-identity',
      description: args.description,
      issuer: pulumi.output(args.identity.tenantId).apply((tenantId) => entraIssuer(args.azureCloud, tenantId)),
      subject: args.identity.principalId,
      audiences: [args.azureCloud.tokenExchangeAudience],
    },
    opts,
  );
}
