// The Azure cloud each Microsoft 365 cloud's collector is deployed to. The per-cloud constants no
// resource reports (the Entra authority host, the token-exchange audience of a federated identity
// credential trusted from a managed identity) come from libs/config's CLOUDS, written down once.
// Every service endpoint (storage, Cosmos DB, scheduler, app host) comes from its resource instead.
import { CLOUDS, type KnownCloudName } from '@auditflow/config';

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

/** GCC runs on commercial Azure; GCC High and DoD tenants live in Azure Government (o365-api.md). */
export function azureEnvironmentFor(cloud: KnownCloudName): AzureEnvironment {
  return cloud === 'GCCHigh' || cloud === 'DoD' ? 'usgovernment' : 'public';
}

export function azureCloudFor(cloud: KnownCloudName): AzureCloud {
  return Object.freeze({ environment: azureEnvironmentFor(cloud), authorityHost: CLOUDS[cloud].authorityHost, tokenExchangeAudience: CLOUDS[cloud].tokenExchangeAudience });
}

/** The issuer of tokens of managed identities (and users) in a tenant, as a federated credential names it. */
export function entraIssuer(cloud: AzureCloud, tenantId: string): string {
  return `https://${cloud.authorityHost}/${tenantId}/v2.0`;
}
