// The Function App's app settings, as plain functions (testable without Pulumi). auditflow's own
// settings are written by libs/config's settingsToEnv (names from its SETTINGS table) and then read
// back with loadConfig, so the stack never deploys a value the app would refuse at start. No
// setting carries a key: storage, Cosmos DB, the scheduler and telemetry are reached with the
// app's user-assigned identity, every endpoint as its resource reports it.
import { loadConfig, settingsToEnv, type AuditflowConfig } from '@auditflow/config';
import type { StorageEndpoints } from './components/storage-account';
import type { PlanKind, StackConfig } from './stack-config';

export interface AuditflowSettingsInput {
  readonly cosmosEndpoint: string;
  /** Client id of the app's user-assigned identity. */
  readonly identityClientId: string;
  /** App registration client id; only in app-registration mode. */
  readonly registrationClientId?: string;
  /** The task hub's dashboard (Durable Task Scheduler backend). */
  readonly dashboardUrl?: string;
}

export function auditflowAppSettings(config: StackConfig, input: AuditflowSettingsInput): Record<string, string> {
  const identity: Partial<AuditflowConfig> =
    config.identityMode === 'app-registration'
      ? // C3: the registration's client id, and the identity whose token is its client assertion.
        { authMode: 'federated-credential', clientId: input.registrationClientId, managedIdentityClientId: input.identityClientId }
      : { authMode: 'managed-identity', clientId: input.identityClientId };
  const values: Partial<AuditflowConfig> = {
    tenantId: config.tenantId,
    cloud: config.cloud,
    contentTypes: config.contentTypes as AuditflowConfig['contentTypes'],
    schedule: config.schedule,
    retentionDays: config.retentionDays,
    store: 'cosmos',
    cosmosEndpoint: input.cosmosEndpoint,
    cosmosDatabase: config.cosmosDatabase,
    ...identity,
    ...(input.dashboardUrl ? { dashboardUrl: input.dashboardUrl } : {}),
  };
  const env = settingsToEnv(values);
  loadConfig(env); // throws ConfigError naming every problem
  return env;
}

/** The Durable Task Scheduler needs an extension bundle of at least this version (Learn, see infra/README). */
export const SCHEDULER_EXTENSION_BUNDLE = '[4.32.0, 5.0.0)';
/** App setting naming the scheduler connection (host.json's storageProvider.connectionStringName). */
export const SCHEDULER_CONNECTION_SETTING = 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING';
/** The header of host.json overrides in app settings (Learn: functions-host-json, "Override host.json values"). */
const HOST = 'AzureFunctionsJobHost__';

export type DurableSettingsInput = { readonly backend: 'scheduler'; readonly endpoint: string; readonly taskHubName: string } | { readonly backend: 'azureStorage' };

export interface PlatformSettingsInput {
  readonly planKind: PlanKind;
  readonly storage: StorageEndpoints;
  readonly identity: { readonly clientId: string; readonly resourceId: string };
  readonly appInsightsConnectionString: string;
  /** Blob URL of the package (y1 only: Flex reads its deployment container instead). */
  readonly packageUrl?: string;
  readonly durable: DurableSettingsInput;
  /** Console sign-in: the directory whose users may sign in. */
  readonly signIn?: { readonly tenantId: string; readonly assertionSetting: string };
}

/** Runtime settings of the Functions host: identity-based storage and scheduler, Entra-authenticated telemetry. */
export function platformAppSettings(input: PlatformSettingsInput): Record<string, string> {
  const clientId = input.identity.clientId;
  const settings: Record<string, string> = {
    // Identity-based host storage with the user-assigned identity. The service URIs come from the
    // account (primaryEndpoints): with `__accountName` alone the host builds *.core.windows.net
    // URLs, which do not exist in Azure Government (Learn: functions-reference, "Connecting to
    // host storage with an identity").
    AzureWebJobsStorage__blobServiceUri: trimSlash(input.storage.blob),
    AzureWebJobsStorage__queueServiceUri: trimSlash(input.storage.queue),
    AzureWebJobsStorage__tableServiceUri: trimSlash(input.storage.table),
    AzureWebJobsStorage__credential: 'managedidentity',
    AzureWebJobsStorage__clientId: clientId,
    // The connection string holds only the (non-secret) instrumentation key; with local auth
    // disabled on the component, ingestion needs the identity's Entra token.
    APPLICATIONINSIGHTS_CONNECTION_STRING: input.appInsightsConnectionString,
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `ClientId=${clientId};Authorization=AAD`,
    // DefaultAzureCredential's managed identity is the user-assigned one (the app has no other).
    AZURE_CLIENT_ID: clientId,
  };
  if (input.planKind === 'y1') {
    if (!input.packageUrl) throw new TypeError('platformAppSettings: packageUrl is required for planKind y1');
    // Flex Consumption refuses these (its runtime is functionAppConfig.runtime).
    settings.FUNCTIONS_EXTENSION_VERSION = '~4';
    settings.FUNCTIONS_WORKER_RUNTIME = 'node';
    settings.WEBSITE_RUN_FROM_PACKAGE = input.packageUrl;
    settings.WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID = input.identity.resourceId;
  }
  if (input.durable.backend === 'scheduler') {
    // host.json stays the one file the local host also loads (Azure Storage shape); these
    // overrides switch the deployed app to the scheduler without a second host.json.
    settings[`${HOST}extensions__durableTask__storageProvider__type`] = 'azureManaged';
    settings[`${HOST}extensions__durableTask__storageProvider__connectionStringName`] = SCHEDULER_CONNECTION_SETTING;
    settings[`${HOST}extensions__durableTask__hubName`] = input.durable.taskHubName;
    settings[`${HOST}extensionBundle__version`] = SCHEDULER_EXTENSION_BUNDLE;
    // Not a secret: an endpoint, the auth kind and the identity's client id.
    settings[SCHEDULER_CONNECTION_SETTING] = `Endpoint=${trimSlash(input.durable.endpoint)};Authentication=ManagedIdentity;ClientID=${clientId}`;
  }
  if (input.signIn) {
    settings[input.signIn.assertionSetting] = clientId;
    settings.WEBSITE_AUTH_AAD_ALLOWED_TENANTS = input.signIn.tenantId;
  }
  return settings;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
