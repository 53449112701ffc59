// app-registration mode (collecting another tenant) under mocks, in DoD: a multi-tenant app
// registration owned by the deployer whose only credential is a federated one trusted from the
// app's identity (C3), and settings the app's libs/config accepts.
import { loadConfig } from '@auditflow/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateStackConfig } from './stack-config';
import { settingsOf } from './testing/azure-rules';
import { MOCK, installMockCloud, valueOf, type MockCloud } from './testing/mock-cloud';
import { createPackageFixture, type PackageFixture } from './testing/package-fixture';
import type { AuditflowStackOutputs } from './program';

const COLLECTED = '77777777-2222-3333-4444-555555555555';
const HOME = '88888888-2222-3333-4444-555555555555';
const FIC = 'azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential';

let cloud: MockCloud;
let fixture: PackageFixture;
let outputs: AuditflowStackOutputs;

beforeAll(async () => {
  cloud = await installMockCloud({ stack: 'dod', environment: 'usgovernment', subscriptionTenantId: HOME });
  fixture = createPackageFixture();
  const { createAuditflowStack } = await import('./program.js');
  outputs = createAuditflowStack(
    validateStackConfig(
      { tenantId: COLLECTED, location: 'usgovarizona', namePrefix: 'afreg', cloud: 'DoD', identityMode: 'app-registration', contentTypes: 'DLP.All', packageDir: fixture.dir },
      { providerEnvironments: { azureNative: 'usgovernment', azuread: 'usgovernment' } },
    ),
  );
  await cloud.settled();
});
afterAll(() => fixture.remove());

const registration = () => cloud.ofType('azuread:index/application:Application').find((a) => a.name === 'afreg-o365-app');

describe('app-registration mode', () => {
  it('deploys with no refusal, although the subscription is in another tenant than the one collected', () => {
    expect(cloud.refusals).toEqual([]);
  });

  it('registers a multi-tenant app and its service principal, both owned by the deployer, with no password or certificate', () => {
    expect(registration()?.inputs).toMatchObject({ signInAudience: 'AzureADMultipleOrgs', owners: [MOCK.deployerObjectId] });
    const sp = cloud.ofType('azuread:index/servicePrincipal:ServicePrincipal').find((s) => s.inputs.clientId === MOCK.registrationClientId);
    expect(sp?.inputs.owners).toEqual([MOCK.deployerObjectId]);
    expect(cloud.resources.filter((r) => /certificate|password|secret/i.test(r.type))).toEqual([]);
  });

  it('trusts the app identity from the identity\'s own tenant at the Azure Government authority and audience', () => {
    const fic = cloud.ofType(FIC).find((f) => f.inputs.applicationId === registration()?.id);
    expect(fic?.inputs).toMatchObject({ subject: MOCK.identityPrincipalId, issuer: `https://login.microsoftonline.us/${HOME}/v2.0`, audiences: ['api://AzureADTokenExchangeUSGov'] });
    expect(cloud.resources.indexOf(fic as never)).toBeLessThan(cloud.resources.indexOf(cloud.one('azure-native:web:WebApp')));
  });

  it('gives the app the federated-credential settings (C3), which libs/config accepts', () => {
    const settings = settingsOf(cloud.one('azure-native:web:WebApp'));
    expect(loadConfig(settings)).toMatchObject({
      tenantId: COLLECTED,
      cloud: 'DoD',
      authMode: 'federated-credential',
      clientId: MOCK.registrationClientId,
      managedIdentityClientId: MOCK.identityClientId,
    });
  });

  it('assigns both app roles (DLP) to the registration and outputs the collected tenant\'s consent URL', async () => {
    const roles = cloud.ofType('azuread:index/appRoleAssignment:AppRoleAssignment').filter((r) => r.inputs.resourceObjectId === MOCK.o365ServicePrincipalId);
    expect(roles.map((r) => r.inputs.principalObjectId)).toEqual([MOCK.registrationPrincipalId, MOCK.registrationPrincipalId]);
    expect(await valueOf(outputs.adminConsentUrl)).toBe(`https://login.microsoftonline.us/${COLLECTED}/adminconsent?client_id=${MOCK.registrationClientId}`);
  });
});
