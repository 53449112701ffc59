// The program entry (index.ts) reading real stack config under mocks, in the other shape:
// GCC High in Azure Government, Linux Consumption (Y1), the Azure Storage backend, provisioned
// throughput, DLP collected, operators watching with Durable Functions Monitor.
import * as pulumi from '@pulumi/pulumi';
import { loadConfig } from '@auditflow/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_ROLES } from './role-ids';
import { settingsOf } from './testing/azure-rules';
import { MOCK, installMockCloud, valueOf, type MockCloud } from './testing/mock-cloud';
import { createPackageFixture, type PackageFixture } from './testing/package-fixture';

const TENANT = '99999999-8888-7777-6666-555555555555';
const OPERATOR = '0f0f0f0f-0000-0000-0000-000000000009';

let cloud: MockCloud;
let fixture: PackageFixture;
let stack: Record<string, unknown>;

beforeAll(async () => {
  cloud = await installMockCloud({ stack: 'gov', environment: 'usgovernment', subscriptionTenantId: TENANT });
  fixture = createPackageFixture();
  pulumi.runtime.setAllConfig({
    'auditflow:tenantId': TENANT,
    'auditflow:cloud': 'GCCHigh',
    'auditflow:location': 'usgovvirginia',
    'auditflow:namePrefix': 'afgov',
    'auditflow:contentTypes': 'Audit.General,DLP.All',
    'auditflow:retentionDays': '365',
    'auditflow:schedule': '0 */10 * * * *',
    'auditflow:throughputMode': 'provisioned',
    'auditflow:throughput': '1000',
    'auditflow:planKind': 'y1',
    'auditflow:durableBackend': 'azureStorage',
    'auditflow:operators': OPERATOR,
    'auditflow:packageDir': fixture.dir,
    'azure-native:environment': 'usgovernment',
    'azuread:environment': 'usgovernment',
  });
  stack = (await import('./index.js')) as Record<string, unknown>;
  await cloud.settled();
});
afterAll(() => fixture.remove());

const inputsOf = (type: string) => cloud.one(type).inputs;
const settings = () => settingsOf(cloud.one('azure-native:web:WebApp'));
const indexOf = (type: string) => cloud.resources.indexOf(cloud.one(type));

describe('index.ts: GCC High, Y1, Azure Storage backend, provisioned throughput, DLP', () => {
  it('deploys what Azure Government accepts', () => {
    expect(cloud.refusals).toEqual([]);
  });

  it('reaches storage, Cosmos DB and the app at the endpoints Azure Government reports, never *.windows.net', () => {
    expect(settings()).toMatchObject({
      AzureWebJobsStorage__blobServiceUri: 'https://afgovstabc12345.blob.core.usgovcloudapi.net',
      AzureWebJobsStorage__queueServiceUri: 'https://afgovstabc12345.queue.core.usgovcloudapi.net',
      AzureWebJobsStorage__tableServiceUri: 'https://afgovstabc12345.table.core.usgovcloudapi.net',
      AUDITFLOW_COSMOS_ENDPOINT: 'https://afgov-cosmos-abc123.documents.azure.us:443/',
    });
    expect(JSON.stringify(cloud.resources.map((r) => r.inputs))).not.toMatch(/windows\.net|documents\.azure\.com|azurewebsites\.net|login\.microsoftonline\.com/);
  });

  it('uploads the package with the deployer\'s login before the app, runs from it with the identity, then syncs triggers', () => {
    const [upload, sync] = cloud.ofType('command:local:Command');
    const env = upload?.inputs.environment as Record<string, string>;
    expect(upload?.inputs.create).toMatch(/az storage blob upload --auth-mode login --blob-endpoint "\$BLOB_ENDPOINT"/);
    expect(upload?.inputs.delete).toMatch(/az storage blob delete --auth-mode login/);
    expect(env).toMatchObject({ BLOB_ENDPOINT: 'https://afgovstabc12345.blob.core.usgovcloudapi.net/', CONTAINER: 'deployments', PACKAGE_DIR: fixture.dir });
    expect(settings().WEBSITE_RUN_FROM_PACKAGE).toBe(`https://afgovstabc12345.blob.core.usgovcloudapi.net/deployments/${env.BLOB_NAME}`);
    expect(settings().WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID).toBe(cloud.one('azure-native:managedidentity:UserAssignedIdentity').id);
    expect(cloud.resources.indexOf(upload as never)).toBeLessThan(indexOf('azure-native:web:WebApp'));
    expect(sync?.inputs.create).toMatch(/syncfunctiontriggers/);
    expect(cloud.resources.indexOf(sync as never)).toBeGreaterThan(indexOf('azure-native:web:WebApp'));
    expect(inputsOf('azure-native:web:AppServicePlan')).toMatchObject({ sku: { name: 'Y1', tier: 'Dynamic' } });
  });

  it('keeps the task hub in storage (no scheduler, no overrides) and lets operators read it with DfMon', () => {
    expect(cloud.ofType('azure-native:durabletask:Scheduler')).toEqual([]);
    expect(Object.keys(settings()).filter((n) => n.startsWith('AzureFunctionsJobHost__') || n.startsWith('DURABLE_TASK'))).toEqual([]);
    expect(settings().AUDITFLOW_DASHBOARD_URL).toBeUndefined();
    const largeMessages = cloud.ofType('azure-native:storage:BlobContainer').find((c) => c.inputs.containerName === 'auditflow-largemessages');
    const account = cloud.one('azure-native:storage:StorageAccount').id;
    const roles = cloud.ofType('azure-native:authorization:RoleAssignment').filter((r) => r.inputs.principalId === OPERATOR);
    expect(roles.map((r) => [String(r.inputs.roleDefinitionId).split('/').pop(), r.inputs.scope]).sort()).toEqual(
      [
        [BUILT_IN_ROLES.storageTableDataContributor, account],
        [BUILT_IN_ROLES.storageQueueDataContributor, account],
        [BUILT_IN_ROLES.storageBlobDataReader, largeMessages?.id],
      ].sort(),
    );
  });

  it('signs console users in at the Azure Government authority', () => {
    const auth = inputsOf('azure-native:web:WebAppAuthSettingsV2') as { identityProviders: { azureActiveDirectory: { registration: { openIdIssuer: string } } } };
    expect(auth.identityProviders.azureActiveDirectory.registration.openIdIssuer).toBe(`https://login.microsoftonline.us/${TENANT}/v2.0`);
    expect(inputsOf('azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential')).toMatchObject({ audiences: ['api://AzureADTokenExchangeUSGov'] });
  });

  it('gives the app a config libs/config accepts, with both app roles for DLP', () => {
    expect(loadConfig(settings())).toMatchObject({ tenantId: TENANT, cloud: 'GCCHigh', authMode: 'managed-identity', contentTypes: ['Audit.General', 'DLP.All'], retentionDays: 365 });
    expect(cloud.ofType('azuread:index/appRoleAssignment:AppRoleAssignment').filter((r) => r.inputs.resourceObjectId === MOCK.o365ServicePrincipalId)).toHaveLength(2);
    expect(inputsOf('azure-native:cosmosdb:SqlResourceSqlDatabase').options).toEqual({ throughput: 1000 });
  });

  it('exports the outputs, with no dashboard for the Azure Storage backend', async () => {
    expect(stack.o365AppRoles).toEqual(['ActivityFeed.Read', 'ActivityFeed.ReadDlp']);
    expect(stack.dashboardUrl).toBeUndefined();
    expect(await valueOf(stack.functionBaseUrl as pulumi.Output<string>)).toBe('https://afgov-func-abc123.azurewebsites.us');
    expect(await valueOf(stack.consoleSignInClientId as pulumi.Output<string>)).toBe(MOCK.signInClientId);
  });
});
