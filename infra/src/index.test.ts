// The program entry (index.ts) reading real stack config under mocks, in the other shape:
// app registration with a certificate, Flex Consumption, provisioned throughput, DLP collected.
import * as pulumi from '@pulumi/pulumi';
import { loadConfig } from '@auditflow/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK, installMockCloud, unwrapSecret, valueOf, type MockCloud } from './testing/mock-cloud';
import { createPackageFixture, type PackageFixture } from './testing/package-fixture';

const TENANT = '99999999-8888-7777-6666-555555555555';
// Any PEM-shaped certificate will do for the mocks; the program only checks the shape.
const CERTIFICATE = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUFAKEFAKEFAKEFAKEFAKEFAKEFAKEwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----';

let cloud: MockCloud;
let fixture: PackageFixture;
let stack: Record<string, unknown>;

beforeAll(async () => {
  cloud = await installMockCloud({ stack: 'other-tenant' });
  fixture = createPackageFixture();
  pulumi.runtime.setAllConfig({
    'auditflow:tenantId': TENANT,
    'auditflow:cloud': 'GCC',
    'auditflow:location': 'eastus2',
    'auditflow:namePrefix': 'afreg',
    'auditflow:contentTypes': 'Audit.General,DLP.All',
    'auditflow:retentionDays': '365',
    'auditflow:schedule': '0 */10 * * * *',
    'auditflow:identityMode': 'app-registration',
    'auditflow:clientCertificate': CERTIFICATE,
    'auditflow:clientCertificatePath': '/mounts/certs/collector.pem',
    'auditflow:throughputMode': 'provisioned',
    'auditflow:throughput': '1000',
    'auditflow:planKind': 'flex',
    'auditflow:packageDir': fixture.dir,
  });
  stack = (await import('./index.js')) as Record<string, unknown>;
  await cloud.settled();
});
afterAll(() => fixture.remove());

function inputsOf(type: string): Record<string, unknown> {
  return cloud.one(type).inputs;
}

describe('index.ts with an app registration, Flex Consumption, provisioned throughput and DLP', () => {
  it('registers a multi-tenant app with the public certificate and both app roles', () => {
    expect(inputsOf('azuread:index/application:Application')).toMatchObject({
      signInAudience: 'AzureADMultipleOrgs',
      requiredResourceAccesses: [
        {
          resourceAppId: 'c5393580-f805-4401-95e8-94b7a6ef2fc2',
          resourceAccesses: [
            { id: MOCK.appRoleIds['ActivityFeed.Read'], type: 'Role' },
            { id: MOCK.appRoleIds['ActivityFeed.ReadDlp'], type: 'Role' },
          ],
        },
      ],
    });
    const certificate = inputsOf('azuread:index/applicationCertificate:ApplicationCertificate');
    expect(certificate).toMatchObject({ type: 'AsymmetricX509Cert', encoding: 'pem' });
    // The provider marks the value secret in state even though it is only the public certificate.
    expect(unwrapSecret(certificate.value)).toBe(CERTIFICATE);
    expect(inputsOf('azuread:index/servicePrincipal:ServicePrincipal')).toMatchObject({ clientId: MOCK.registrationClientId });
  });

  it('assigns ActivityFeed.Read and ActivityFeed.ReadDlp (DLP.All is collected) to the registration', () => {
    const assignments = cloud.ofType('azuread:index/appRoleAssignment:AppRoleAssignment').map((r) => r.inputs);
    expect(assignments).toEqual([
      { appRoleId: '594c1fb6-4f81-4475-ae41-0c394909246c', principalObjectId: MOCK.registrationPrincipalId, resourceObjectId: MOCK.o365ServicePrincipalId },
      { appRoleId: '4807a72c-ad38-4250-94c9-4eabfe26cd55', principalObjectId: MOCK.registrationPrincipalId, resourceObjectId: MOCK.o365ServicePrincipalId },
    ]);
  });

  it('runs on Flex Consumption with Node 22 and the deployment container read by the system identity', () => {
    expect(inputsOf('azure-native:web:AppServicePlan')).toMatchObject({ reserved: true, sku: { name: 'FC1', tier: 'FlexConsumption' } });
    const app = inputsOf('azure-native:web:WebApp');
    expect(app).toMatchObject({
      httpsOnly: true,
      identity: { type: 'SystemAssigned' },
      siteConfig: { ftpsState: 'Disabled', minTlsVersion: '1.2' },
      functionAppConfig: {
        deployment: {
          storage: {
            type: 'blobContainer',
            value: 'https://afregstabc12345.blob.core.windows.net/deployments',
            authentication: { type: 'SystemAssignedIdentity' },
          },
        },
        runtime: { name: 'node', version: '22' },
      },
    });
    expect((app.siteConfig as Record<string, unknown>).linuxFxVersion).toBeUndefined();
  });

  it('gives the app a client-certificate config without any secret, naming the registration', () => {
    const pairs = (inputsOf('azure-native:web:WebApp').siteConfig as { appSettings: { name: string; value: string }[] }).appSettings;
    const settings = Object.fromEntries(pairs.map((p) => [p.name, p.value]));
    expect(loadConfig(settings)).toMatchObject({
      tenantId: TENANT,
      cloud: 'GCC',
      authMode: 'client-certificate',
      clientId: MOCK.registrationClientId,
      clientCertificatePath: '/mounts/certs/collector.pem',
      contentTypes: ['Audit.General', 'DLP.All'],
      schedule: '0 */10 * * * *',
      retentionDays: 365,
    });
    for (const name of ['FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_RUN_FROM_PACKAGE', 'AUDITFLOW_CLIENT_SECRET']) {
      expect(settings[name], name).toBeUndefined();
    }
    expect(JSON.stringify(settings)).not.toContain('BEGIN');
  });

  it('provisions database throughput and TTL from the retention days', () => {
    expect(inputsOf('azure-native:cosmosdb:DatabaseAccount').capabilities).toEqual([]);
    expect(inputsOf('azure-native:cosmosdb:SqlResourceSqlDatabase').options).toEqual({ throughput: 1000 });
    const events = cloud.ofType('azure-native:cosmosdb:SqlResourceSqlContainer').find((c) => c.inputs.containerName === 'events');
    expect((events?.inputs.resource as Record<string, unknown>).defaultTtl).toBe(365 * 86_400);
  });

  it('exports the outputs, with the consent URL of the collected tenant', async () => {
    expect(Object.keys(stack).sort()).toEqual(
      [
        'adminConsentUrl',
        'cosmosDatabase',
        'cosmosEndpoint',
        'functionAppName',
        'functionBaseUrl',
        'functionKeyCommand',
        'publishCommand',
        'syncTriggersCommand',
        'o365AppRoles',
        'o365ClientId',
        'o365PrincipalId',
        'orchestrationStatusUrl',
        'rerunUrl',
        'resourceGroupName',
        'statusUrl',
      ].sort(),
    );
    expect(await valueOf(stack.adminConsentUrl as pulumi.Output<string>)).toBe(
      `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${MOCK.registrationClientId}`,
    );
    expect(await valueOf(stack.o365ClientId as pulumi.Output<string>)).toBe(MOCK.registrationClientId);
    expect(stack.o365AppRoles).toEqual(['ActivityFeed.Read', 'ActivityFeed.ReadDlp']);
    // Flex activates a package through OneDeploy only: the output says exactly how.
    expect(await valueOf(stack.publishCommand as pulumi.Output<string>)).toBe(
      `ZIP="$(mktemp -d)/ingest-func.zip" && (cd ${fixture.dir} && zip -qr "$ZIP" .) && az functionapp deployment source config-zip --resource-group afreg-rg-123 --name afreg-func-abc123 --src "$ZIP"`,
    );
  });
});

