import { isConfigError } from '@auditflow/config';
import { describe, expect, it } from 'vitest';
import { auditflowAppSettings, platformAppSettings } from './app-settings';
import { validateStackConfig } from './stack-config';

const config = validateStackConfig({ tenantId: '11111111-2222-3333-4444-555555555555', location: 'westeurope' });

describe('auditflowAppSettings', () => {
  it('writes only libs/config names, store cosmos, managed identity', () => {
    expect(auditflowAppSettings(config, { cosmosEndpoint: 'https://acct.documents.azure.com:443/' })).toEqual({
      AUDITFLOW_TENANT_ID: '11111111-2222-3333-4444-555555555555',
      AUDITFLOW_CLOUD: 'Enterprise',
      AUDITFLOW_AUTH_MODE: 'managed-identity',
      AUDITFLOW_CONTENT_TYPES: 'Audit.AzureActiveDirectory,Audit.Exchange,Audit.SharePoint,Audit.General,DLP.All',
      AUDITFLOW_SCHEDULE: '0 */5 * * * *',
      AUDITFLOW_RETENTION_DAYS: '90',
      AUDITFLOW_STORE: 'cosmos',
      AUDITFLOW_COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
      AUDITFLOW_COSMOS_DATABASE: 'auditflow',
    });
  });

  it('refuses values the app would refuse (checked with loadConfig)', () => {
    let error: unknown;
    try {
      auditflowAppSettings(config, { cosmosEndpoint: 'ftp://nope' });
    } catch (e) {
      error = e;
    }
    expect(isConfigError(error)).toBe(true);
  });
});

describe('platformAppSettings', () => {
  const base = { storageAccountName: 'st1', appInsightsConnectionString: 'InstrumentationKey=x' };
  it('y1 runs from the package blob with the system identity', () => {
    expect(platformAppSettings({ ...base, planKind: 'y1', packageUrl: 'https://st1.blob.core.windows.net/deployments/p.zip' })).toEqual({
      AzureWebJobsStorage__accountName: 'st1',
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=x',
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD',
      FUNCTIONS_EXTENSION_VERSION: '~4',
      FUNCTIONS_WORKER_RUNTIME: 'node',
      WEBSITE_RUN_FROM_PACKAGE: 'https://st1.blob.core.windows.net/deployments/p.zip',
      WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: 'SystemAssigned',
    });
  });
  it('flex sets no runtime or package settings (Flex refuses them)', () => {
    expect(Object.keys(platformAppSettings({ ...base, planKind: 'flex' })).sort()).toEqual(
      ['APPLICATIONINSIGHTS_AUTHENTICATION_STRING', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'AzureWebJobsStorage__accountName'].sort(),
    );
  });
  it('y1 without a package URL is a programming error', () => {
    expect(() => platformAppSettings({ ...base, planKind: 'y1' })).toThrow(TypeError);
  });
});
