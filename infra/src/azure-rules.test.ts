// The mocks' Azure rules refuse what Azure refuses, for the reason Azure gives. (That the program
// passes them is checked by program/index/matrix tests; that the code before issue 10 failed them
// was seen when the rules were written: see infra/README, "Why this deploys".)
import * as storage from '@pulumi/azure-native/storage';
import { describe, expect, it } from 'vitest';
import { AZURE_RULES, type RuleContext } from './testing/azure-rules';
import { installMockCloud, type RecordedResource } from './testing/mock-cloud';

const rule = (id: string) => AZURE_RULES.find((r) => r.id === id) as (typeof AZURE_RULES)[number];
const res = (type: string, name: string, inputs: Record<string, unknown>, state: Record<string, unknown> = {}): RecordedResource => ({
  type,
  name,
  id: `/id/${name}`,
  inputs,
  state: { ...inputs, ...state },
});
const identity = res('azure-native:managedidentity:UserAssignedIdentity', 'id', {}, { principalId: 'p1', clientId: 'c1', tenantId: 't1' });
const account = res('azure-native:storage:StorageAccount', 'st', { allowSharedKeyAccess: false }, { name: 'st', primaryEndpoints: { blob: 'https://st.blob.x/', queue: 'https://st.queue.x/', table: 'https://st.table.x/' } });
const app = (settings: Record<string, string>, extra: Record<string, unknown> = {}) =>
  res('azure-native:web:WebApp', 'func', { identity: { type: 'UserAssigned', userAssignedIdentities: [identity.id] }, siteConfig: { appSettings: Object.entries(settings).map(([name, value]) => ({ name, value })) }, functionAppConfig: {}, ...extra }, { name: 'func' });
const ctx = (before: RecordedResource[], environment: RuleContext['environment'] = 'public'): RuleContext => ({ environment, before });
const uris = { AzureWebJobsStorage__blobServiceUri: 'https://st.blob.x', AzureWebJobsStorage__queueServiceUri: 'https://st.queue.x', AzureWebJobsStorage__tableServiceUri: 'https://st.table.x' };

describe('Azure rules', () => {
  it('a storage.Blob on an account with shared keys off is refused (403 KeyBasedAuthenticationNotPermitted), through the mocks', async () => {
    const cloud = await installMockCloud({ stack: 'blob' });
    const acct = new storage.StorageAccount('st', { resourceGroupName: 'rg', kind: 'StorageV2', sku: { name: 'Standard_LRS' }, allowSharedKeyAccess: false });
    new storage.Blob('pkg', { resourceGroupName: 'rg', accountName: acct.name, containerName: 'deployments', blobName: 'p.zip' });
    await cloud.settled();
    expect(cloud.refusals).toEqual([{ rule: 'blob-needs-shared-key', resource: 'pkg', message: expect.stringContaining('403 KeyBasedAuthenticationNotPermitted') }]);
  });

  it('an app created before its identity holds its roles is refused, naming each missing grant', () => {
    const message = rule('app-identity-holds-its-roles').check(app({ ...uris, AUDITFLOW_AUTH_MODE: 'managed-identity' }), ctx([identity, account]));
    expect(message).toMatch(/^the app would start before its identity holds: Storage Blob Data Owner .*Monitoring Metrics Publisher, a Cosmos DB data role, the Office 365 Management API app role$/);
    expect(rule('app-identity-holds-its-roles').check(app({}, { identity: { type: 'SystemAssigned' } }), ctx([identity]))).toMatch(/system-assigned identity is born with the app/);
  });

  it('a Gov stack without service URIs is refused; URIs that are not the account\'s are refused anywhere', () => {
    const check = rule('storage-service-uris');
    expect(check.check(app({ AzureWebJobsStorage__accountName: 'st' }), ctx([account], 'usgovernment'))).toMatch(/no blob\/queue\/table service URIs/);
    expect(check.check(app({ AzureWebJobsStorage__accountName: 'st' }), ctx([account], 'public'))).toBeUndefined();
    expect(check.check(app({ ...uris, AzureWebJobsStorage__queueServiceUri: 'https://st.queue.core.windows.net' }), ctx([account], 'usgovernment'))).toMatch(/queue are not the account's primary endpoints/);
    expect(check.check(app(uris), ctx([account], 'usgovernment'))).toBeUndefined();
  });

  it('an app registration with no credential the app can use is refused', () => {
    const check = rule('usable-api-credential');
    const registration = res('azuread:index/application:Application', 'reg', {}, { clientId: 'r1' });
    const fed = { AUDITFLOW_AUTH_MODE: 'federated-credential', AUDITFLOW_CLIENT_ID: 'r1', AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID: 'c1' };
    expect(check.check(app(fed), ctx([identity, registration]))).toMatch(/no federated credential trusting the app's identity/);
    const fic = (audience: string, subject = 'p1') =>
      res('azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential', 'fic', { applicationId: registration.id, subject, issuer: 'https://login.microsoftonline.com/t1/v2.0', audiences: [audience] });
    expect(check.check(app(fed), ctx([identity, registration, fic('api://AzureADTokenExchange')]))).toBeUndefined();
    expect(check.check(app(fed), ctx([identity, registration, fic('api://AzureADTokenExchange', 'someone-else')]))).toMatch(/no federated credential/);
    expect(check.check(app(fed), ctx([identity, registration, fic('api://AzureADTokenExchange')], 'usgovernment'))).toMatch(/no federated credential/);
    expect(check.check(app({ AUDITFLOW_AUTH_MODE: 'client-certificate' }), ctx([identity]))).toMatch(/no key or secret can reach/);
  });

  it('a y1 app whose package was not uploaded first, and Flex with refused settings, are refused', () => {
    const check = rule('package-in-place');
    expect(check.check(app({ WEBSITE_RUN_FROM_PACKAGE: 'https://st.blob.x/deployments/p.zip' }, { functionAppConfig: undefined }), ctx([identity]))).toMatch(/was not uploaded before the app/);
    expect(check.check(app({ FUNCTIONS_WORKER_RUNTIME: 'node' }), ctx([identity]))).toMatch(/Flex Consumption refuses the app settings FUNCTIONS_WORKER_RUNTIME/);
  });

  it('a retention policy on no scheduler, purging a state that is not purgeable, or without days, is refused', () => {
    const check = rule('scheduler-retention-policy');
    const scheduler = res('azure-native:durabletask:Scheduler', 'dts', {}, { name: 'dts' });
    const policy = (retentionPolicies: unknown[], schedulerName = 'dts') => res('azure-native:durabletask:RetentionPolicy', 'keep', { schedulerName, properties: { retentionPolicies } });
    expect(check.check(policy([{ orchestrationState: 'Completed', retentionPeriodInDays: 7 }, { retentionPeriodInDays: 30 }]), ctx([scheduler]))).toBeUndefined();
    expect(check.check(policy([{ orchestrationState: 'Completed', retentionPeriodInDays: 7 }]), ctx([]))).toMatch(/scheduler dts, which does not exist/);
    expect(check.check(policy([{ orchestrationState: 'Running', retentionPeriodInDays: 7 }, { orchestrationState: 'Failed' }]), ctx([scheduler]))).toBe(
      'retentionPolicies[0].orchestrationState Running is not purgeable (Completed, Failed, Terminated, Canceled); retentionPolicies[1].retentionPeriodInDays is required (whole days)',
    );
  });

  it('a scheduler connection not taken from the scheduler, and Easy Auth with a secret setting, are refused', () => {
    const scheduler = res('azure-native:durabletask:Scheduler', 'dts', {}, { properties: { endpoint: 'https://dts.westus2.durabletask.io' } });
    const hub = res('azure-native:durabletask:TaskHub', 'hub', {}, { name: 'auditflow' });
    const settings = {
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged',
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'C',
      AzureFunctionsJobHost__extensions__durableTask__hubName: 'auditflow',
      C: 'Endpoint=https://dts.westus2.durabletask.io;Authentication=ManagedIdentity;ClientID=c1',
    };
    expect(rule('scheduler-connection').check(app(settings), ctx([identity, scheduler, hub]))).toBeUndefined();
    expect(rule('scheduler-connection').check(app({ ...settings, C: 'Endpoint=https://dts.westus2.durabletask.io;Authentication=ManagedIdentity' }), ctx([identity, scheduler, hub]))).toMatch(/user-assigned identity/);
    const auth = res('azure-native:web:WebAppAuthSettingsV2', 'auth', { name: 'func', identityProviders: { azureActiveDirectory: { registration: { clientId: 's1', clientSecretSettingName: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET' } } } });
    expect(rule('easy-auth-credential').check(auth, ctx([identity, app({ MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: 'x' })]))).toMatch(/would hold a client secret/);
  });
});
