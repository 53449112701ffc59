// The Function App's app settings, as plain functions (testable without Pulumi). auditflow's own
// settings are written by libs/config's settingsToEnv (names from its SETTINGS table) and then read
// back with loadConfig, so the stack never deploys a value the app would refuse at start. No
// setting carries a key: storage and Cosmos DB are reached with the app's identity.
import { loadConfig, settingsToEnv, type AuditflowConfig } from '@auditflow/config';
import type { PlanKind, StackConfig } from './stack-config';

export interface AuditflowSettingsInput {
  readonly cosmosEndpoint: string;
  /** App registration client id; only in app-registration mode. */
  readonly clientId?: string;
}

export function auditflowAppSettings(config: StackConfig, input: AuditflowSettingsInput): Record<string, string> {
  const values: Partial<AuditflowConfig> = {
    tenantId: config.tenantId,
    cloud: config.cloud,
    contentTypes: config.contentTypes as AuditflowConfig['contentTypes'],
    schedule: config.schedule,
    retentionDays: config.retentionDays,
    store: 'cosmos',
    cosmosEndpoint: input.cosmosEndpoint,
    cosmosDatabase: config.cosmosDatabase,
    authMode: config.identityMode === 'app-registration' ? 'client-certificate' : 'managed-identity',
    ...(config.identityMode === 'app-registration' ? { clientId: input.clientId, clientCertificatePath: config.clientCertificatePath } : {}),
  };
  const env = settingsToEnv(values);
  loadConfig(env); // throws ConfigError naming every problem
  return env;
}

export interface PlatformSettingsInput {
  readonly planKind: PlanKind;
  readonly storageAccountName: string;
  readonly appInsightsConnectionString: string;
  /** Blob URL of the package (y1 only: Flex reads its deployment container instead). */
  readonly packageUrl?: string;
}

/** Runtime settings of the Functions host: identity-based storage, Entra-authenticated telemetry. */
export function platformAppSettings(input: PlatformSettingsInput): Record<string, string> {
  const settings: Record<string, string> = {
    // Identity-based connection: the host builds https://<account>.{blob,queue,table}.core... itself.
    AzureWebJobsStorage__accountName: input.storageAccountName,
    // The connection string holds only the (non-secret) instrumentation key; with local auth
    // disabled on the component, ingestion needs the app's Entra token (the setting below).
    APPLICATIONINSIGHTS_CONNECTION_STRING: input.appInsightsConnectionString,
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD',
  };
  if (input.planKind === 'y1') {
    if (!input.packageUrl) throw new TypeError('platformAppSettings: packageUrl is required for planKind y1');
    // Flex Consumption refuses these two (its runtime is functionAppConfig.runtime).
    settings.FUNCTIONS_EXTENSION_VERSION = '~4';
    settings.FUNCTIONS_WORKER_RUNTIME = 'node';
    settings.WEBSITE_RUN_FROM_PACKAGE = input.packageUrl;
    settings.WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID = 'SystemAssigned';
  }
  return settings;
}
