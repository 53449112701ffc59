// The whole program under Pulumi mocks, default shape: managed identity, Flex Consumption, the
// Durable Task Scheduler, serverless Cosmos DB, no DLP, commercial Azure. Asserts on what the mocks
// recorded, and that the mocks' Azure rules (testing/azure-rules.ts) refused nothing.
import { COSMOS_LAYOUT, SETTINGS, loadConfig, retentionSeconds } from '@auditflow/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVESTIGATOR_ROLE, INVESTIGATOR_ROLE_ID, KEY_AUTH_PATHS } from './components/console-sign-in';
import { BUILT_IN_ROLES, COSMOS_DATA_CONTRIBUTOR_ROLE } from './role-ids';
import { validateStackConfig } from './stack-config';
import { settingsOf } from './testing/azure-rules';
import { MOCK, installMockCloud, valueOf, type MockCloud, type RecordedResource } from './testing/mock-cloud';
import { createPackageFixture, type PackageFixture } from './testing/package-fixture';
import type { AuditflowStackOutputs } from './program';

const TENANT = '11111111-2222-3333-4444-555555555555';
const RETENTION_DAYS = 30;
const OPERATOR = '0f0f0f0f-0000-0000-0000-000000000001';
const INVESTIGATOR = '1e1e1e1e-0000-0000-0000-000000000002';
const T = {
  rg: 'azure-native:resources:ResourceGroup',
  identity: 'azure-native:managedidentity:UserAssignedIdentity',
  account: 'azure-native:storage:StorageAccount',
  container: 'azure-native:storage:BlobContainer',
  blob: 'azure-native:storage:Blob',
  cosmos: 'azure-native:cosmosdb:DatabaseAccount',
  database: 'azure-native:cosmosdb:SqlResourceSqlDatabase',
  cosmosContainer: 'azure-native:cosmosdb:SqlResourceSqlContainer',
  cosmosRole: 'azure-native:cosmosdb:SqlResourceSqlRoleAssignment',
  scheduler: 'azure-native:durabletask:Scheduler',
  taskHub: 'azure-native:durabletask:TaskHub',
  retention: 'azure-native:durabletask:RetentionPolicy',
  plan: 'azure-native:web:AppServicePlan',
  app: 'azure-native:web:WebApp',
  auth: 'azure-native:web:WebAppAuthSettingsV2',
  ftp: 'azure-native:web:WebAppFtpAllowed',
  scm: 'azure-native:web:WebAppScmAllowed',
  insights: 'azure-native:applicationinsights:Component',
  workspace: 'azure-native:operationalinsights:Workspace',
  rbac: 'azure-native:authorization:RoleAssignment',
  appRole: 'azuread:index/appRoleAssignment:AppRoleAssignment',
  application: 'azuread:index/application:Application',
  servicePrincipal: 'azuread:index/servicePrincipal:ServicePrincipal',
  fic: 'azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential',
  redirect: 'azuread:index/applicationRedirectUris:ApplicationRedirectUris',
  command: 'command:local:Command',
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
      operators: OPERATOR,
      investigators: INVESTIGATOR,
      packageDir: fixture.dir,
    }),
  );
  await cloud.settled();
});
afterAll(() => fixture.remove());

const appSettings = () => settingsOf(cloud.one(T.app));
const indexOf = (r: RecordedResource) => cloud.resources.indexOf(r);

describe('resources', () => {
  it('creates every resource of the stack, and Azure would refuse none', () => {
    expect(cloud.refusals).toEqual([]);
    const counts = Object.fromEntries(Object.values(T).map((type) => [type, cloud.ofType(type).length]));
    expect(counts).toEqual({
      [T.rg]: 1,
      [T.identity]: 1,
      [T.account]: 1,
      [T.container]: 1, // deployments only: no large-messages container with the scheduler
      [T.blob]: 0, // never: azure-native signs blob uploads with the account key
      [T.cosmos]: 1,
      [T.database]: 1,
      [T.cosmosContainer]: 2,
      [T.cosmosRole]: 1,
      [T.scheduler]: 1,
      [T.taskHub]: 1,
      [T.retention]: 1,
      [T.plan]: 1,
      [T.app]: 1,
      [T.auth]: 1,
      [T.ftp]: 1,
      [T.scm]: 1,
      [T.insights]: 1,
      [T.workspace]: 1,
      [T.rbac]: 7, // deployer upload + 5 for the app + 1 operator
      [T.appRole]: 2, // ActivityFeed.Read to the identity + Investigator to a user
      [T.application]: 1, // the console sign-in
      [T.servicePrincipal]: 1,
      [T.fic]: 1,
      [T.redirect]: 1,
      [T.command]: 1, // flex: publish after the app
    });
  });

  it('creates no resource lock (nothing survives pulumi destroy)', () => {
    expect(cloud.resources.filter((r) => /lock/i.test(r.type))).toEqual([]);
  });
});

describe('the identity comes first', () => {
  it('the app runs as the user-assigned identity only, registered after every grant of it', () => {
    const app = cloud.one(T.app);
    const identity = cloud.one(T.identity);
    expect(app.inputs.identity).toEqual({ type: 'UserAssigned', userAssignedIdentities: [identity.id] });
    const grants = [
      ...cloud.ofType(T.rbac).filter((r) => r.inputs.principalId === MOCK.identityPrincipalId),
      ...cloud.ofType(T.cosmosRole),
      ...cloud.ofType(T.appRole).filter((r) => r.inputs.principalObjectId === MOCK.identityPrincipalId),
      ...cloud.ofType(T.fic),
    ];
    expect(grants).toHaveLength(8);
    for (const grant of grants) expect(indexOf(grant), grant.name).toBeLessThan(indexOf(app));
    expect(indexOf(identity)).toBeLessThan(Math.min(...grants.map(indexOf)));
  });

  it('the publish step runs after the app and waits for its functions', () => {
    const publish = cloud.one(T.command);
    expect(indexOf(publish)).toBeGreaterThan(indexOf(cloud.one(T.app)));
    expect(publish.inputs.create).toMatch(/az functionapp deployment source config-zip/);
    expect(publish.inputs.create).toMatch(/retry "function listing" functions_listed/);
    expect(publish.inputs.environment).toMatchObject({ APP_NAME: 'afmi-func-abc123', RESOURCE_GROUP: 'afmi-rg-123', PACKAGE_DIR: fixture.dir });
    expect(JSON.stringify(publish.inputs)).not.toMatch(/--account-key|AccountKey|--sas-token|connection-string/i);
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
    });
  });

  it('is reached with the identity at the endpoints the account reports', () => {
    expect(appSettings()).toMatchObject({
      AzureWebJobsStorage__blobServiceUri: 'https://afmistabc12345.blob.core.windows.net',
      AzureWebJobsStorage__queueServiceUri: 'https://afmistabc12345.queue.core.windows.net',
      AzureWebJobsStorage__tableServiceUri: 'https://afmistabc12345.table.core.windows.net',
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: MOCK.identityClientId,
    });
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
  });

  it('has the events container of libs/storage with a default TTL of retention days in seconds', () => {
    const events = cloud.ofType(T.cosmosContainer).find((c) => c.inputs.containerName === 'events') as RecordedResource;
    const resource = events.inputs.resource as Record<string, unknown>;
    expect(resource.defaultTtl).toBe(retentionSeconds(RETENTION_DAYS));
    expect(resource.partitionKey).toEqual({ paths: ['/partitionKey'], kind: 'Hash', version: 2 });
    expect(resource.indexingPolicy).toEqual(JSON.parse(JSON.stringify(COSMOS_LAYOUT.eventsIndexingPolicy)));
  });
});

describe('Durable Task Scheduler', () => {
  it('has a scheduler, the task hub named in host.json, and a retention policy for finished instances', () => {
    expect(cloud.one(T.scheduler).inputs).toMatchObject({ location: 'westeurope', properties: { sku: { name: 'Consumption' }, ipAllowlist: ['0.0.0.0/0'] } });
    expect(cloud.one(T.taskHub).inputs).toMatchObject({ taskHubName: 'auditflow', schedulerName: 'afmi-dts-abc123' });
    expect(cloud.one(T.retention).inputs.properties).toEqual({
      retentionPolicies: [
        { orchestrationState: 'Completed', retentionPeriodInDays: 7 },
        { orchestrationState: 'Terminated', retentionPeriodInDays: 7 },
        { orchestrationState: 'Canceled', retentionPeriodInDays: 7 },
        { orchestrationState: 'Failed', retentionPeriodInDays: 30 },
      ],
    });
  });

  it('is the backend by host.json overrides in app settings (dist/host.json stays one file), with the identity', () => {
    expect(appSettings()).toMatchObject({
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged',
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
      AzureFunctionsJobHost__extensions__durableTask__hubName: 'auditflow',
      AzureFunctionsJobHost__extensionBundle__version: '[4.32.0, 5.0.0)',
      DURABLE_TASK_SCHEDULER_CONNECTION_STRING: `Endpoint=https://afmi-dts-abc123.westeurope.durabletask.io;Authentication=ManagedIdentity;ClientID=${MOCK.identityClientId}`,
    });
  });

  it('gives the app and the operators Durable Task Data Contributor on the task hub, and links the dashboard', async () => {
    const hub = cloud.one(T.taskHub);
    const onHub = cloud.ofType(T.rbac).filter((r) => r.inputs.scope === hub.id);
    expect(onHub.map((r) => [r.inputs.principalId, r.inputs.roleDefinitionId]).sort()).toEqual([
      [OPERATOR, expect.stringMatching(new RegExp(`/${BUILT_IN_ROLES.durableTaskDataContributor}$`))],
      [MOCK.identityPrincipalId, expect.stringMatching(new RegExp(`/${BUILT_IN_ROLES.durableTaskDataContributor}$`))],
    ]);
    const dashboard = `https://dashboard.durabletask.io/subscriptions/${MOCK.subscriptionId}/schedulers/afmi-dts-abc123/taskhubs/auditflow`;
    expect(await valueOf(outputs.dashboardUrl)).toBe(dashboard);
    expect(appSettings().AUDITFLOW_DASHBOARD_URL).toBe(dashboard);
  });
});

describe('Function App', () => {
  it('is Linux Node 22 on Flex, HTTPS only, FTP off, TLS 1.2, deployment container read by the identity', () => {
    const app = cloud.one(T.app).inputs;
    expect(app).toMatchObject({
      kind: 'functionapp,linux',
      httpsOnly: true,
      siteConfig: { ftpsState: 'Disabled', minTlsVersion: '1.2', scmMinTlsVersion: '1.2' },
      functionAppConfig: {
        deployment: {
          storage: {
            type: 'blobContainer',
            value: 'https://afmistabc12345.blob.core.windows.net/deployments',
            authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: cloud.one(T.identity).id },
          },
        },
        runtime: { name: 'node', version: '22' },
      },
    });
    expect(cloud.one(T.plan).inputs).toMatchObject({ reserved: true, sku: { name: 'FC1', tier: 'FlexConsumption' } });
    expect(cloud.one(T.ftp).inputs.allow).toBe(false);
    expect(cloud.one(T.scm).inputs.allow).toBe(false);
  });

  it('sends telemetry to Application Insights with the identity\'s Entra token only', () => {
    expect(cloud.one(T.insights).inputs).toMatchObject({ disableLocalAuth: true });
    expect(appSettings()).toMatchObject({
      APPLICATIONINSIGHTS_CONNECTION_STRING: MOCK.appInsightsConnectionString,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `ClientId=${MOCK.identityClientId};Authorization=AAD`,
    });
  });

  it('has app settings that libs/config accepts, named from its SETTINGS table', () => {
    const settings = appSettings();
    const known = new Set(SETTINGS.map((s) => s.name));
    for (const name of Object.keys(settings).filter((n) => n.startsWith('AUDITFLOW_'))) expect(known.has(name), name).toBe(true);
    expect(loadConfig(settings)).toMatchObject({
      tenantId: TENANT,
      store: 'cosmos',
      cosmosEndpoint: 'https://afmi-cosmos-abc123.documents.azure.com',
      authMode: 'managed-identity',
      clientId: MOCK.identityClientId,
      retentionDays: RETENTION_DAYS,
      contentTypes: ['Audit.Exchange', 'Audit.SharePoint'],
    });
    expect(settings.AZURE_CLIENT_ID).toBe(MOCK.identityClientId);
  });

  it('has no app setting that holds a key or secret', () => {
    const settings = appSettings();
    const secretNames = SETTINGS.filter((s) => s.secret).map((s) => s.name);
    for (const [name, value] of Object.entries(settings)) {
      expect(secretNames, name).not.toContain(name);
      expect(name, name).not.toMatch(/SECRET|PASSWORD|_KEY$|SAS/i);
      expect(value, name).not.toMatch(/AccountKey=|SharedAccessSignature=|SharedAccessKey=|[?&]sig=|-----BEGIN|ClientSecret=/i);
    }
    expect(settings.AzureWebJobsStorage).toBeUndefined();
    for (const name of ['FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_RUN_FROM_PACKAGE']) expect(settings[name], name).toBeUndefined();
  });
});

describe('role assignments', () => {
  const roleDefinition = (roleId: string) => `/subscriptions/${MOCK.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;

  it('grant the identity the storage data roles on the account and metrics publishing on App Insights', () => {
    const accountId = cloud.one(T.account).id;
    const appGrants = cloud
      .ofType(T.rbac)
      .filter((r) => r.inputs.principalId === MOCK.identityPrincipalId && r.inputs.scope !== cloud.one(T.taskHub).id)
      .map((r) => [r.inputs.roleDefinitionId, r.inputs.scope, r.inputs.principalType]);
    expect(appGrants).toHaveLength(4);
    expect(appGrants).toEqual(expect.arrayContaining([
      [roleDefinition(BUILT_IN_ROLES.storageBlobDataOwner), accountId, 'ServicePrincipal'],
      [roleDefinition(BUILT_IN_ROLES.storageQueueDataContributor), accountId, 'ServicePrincipal'],
      [roleDefinition(BUILT_IN_ROLES.storageTableDataContributor), accountId, 'ServicePrincipal'],
      [roleDefinition(BUILT_IN_ROLES.monitoringMetricsPublisher), cloud.one(T.insights).id, 'ServicePrincipal'],
    ]));
  });

  it('let the deployer upload to the deployment container only', () => {
    const deployer = cloud.ofType(T.rbac).filter((r) => r.inputs.principalId === MOCK.deployerObjectId);
    expect(deployer.map((r) => [r.inputs.roleDefinitionId, r.inputs.scope])).toEqual([[roleDefinition(BUILT_IN_ROLES.storageBlobDataContributor), cloud.one(T.container).id]]);
  });

  it('grant the identity the Cosmos data-plane contributor role on the database', () => {
    const accountId = cloud.one(T.cosmos).id;
    expect(cloud.one(T.cosmosRole).inputs).toMatchObject({
      principalId: MOCK.identityPrincipalId,
      roleDefinitionId: `${accountId}/sqlRoleDefinitions/${COSMOS_DATA_CONTRIBUTOR_ROLE}`,
      scope: `${accountId}/dbs/auditflow`,
    });
  });

  it('assign ActivityFeed.Read (no DLP collected) of Office 365 Management APIs to the identity', () => {
    expect(cloud.ofType(T.appRole).filter((r) => r.inputs.resourceObjectId === MOCK.o365ServicePrincipalId).map((r) => r.inputs)).toEqual([
      { appRoleId: '594c1fb6-4f81-4475-ae41-0c394909246c', principalObjectId: MOCK.identityPrincipalId, resourceObjectId: MOCK.o365ServicePrincipalId },
    ]);
  });
});

describe('console sign-in (C8)', () => {
  it('registers the sign-in app with the Investigator role, owned by the deployer, assigned users only', () => {
    const application = cloud.one(T.application).inputs;
    expect(application).toMatchObject({
      signInAudience: 'AzureADMyOrg',
      owners: [MOCK.deployerObjectId],
      appRoles: [{ id: INVESTIGATOR_ROLE_ID, value: INVESTIGATOR_ROLE, allowedMemberTypes: ['User'], enabled: true }],
    });
    expect(cloud.one(T.servicePrincipal).inputs).toMatchObject({ clientId: MOCK.signInClientId, owners: [MOCK.deployerObjectId], appRoleAssignmentRequired: true });
    expect(cloud.ofType(T.appRole).filter((r) => r.inputs.resourceObjectId === MOCK.signInPrincipalId).map((r) => r.inputs)).toEqual([
      { appRoleId: INVESTIGATOR_ROLE_ID, principalObjectId: INVESTIGATOR, resourceObjectId: MOCK.signInPrincipalId },
    ]);
    expect(cloud.one(T.redirect).inputs).toEqual({ applicationId: cloud.one(T.application).id, type: 'Web', redirectUris: ['https://afmi-func-abc123.azurewebsites.net/.auth/login/aad/callback'] });
  });

  it('requires sign-in everywhere but the key-authenticated paths, redirecting browsers, with no client secret', () => {
    const auth = cloud.one(T.auth).inputs;
    expect(auth).toMatchObject({
      name: 'afmi-func-abc123',
      platform: { enabled: true },
      globalValidation: { requireAuthentication: true, unauthenticatedClientAction: 'RedirectToLoginPage', redirectToProvider: 'azureactivedirectory' },
      identityProviders: {
        azureActiveDirectory: {
          enabled: true,
          registration: { openIdIssuer: `https://login.microsoftonline.com/${TENANT.toUpperCase()}/v2.0`, clientId: MOCK.signInClientId, clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID' },
        },
      },
    });
    const excluded = (auth.globalValidation as { excludedPaths: string[] }).excludedPaths;
    expect(excluded).toEqual([...KEY_AUTH_PATHS]);
    expect(excluded).toContain('/api/*');
    expect(excluded.some((p) => p.startsWith('/console'))).toBe(false);
    expect(appSettings()).toMatchObject({ OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: MOCK.identityClientId, WEBSITE_AUTH_AAD_ALLOWED_TENANTS: TENANT.toUpperCase() });
    expect(cloud.one(T.fic).inputs).toMatchObject({
      applicationId: cloud.one(T.application).id,
      subject: MOCK.identityPrincipalId,
      issuer: `https://login.microsoftonline.com/${TENANT.toUpperCase()}/v2.0`,
      audiences: ['api://AzureADTokenExchange'],
    });
  });
});

describe('outputs', () => {
  it('give the URLs and the key command, never a secret', async () => {
    const base = 'https://afmi-func-abc123.azurewebsites.net';
    const values = {
      functionBaseUrl: await valueOf(outputs.functionBaseUrl),
      consoleUrl: await valueOf(outputs.consoleUrl),
      statusUrl: await valueOf(outputs.statusUrl),
      orchestrationStatusUrl: await valueOf(outputs.orchestrationStatusUrl),
      functionKeyCommand: await valueOf(outputs.functionKeyCommand),
      cosmosEndpoint: await valueOf(outputs.cosmosEndpoint),
      identityClientId: await valueOf(outputs.identityClientId),
      o365AppRoles: outputs.o365AppRoles,
    };
    expect(values).toEqual({
      functionBaseUrl: base,
      consoleUrl: `${base}/console/`,
      statusUrl: `${base}/api/status`,
      orchestrationStatusUrl: `${base}/runtime/webhooks/durabletask/instances/collect-${TENANT}`,
      functionKeyCommand: 'az functionapp keys list --resource-group afmi-rg-123 --name afmi-func-abc123 --query functionKeys.default --output tsv',
      cosmosEndpoint: 'https://afmi-cosmos-abc123.documents.azure.com:443/',
      identityClientId: MOCK.identityClientId,
      o365AppRoles: ['ActivityFeed.Read'],
    });
    expect(JSON.stringify(values)).not.toMatch(/InstrumentationKey|code=|sig=/);
  });
});
