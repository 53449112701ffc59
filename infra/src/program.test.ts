// The whole program under Pulumi mocks, default shape: managed identity, Y1 plan, serverless
// Cosmos DB, no DLP. Asserts on what the mocks recorded.
import { COSMOS_LAYOUT, SETTINGS, loadConfig, retentionSeconds } from '@auditflow/config';
import * as pulumi from '@pulumi/pulumi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_ROLES, COSMOS_DATA_CONTRIBUTOR_ROLE } from './role-ids';
import { validateStackConfig } from './stack-config';
import { MOCK, installMockCloud, valueOf, type MockCloud, type RecordedResource } from './testing/mock-cloud';
import { createPackageFixture, type PackageFixture } from './testing/package-fixture';
import type { AuditflowStackOutputs } from './program';

const TENANT = '11111111-2222-3333-4444-555555555555';
const RETENTION_DAYS = 30;
const T = {
  rg: 'azure-native:resources:ResourceGroup',
  account: 'azure-native:storage:StorageAccount',
  container: 'azure-native:storage:BlobContainer',
  blob: 'azure-native:storage:Blob',
  cosmos: 'azure-native:cosmosdb:DatabaseAccount',
  database: 'azure-native:cosmosdb:SqlResourceSqlDatabase',
  cosmosContainer: 'azure-native:cosmosdb:SqlResourceSqlContainer',
  cosmosRole: 'azure-native:cosmosdb:SqlResourceSqlRoleAssignment',
  plan: 'azure-native:web:AppServicePlan',
  app: 'azure-native:web:WebApp',
  ftp: 'azure-native:web:WebAppFtpAllowed',
  scm: 'azure-native:web:WebAppScmAllowed',
  insights: 'azure-native:applicationinsights:Component',
  workspace: 'azure-native:operationalinsights:Workspace',
  rbac: 'azure-native:authorization:RoleAssignment',
  appRole: 'azuread:index/appRoleAssignment:AppRoleAssignment',
} as const;

let cloud: MockCloud;
let fixture: PackageFixture;
let outputs: AuditflowStackOutputs;

beforeAll(async () => {
  cloud = await installMockCloud({ subscriptionTenantId: TENANT.toUpperCase() });
  fixture = createPackageFixture();
  const { createAuditflowStack } = await import('./program.js'); // after setMocks
  outputs = createAuditflowStack(
    validateStackConfig({
      tenantId: TENANT,
      location: 'westeurope',
      namePrefix: 'afmi',
      contentTypes: 'Audit.Exchange,Audit.SharePoint',
      retentionDays: String(RETENTION_DAYS),
      packageDir: fixture.dir,
    }),
  );
  await cloud.settled();
});
afterAll(() => fixture.remove());

function appSettings(): Record<string, string> {
  const pairs = cloud.one(T.app).inputs.siteConfig as { appSettings: { name: string; value: string }[] };
  return Object.fromEntries(pairs.appSettings.map((p) => [p.name, p.value]));
}

describe('resources', () => {
  it('creates every resource of the stack', () => {
    const counts = Object.fromEntries(Object.values(T).map((type) => [type, cloud.ofType(type).length]));
    expect(counts).toEqual({
      [T.rg]: 1,
      [T.account]: 1,
      [T.container]: 1,
      [T.blob]: 1,
      [T.cosmos]: 1,
      [T.database]: 1,
      [T.cosmosContainer]: 2,
      [T.cosmosRole]: 1,
      [T.plan]: 1,
      [T.app]: 1,
      [T.ftp]: 1,
      [T.scm]: 1,
      [T.insights]: 1,
      [T.workspace]: 1,
      [T.rbac]: 5, // deployer upload + 4 for the app
      [T.appRole]: 1,
    });
  });

  it('creates no resource lock (nothing survives pulumi destroy)', () => {
    expect(cloud.resources.filter((r) => /lock/i.test(r.type))).toEqual([]);
  });
});

describe('storage', () => {
  it('is HTTPS only, TLS 1.2, no public blob access, shared-key access disabled', () => {
    expect(cloud.one(T.account).inputs).toMatchObject({
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      location: 'westeurope',
    });
  });

  it('publishes the package folder as a private blob whose URL the app runs from', async () => {
    expect(cloud.one(T.container).inputs).toMatchObject({ containerName: 'deployments', publicAccess: 'None' });
    const blob = cloud.one(T.blob).inputs;
    expect(blob.blobName).toMatch(/^ingest-func-[0-9a-f]{16}\.zip$/);
    expect(blob.source).toBeInstanceOf(pulumi.asset.FileArchive);
    expect(await (blob.source as pulumi.asset.FileArchive).path).toBe(fixture.dir);
    const settings = appSettings();
    expect(settings.WEBSITE_RUN_FROM_PACKAGE).toBe(`https://afmistabc12345.blob.core.windows.net/deployments/${String(blob.blobName)}`);
    expect(settings.WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID).toBe('SystemAssigned');
  });
});

describe('Cosmos DB', () => {
  it('is serverless, local auth disabled, TLS 1.2', () => {
    expect(cloud.one(T.cosmos).inputs).toMatchObject({
      disableLocalAuth: true,
      disableKeyBasedMetadataWriteAccess: true,
      minimalTlsVersion: 'Tls12',
      capabilities: [{ name: 'EnableServerless' }],
    });
    expect(cloud.one(T.database).inputs).toMatchObject({ databaseName: 'auditflow', resource: { id: 'auditflow' } });
    expect(cloud.one(T.database).inputs.options).toBeUndefined();
  });

  it('has the events container of libs/storage with a default TTL of retention days in seconds', () => {
    const events = cloud.ofType(T.cosmosContainer).find((c) => c.inputs.containerName === 'events') as RecordedResource;
    const resource = events.inputs.resource as Record<string, unknown>;
    expect(resource.defaultTtl).toBe(RETENTION_DAYS * 24 * 60 * 60);
    expect(resource.defaultTtl).toBe(retentionSeconds(RETENTION_DAYS));
    expect(resource.partitionKey).toEqual({ paths: ['/partitionKey'], kind: 'Hash', version: 2 });
    expect(resource.indexingPolicy).toEqual(JSON.parse(JSON.stringify(COSMOS_LAYOUT.eventsIndexingPolicy)));
  });

  it('has the checkpoints container', () => {
    const checkpoints = cloud.ofType(T.cosmosContainer).find((c) => c.inputs.containerName === COSMOS_LAYOUT.checkpointsContainer);
    expect(checkpoints?.inputs.resource).toMatchObject({ id: 'checkpoints', partitionKey: { paths: [COSMOS_LAYOUT.checkpointsPartitionKeyPath] } });
  });
});

describe('Function App', () => {
  it('is Linux Node 22 on Y1, HTTPS only, FTP off, TLS 1.2, system-assigned identity', () => {
    const app = cloud.one(T.app).inputs;
    expect(app).toMatchObject({ kind: 'functionapp,linux', httpsOnly: true, identity: { type: 'SystemAssigned' } });
    expect(app.siteConfig).toMatchObject({ linuxFxVersion: 'Node|22', ftpsState: 'Disabled', minTlsVersion: '1.2', scmMinTlsVersion: '1.2' });
    expect(app.functionAppConfig).toBeUndefined();
    expect(cloud.one(T.plan).inputs).toMatchObject({ reserved: true, sku: { name: 'Y1', tier: 'Dynamic' } });
    expect(cloud.one(T.ftp).inputs.allow).toBe(false);
    expect(cloud.one(T.scm).inputs.allow).toBe(false);
  });

  it('sends telemetry to Application Insights with Entra auth only', () => {
    expect(cloud.one(T.insights).inputs).toMatchObject({ disableLocalAuth: true });
    expect(appSettings()).toMatchObject({
      APPLICATIONINSIGHTS_CONNECTION_STRING: MOCK.appInsightsConnectionString,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD',
    });
  });

  it('has app settings that libs/config accepts, named from its SETTINGS table', () => {
    const settings = appSettings();
    const auditflowNames = Object.keys(settings).filter((n) => n.startsWith('AUDITFLOW_'));
    const known = new Set(SETTINGS.map((s) => s.name));
    for (const name of auditflowNames) expect(known.has(name), name).toBe(true);
    const config = loadConfig(settings);
    expect(config).toMatchObject({
      tenantId: TENANT,
      store: 'cosmos',
      cosmosEndpoint: 'https://afmi-cosmos-abc123.documents.azure.com',
      cosmosDatabase: 'auditflow',
      authMode: 'managed-identity',
      retentionDays: RETENTION_DAYS,
      contentTypes: ['Audit.Exchange', 'Audit.SharePoint'],
    });
    expect(settings.AzureWebJobsStorage__accountName).toBe('afmistabc12345');
  });

  it('has no app setting that holds a key or secret', () => {
    const settings = appSettings();
    const secretNames = SETTINGS.filter((s) => s.secret).map((s) => s.name);
    for (const [name, value] of Object.entries(settings)) {
      expect(secretNames, name).not.toContain(name);
      expect(name, name).not.toMatch(/SECRET|PASSWORD|_KEY$|SAS/i);
      expect(value, name).not.toMatch(/AccountKey=|SharedAccessSignature=|SharedAccessKey=|[?&]sig=|-----BEGIN|ClientSecret=/i);
    }
    // Storage by identity only: no AzureWebJobsStorage connection string at all.
    expect(settings.AzureWebJobsStorage).toBeUndefined();
    expect(new URL(settings.WEBSITE_RUN_FROM_PACKAGE as string).search).toBe('');
  });
});

describe('role assignments', () => {
  const roleDefinition = (roleId: string) => `/subscriptions/${MOCK.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;

  it('grant the app identity the storage data roles on the account and metrics publishing on App Insights', () => {
    const accountId = cloud.one(T.account).id;
    const insightsId = cloud.one(T.insights).id;
    const appGrants = cloud
      .ofType(T.rbac)
      .filter((r) => r.inputs.principalId === MOCK.appPrincipalId)
      .map((r) => [r.inputs.roleDefinitionId, r.inputs.scope, r.inputs.principalType]);
    expect(appGrants).toEqual(
      expect.arrayContaining([
        [roleDefinition(BUILT_IN_ROLES.storageBlobDataOwner), accountId, 'ServicePrincipal'],
        [roleDefinition(BUILT_IN_ROLES.storageQueueDataContributor), accountId, 'ServicePrincipal'],
        [roleDefinition(BUILT_IN_ROLES.storageTableDataContributor), accountId, 'ServicePrincipal'],
        [roleDefinition(BUILT_IN_ROLES.monitoringMetricsPublisher), insightsId, 'ServicePrincipal'],
      ]),
    );
    expect(appGrants).toHaveLength(4);
  });

  it('let the deployer upload to the deployment container only', () => {
    const deployer = cloud.ofType(T.rbac).filter((r) => r.inputs.principalId === MOCK.deployerObjectId);
    expect(deployer.map((r) => [r.inputs.roleDefinitionId, r.inputs.scope])).toEqual([
      [roleDefinition(BUILT_IN_ROLES.storageBlobDataContributor), cloud.one(T.container).id],
    ]);
  });

  it('grant the app identity the Cosmos data-plane contributor role on the database', () => {
    const accountId = cloud.one(T.cosmos).id;
    expect(cloud.one(T.cosmosRole).inputs).toMatchObject({
      principalId: MOCK.appPrincipalId,
      roleDefinitionId: `${accountId}/sqlRoleDefinitions/${COSMOS_DATA_CONTRIBUTOR_ROLE}`,
      scope: `${accountId}/dbs/auditflow`,
    });
  });

  it('assign ActivityFeed.Read (no DLP collected) of Office 365 Management APIs to the managed identity', () => {
    expect(cloud.ofType(T.appRole).map((r) => r.inputs)).toEqual([
      { appRoleId: '594c1fb6-4f81-4475-ae41-0c394909246c', principalObjectId: MOCK.appPrincipalId, resourceObjectId: MOCK.o365ServicePrincipalId },
    ]);
    const lookup = cloud.calls.find((c) => c.token === 'azuread:index/getServicePrincipal:getServicePrincipal');
    expect(lookup?.inputs).toEqual({ clientId: 'c5393580-f805-4401-95e8-94b7a6ef2fc2' });
    expect(cloud.ofType('azuread:index/application:Application')).toEqual([]);
  });
});

describe('outputs', () => {
  it('give the URLs and the key command, never a secret', async () => {
    const values = {
      functionBaseUrl: await valueOf(outputs.functionBaseUrl),
      statusUrl: await valueOf(outputs.statusUrl),
      rerunUrl: await valueOf(outputs.rerunUrl),
      orchestrationStatusUrl: await valueOf(outputs.orchestrationStatusUrl),
      functionKeyCommand: await valueOf(outputs.functionKeyCommand),
      syncTriggersCommand: await valueOf(outputs.syncTriggersCommand),
      publishCommand: await valueOf(outputs.publishCommand),
      cosmosEndpoint: await valueOf(outputs.cosmosEndpoint),
      cosmosDatabase: outputs.cosmosDatabase,
      o365AppRoles: outputs.o365AppRoles,
    };
    const base = 'https://afmi-func-abc123.azurewebsites.net';
    expect(values).toEqual({
      functionBaseUrl: base,
      statusUrl: `${base}/api/status`,
      rerunUrl: `${base}/api/rerun`,
      orchestrationStatusUrl: `${base}/runtime/webhooks/durabletask/instances/collect-${TENANT}`,
      functionKeyCommand: 'az functionapp keys list --resource-group afmi-rg-123 --name afmi-func-abc123 --query functionKeys.default --output tsv',
      syncTriggersCommand: `az resource invoke-action --action syncfunctiontriggers --ids ${cloud.one(T.app).id}`,
      publishCommand: undefined, // y1: pulumi up publishes the package
      cosmosEndpoint: 'https://afmi-cosmos-abc123.documents.azure.com:443/',
      cosmosDatabase: 'auditflow',
      o365AppRoles: ['ActivityFeed.Read'],
    });
    expect(JSON.stringify(values)).not.toMatch(/InstrumentationKey|code=|sig=/);
  });
});
