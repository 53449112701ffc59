import { isConfigError } from '@auditflow/config';
import { describe, expect, it } from 'vitest';
import { auditflowAppSettings, platformAppSettings } from './app-settings';
import { validateStackConfig } from './stack-config';

const config = validateStackConfig({ tenantId: '11111111-2222-3333-4444-555555555555', location: 'westeurope' });
const ID = 'aaaaaaaa-0000-0000-0000-0000000000c1';

describe('auditflowAppSettings', () => {
  it('writes only libs/config names: store cosmos, the identity as managed identity, the dashboard link', () => {
    expect(auditflowAppSettings(config, { cosmosEndpoint: 'https://acct.documents.azure.com:443/', identityClientId: ID, dashboardUrl: 'https://dashboard.durabletask.io/x' })).toEqual({
      AUDITFLOW_TENANT_ID: '11111111-2222-3333-4444-555555555555',
      AUDITFLOW_CLOUD: 'Enterprise',
      AUDITFLOW_AUTH_MODE: 'managed-identity',
      AUDITFLOW_CLIENT_ID: ID,
      AUDITFLOW_CONTENT_TYPES: 'Audit.AzureActiveDirectory,Audit.Exchange,Audit.SharePoint,Audit.General,DLP.All',
      AUDITFLOW_SCHEDULE: '0 */5 * * * *',
      AUDITFLOW_RETENTION_DAYS: '90',
      AUDITFLOW_STORE: 'cosmos',
      AUDITFLOW_COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
      AUDITFLOW_COSMOS_DATABASE: 'auditflow',
      AUDITFLOW_DASHBOARD_URL: 'https://dashboard.durabletask.io/x',
    });
  });

  it('refuses values the app would refuse (checked with loadConfig)', () => {
    let error: unknown;
    try {
      auditflowAppSettings(config, { cosmosEndpoint: 'ftp://nope', identityClientId: ID });
    } catch (e) {
      error = e;
    }
    expect(isConfigError(error)).toBe(true);
  });
});

describe('platformAppSettings', () => {
  const storage = { blob: 'https://st1.blob.core.usgovcloudapi.net/', queue: 'https://st1.queue.core.usgovcloudapi.net/', table: 'https://st1.table.core.usgovcloudapi.net/' };
  const base = { storage, identity: { clientId: ID, resourceId: '/subscriptions/s/rg/id' }, appInsightsConnectionString: 'InstrumentationKey=x' };
  const azureStorage = { backend: 'azureStorage' } as const;

  it('y1 with Azure Storage: service URIs as given, the identity everywhere, run from the package blob', () => {
    expect(platformAppSettings({ ...base, planKind: 'y1', packageUrl: 'https://st1.blob.core.usgovcloudapi.net/deployments/p.zip', durable: azureStorage })).toEqual({
      AzureWebJobsStorage__blobServiceUri: 'https://st1.blob.core.usgovcloudapi.net',
      AzureWebJobsStorage__queueServiceUri: 'https://st1.queue.core.usgovcloudapi.net',
      AzureWebJobsStorage__tableServiceUri: 'https://st1.table.core.usgovcloudapi.net',
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: ID,
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=x',
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `ClientId=${ID};Authorization=AAD`,
      AZURE_CLIENT_ID: ID,
      FUNCTIONS_EXTENSION_VERSION: '~4',
      FUNCTIONS_WORKER_RUNTIME: 'node',
      WEBSITE_RUN_FROM_PACKAGE: 'https://st1.blob.core.usgovcloudapi.net/deployments/p.zip',
      WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: '/subscriptions/s/rg/id',
    });
  });

  it('flex sets no runtime or package settings (Flex refuses them); the scheduler by host.json overrides', () => {
    const settings = platformAppSettings({ ...base, planKind: 'flex', durable: { backend: 'scheduler', endpoint: 'https://s.westus2.durabletask.io/', taskHubName: 'auditflow' } });
    for (const name of ['FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_RUN_FROM_PACKAGE']) expect(settings[name], name).toBeUndefined();
    expect(settings).toMatchObject({
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged',
      AzureFunctionsJobHost__extensionBundle__version: '[4.32.0, 5.0.0)',
      DURABLE_TASK_SCHEDULER_CONNECTION_STRING: `Endpoint=https://s.westus2.durabletask.io;Authentication=ManagedIdentity;ClientID=${ID}`,
    });
  });

  it('console sign-in: the identity in place of a client secret, sign-in limited to the tenant', () => {
    expect(platformAppSettings({ ...base, planKind: 'flex', durable: azureStorage, signIn: { tenantId: 't1', assertionSetting: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID' } })).toMatchObject({
      OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: ID,
      WEBSITE_AUTH_AAD_ALLOWED_TENANTS: 't1',
    });
  });

  it('y1 without a package URL is a programming error', () => {
    expect(() => platformAppSettings({ ...base, planKind: 'y1', durable: azureStorage })).toThrow(TypeError);
  });
});
