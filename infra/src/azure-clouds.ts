// The Azure cloud each Microsoft 365 cloud's collector runs in, and the few per-cloud constants
// that no resource reports: the Entra authority host and the token-exchange audience of a
// federated identity credential trusted from a managed identity (Learn: "Configure an application
// to trust a managed identity", workload-identity-federation-config-app-trust-managed-identity).
// Every service endpoint (storage, Cosmos DB, scheduler, app host) comes from its resource instead.
import type { KnownCloudName } from '@auditflow/config';

/** `azure-native:environment` / `azuread:environment` values (unset = public). */
export const AZURE_ENVIRONMENTS = ['public', 'usgovernment'] as const;
export type AzureEnvironment = (typeof AZURE_ENVIRONMENTS)[number];

export interface AzureCloud {
  readonly environment: AzureEnvironment;
  /** Entra authority host (no scheme). */
  readonly authorityHost: string;
  /** `audiences` of a federated identity credential whose subject is a managed identity. */
  readonly tokenExchangeAudience: string;
}

export const AZURE_CLOUDS: Readonly<Record<AzureEnvironment, AzureCloud>> = Object.freeze({
  public: Object.freeze({ environment: 'public', authorityHost: 'login.microsoftonline.com', tokenExchangeAudience: 'api://AzureADTokenExchange' }),
  usgovernment: Object.freeze({
    environment: 'usgovernment',
    authorityHost: 'login.microsoftonline.us',
    tokenExchangeAudience: 'api://AzureADTokenExchangeUSGov',
  }),
});

/** GCC runs on commercial Azure; GCC High and DoD tenants live in Azure Government (o365-api.md). */
export function azureEnvironmentFor(cloud: KnownCloudName): AzureEnvironment {
  return cloud === 'GCCHigh' || cloud === 'DoD' ? 'usgovernment' : 'public';
}

/** The issuer of tokens of managed identities (and users) in a tenant, as a federated credential names it. */
export function entraIssuer(cloud: AzureCloud, tenantId: string): string {
  return `https://${cloud.authorityHost}/${tenantId}/v2.0`;
}
