// Pulumi mocks standing in for Azure and Entra ID in tests: records every resource the program
// registers and answers the two look-ups it makes (client config, the Office 365 service
// principal, returning the literal app role ids of o365-api.md). Call installMockCloud() BEFORE
// importing the program.
import * as pulumi from '@pulumi/pulumi';

export const MOCK = Object.freeze({
  subscriptionId: '00000000-1111-2222-3333-444444444444',
  deployerObjectId: 'dddddddd-0000-0000-0000-000000000001',
  appPrincipalId: 'aaaaaaaa-0000-0000-0000-000000000002',
  o365ServicePrincipalId: 'cccccccc-0000-0000-0000-000000000003',
  registrationClientId: 'bbbbbbbb-0000-0000-0000-000000000004',
  registrationPrincipalId: 'bbbbbbbb-0000-0000-0000-000000000005',
  appRoleIds: Object.freeze({
    'ActivityFeed.Read': '594c1fb6-4f81-4475-ae41-0c394909246c',
    'ActivityFeed.ReadDlp': '4807a72c-ad38-4250-94c9-4eabfe26cd55',
    'ServiceHealth.Read': 'e2cea78f-e743-4d8f-a16a-75b629a038ae',
  }),
  appInsightsConnectionString:
    'InstrumentationKey=00000000-aaaa-bbbb-cccc-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
});

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly id: string;
  readonly inputs: Record<string, unknown>;
  readonly state: Record<string, unknown>;
}

export interface MockCloud {
  readonly resources: RecordedResource[];
  readonly calls: { token: string; inputs: Record<string, unknown> }[];
  /** Resolves once no new resource has been registered for a while (all applies settled). */
  settled(): Promise<void>;
  ofType(type: string): RecordedResource[];
  one(type: string): RecordedResource;
}

function stateFor(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const str = (key: string) => (typeof inputs[key] === 'string' ? (inputs[key] as string) : undefined);
  switch (type) {
    case 'azure-native:resources:ResourceGroup':
      return { name: str('resourceGroupName') ?? `${name}-123` };
    case 'azure-native:storage:StorageAccount': {
      const account = `${name}abc12345`;
      return { name: account, primaryEndpoints: { blob: `https://${account}.blob.core.windows.net/` } };
    }
    case 'azure-native:storage:BlobContainer':
      return { name: str('containerName') };
    case 'azure-native:storage:Blob':
      return { name: str('blobName') };
    case 'azure-native:cosmosdb:DatabaseAccount':
      return { name: `${name}-abc123`, documentEndpoint: `https://${name}-abc123.documents.azure.com:443/` };
    case 'azure-native:cosmosdb:SqlResourceSqlDatabase':
      return { name: str('databaseName') };
    case 'azure-native:cosmosdb:SqlResourceSqlContainer':
      return { name: str('containerName') };
    case 'azure-native:applicationinsights:Component':
      return { connectionString: MOCK.appInsightsConnectionString };
    case 'azure-native:web:WebApp':
      return {
        name: `${name}-abc123`,
        defaultHostName: `${name}-abc123.azurewebsites.net`,
        identity: { type: 'SystemAssigned', principalId: MOCK.appPrincipalId },
      };
    case 'azuread:index/application:Application':
      return { clientId: MOCK.registrationClientId, objectId: 'bbbbbbbb-0000-0000-0000-00000000000a' };
    case 'azuread:index/servicePrincipal:ServicePrincipal':
      return { objectId: MOCK.registrationPrincipalId };
    default:
      return {};
  }
}

export async function installMockCloud(options: { project?: string; stack?: string; subscriptionTenantId?: string } = {}): Promise<MockCloud> {
  const resources: RecordedResource[] = [];
  const calls: { token: string; inputs: Record<string, unknown> }[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        const extra = stateFor(args.type, args.name, inputs);
        const resourceName = typeof extra.name === 'string' ? extra.name : args.name;
        const id = `/subscriptions/${MOCK.subscriptionId}/resourceGroups/rg/providers/${args.type}/${resourceName}`;
        const state = { ...inputs, ...extra };
        resources.push({ type: args.type, name: args.name, id, inputs, state });
        return { id, state };
      },
      call(args) {
        calls.push({ token: args.token, inputs: (args.inputs ?? {}) as Record<string, unknown> });
        if (args.token === 'azure-native:authorization:getClientConfig') {
          return { clientId: 'deployer-client', objectId: MOCK.deployerObjectId, subscriptionId: MOCK.subscriptionId, tenantId: options.subscriptionTenantId ?? 'home-tenant-id' };
        }
        if (args.token === 'azuread:index/getServicePrincipal:getServicePrincipal') {
          return { objectId: MOCK.o365ServicePrincipalId, clientId: args.inputs.clientId, appRoleIds: { ...MOCK.appRoleIds } };
        }
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    options.project ?? 'auditflow',
    options.stack ?? 'test',
    false,
  );
  return {
    resources,
    calls,
    async settled() {
      let stableRounds = 0;
      let last = -1;
      while (stableRounds < 10) {
        await new Promise((r) => setTimeout(r, 10));
        if (resources.length === last) stableRounds += 1;
        else stableRounds = 0;
        last = resources.length;
      }
    },
    ofType: (type) => resources.filter((r) => r.type === type),
    one(type) {
      const found = resources.filter((r) => r.type === type);
      if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
      return found[0] as RecordedResource;
    },
  };
}

/** The value of an Output (tests only: mocks resolve everything). */
export function valueOf<T>(output: pulumi.Input<T> | undefined): Promise<T | undefined> {
  if (output === undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => pulumi.output(output).apply((v) => resolve(v as T)));
}

// How the mock monitor hands over a value the schema marks secret.
const SECRET_SIG = '4dabf18193072939515e22adb298388d';

/** The plain value of a (possibly secret-wrapped) recorded input. */
export function unwrapSecret(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && SECRET_SIG in value) return (value as { value?: unknown }).value;
  return value;
}
