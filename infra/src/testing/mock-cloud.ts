// Pulumi mocks standing in for Azure and Entra ID in tests: records every resource the program
// registers, answers the two look-ups it makes (client config, the Office 365 service principal
// with the literal app role ids of o365-api.md), reports endpoints the way each cloud's resources
// do, and checks every registration against AZURE_RULES (what Azure would refuse), recording
// refusals. Call installMockCloud() BEFORE importing the program.
import * as pulumi from '@pulumi/pulumi';
import { AZURE_RULES, type AzureRule } from './azure-rules';

export const MOCK = Object.freeze({
  subscriptionId: '00000000-1111-2222-3333-444444444444',
  deployerObjectId: 'dddddddd-0000-0000-0000-000000000001',
  identityPrincipalId: 'aaaaaaaa-0000-0000-0000-000000000002',
  identityClientId: 'aaaaaaaa-0000-0000-0000-0000000000c1',
  o365ServicePrincipalId: 'cccccccc-0000-0000-0000-000000000003',
  registrationClientId: 'bbbbbbbb-0000-0000-0000-000000000004',
  registrationPrincipalId: 'bbbbbbbb-0000-0000-0000-000000000005',
  signInClientId: 'eeeeeeee-0000-0000-0000-000000000006',
  signInPrincipalId: 'eeeeeeee-0000-0000-0000-000000000007',
  appRoleIds: Object.freeze({
    'ActivityFeed.Read': '594c1fb6-4f81-4475-ae41-0c394909246c',
    'ActivityFeed.ReadDlp': '4807a72c-ad38-4250-94c9-4eabfe26cd55',
    'ServiceHealth.Read': 'e2cea78f-e743-4d8f-a16a-75b629a038ae',
  }),
  appInsightsConnectionString:
    'InstrumentationKey=00000000-aaaa-bbbb-cccc-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
});

/** Host suffixes as each cloud's resources report them (the program must never build these). */
export const SUFFIXES = Object.freeze({
  public: { storage: 'core.windows.net', cosmos: 'documents.azure.com', web: 'azurewebsites.net', scheduler: 'durabletask.io' },
  usgovernment: { storage: 'core.usgovcloudapi.net', cosmos: 'documents.azure.us', web: 'azurewebsites.us', scheduler: 'durabletask.azure.us' },
});

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly id: string;
  readonly inputs: Record<string, unknown>;
  readonly state: Record<string, unknown>;
}

export interface Refusal {
  readonly rule: string;
  readonly resource: string;
  readonly message: string;
}

export interface MockCloud {
  readonly resources: RecordedResource[];
  readonly calls: { token: string; inputs: Record<string, unknown> }[];
  /** What Azure would have refused (AZURE_RULES), in order. */
  readonly refusals: Refusal[];
  /** Resolves once no new resource has been registered for a while (all applies settled). */
  settled(): Promise<void>;
  ofType(type: string): RecordedResource[];
  one(type: string): RecordedResource;
}

export interface MockCloudOptions {
  readonly project?: string;
  readonly stack?: string;
  readonly subscriptionTenantId?: string;
  readonly environment?: 'public' | 'usgovernment';
  readonly rules?: readonly AzureRule[];
}

function stateFor(type: string, name: string, inputs: Record<string, unknown>, options: MockCloudOptions): Record<string, unknown> {
  const str = (key: string) => (typeof inputs[key] === 'string' ? (inputs[key] as string) : undefined);
  const suffix = SUFFIXES[options.environment ?? 'public'];
  switch (type) {
    case 'azure-native:resources:ResourceGroup':
      return { name: str('resourceGroupName') ?? `${name}-123` };
    case 'azure-native:managedidentity:UserAssignedIdentity':
      return { name: `${name}-abc123`, principalId: MOCK.identityPrincipalId, clientId: MOCK.identityClientId, tenantId: options.subscriptionTenantId ?? 'home-tenant-id' };
    case 'azure-native:storage:StorageAccount': {
      const account = `${name}abc12345`;
      const endpoint = (service: string) => `https://${account}.${service}.${suffix.storage}/`;
      return { name: account, primaryEndpoints: { blob: endpoint('blob'), queue: endpoint('queue'), table: endpoint('table'), file: endpoint('file') } };
    }
    case 'azure-native:storage:BlobContainer':
      return { name: str('containerName') };
    case 'azure-native:storage:Blob':
      return { name: str('blobName') };
    case 'azure-native:cosmosdb:DatabaseAccount':
      return { name: `${name}-abc123`, documentEndpoint: `https://${name}-abc123.${suffix.cosmos}:443/` };
    case 'azure-native:cosmosdb:SqlResourceSqlDatabase':
      return { name: str('databaseName') };
    case 'azure-native:cosmosdb:SqlResourceSqlContainer':
      return { name: str('containerName') };
    case 'azure-native:applicationinsights:Component':
      return { connectionString: MOCK.appInsightsConnectionString };
    case 'azure-native:durabletask:Scheduler':
      return { name: `${name}-abc123`, properties: { ...(inputs.properties as object), endpoint: `https://${name}-abc123.${str('location')}.${suffix.scheduler}` } };
    case 'azure-native:durabletask:TaskHub':
      return {
        name: str('taskHubName'),
        properties: { dashboardUrl: `https://dashboard.${suffix.scheduler}/subscriptions/${MOCK.subscriptionId}/schedulers/${str('schedulerName')}/taskhubs/${str('taskHubName')}` },
      };
    case 'azure-native:web:WebApp':
      return { name: `${name}-abc123`, defaultHostName: `${name}-abc123.${suffix.web}` };
    case 'azuread:index/application:Application':
      return name.endsWith('-console-app')
        ? { clientId: MOCK.signInClientId, objectId: 'eeeeeeee-0000-0000-0000-00000000000a' }
        : { clientId: MOCK.registrationClientId, objectId: 'bbbbbbbb-0000-0000-0000-00000000000a' };
    case 'azuread:index/servicePrincipal:ServicePrincipal':
      return { objectId: inputs.clientId === MOCK.signInClientId ? MOCK.signInPrincipalId : MOCK.registrationPrincipalId };
    default:
      return {};
  }
}

export async function installMockCloud(options: MockCloudOptions = {}): Promise<MockCloud> {
  const resources: RecordedResource[] = [];
  const calls: { token: string; inputs: Record<string, unknown> }[] = [];
  const refusals: Refusal[] = [];
  const rules = options.rules ?? AZURE_RULES;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        const extra = stateFor(args.type, args.name, inputs, options);
        const resourceName = typeof extra.name === 'string' ? extra.name : args.name;
        const id = args.type.startsWith('azuread:')
          ? `/applications/${args.name}`
          : `/subscriptions/${MOCK.subscriptionId}/resourceGroups/rg/providers/${args.type}/${resourceName}`;
        const record: RecordedResource = { type: args.type, name: args.name, id, inputs, state: { ...inputs, ...extra } };
        const ctx = { environment: options.environment ?? 'public', before: [...resources] } as const;
        for (const rule of rules) {
          const message = rule.check(record, ctx);
          if (message) refusals.push({ rule: rule.id, resource: args.name, message });
        }
        resources.push(record);
        return { id, state: record.state };
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
    refusals,
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
