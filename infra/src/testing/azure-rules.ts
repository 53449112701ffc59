// What Azure (and the Functions host) would refuse, checked by the mocks at the moment a resource
// is registered, against what was registered before it: a mocked resource otherwise always
// succeeds. Each rule names its source; infra/README's "Why this deploys" table lists them.
import type { RecordedResource } from './mock-cloud';

export interface RuleContext {
  readonly environment: 'public' | 'usgovernment';
  /** Registered before the resource being checked, in order. */
  readonly before: readonly RecordedResource[];
}

export interface AzureRule {
  readonly id: string;
  readonly source: string;
  /** The refusal message, or undefined when Azure would accept. */
  check(resource: RecordedResource, ctx: RuleContext): string | undefined;
}

const T = {
  account: 'azure-native:storage:StorageAccount',
  blob: 'azure-native:storage:Blob',
  identity: 'azure-native:managedidentity:UserAssignedIdentity',
  rbac: 'azure-native:authorization:RoleAssignment',
  cosmosRole: 'azure-native:cosmosdb:SqlResourceSqlRoleAssignment',
  app: 'azure-native:web:WebApp',
  auth: 'azure-native:web:WebAppAuthSettingsV2',
  scheduler: 'azure-native:durabletask:Scheduler',
  taskHub: 'azure-native:durabletask:TaskHub',
  retention: 'azure-native:durabletask:RetentionPolicy',
  appRole: 'azuread:index/appRoleAssignment:AppRoleAssignment',
  application: 'azuread:index/application:Application',
  servicePrincipal: 'azuread:index/servicePrincipal:ServicePrincipal',
  fic: 'azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential',
  command: 'command:local:Command',
} as const;

const ROLE = {
  blobOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  queueContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  tableContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  metricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
  durableTaskData: '0ad04412-c4d5-4796-b79c-f76d14c8d402',
};
const PURGEABLE_STATES = ['Completed', 'Failed', 'Terminated', 'Canceled'];
const AUDIENCE = { public: 'api://AzureADTokenExchange', usgovernment: 'api://AzureADTokenExchangeUSGov' } as const;
const AUTHORITY = { public: 'login.microsoftonline.com', usgovernment: 'login.microsoftonline.us' } as const;

export function settingsOf(app: RecordedResource): Record<string, string> {
  const pairs = (app.inputs.siteConfig as { appSettings?: { name: string; value: string }[] } | undefined)?.appSettings ?? [];
  return Object.fromEntries(pairs.map((p) => [p.name, p.value]));
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const trim = (url: string): string => url.replace(/\/+$/, '');
const ofType = (ctx: RuleContext, type: string) => ctx.before.filter((r) => r.type === type);

/** The user-assigned identities the app runs as (recorded before it). */
function appIdentities(app: RecordedResource, ctx: RuleContext): RecordedResource[] {
  const ids = ((app.inputs.identity as { userAssignedIdentities?: string[] } | undefined)?.userAssignedIdentities ?? []) as string[];
  return ofType(ctx, T.identity).filter((i) => ids.includes(i.id));
}

function accountOfSettings(settings: Record<string, string>, ctx: RuleContext): RecordedResource | undefined {
  const blob = trim(settings.AzureWebJobsStorage__blobServiceUri ?? '');
  const byName = settings.AzureWebJobsStorage__accountName;
  return ofType(ctx, T.account).find((a) => trim(str((a.state.primaryEndpoints as { blob?: string } | undefined)?.blob)) === blob || a.state.name === byName);
}

function hasRole(ctx: RuleContext, principalId: string, roleId: string, scope?: string): boolean {
  return ofType(ctx, T.rbac).some((r) => r.inputs.principalId === principalId && str(r.inputs.roleDefinitionId).endsWith(`/${roleId}`) && (scope === undefined || r.inputs.scope === scope));
}

function trusts(ctx: RuleContext, application: RecordedResource, identity: RecordedResource): boolean {
  return ofType(ctx, T.fic).some(
    (f) =>
      f.inputs.applicationId === application.id &&
      f.inputs.subject === identity.state.principalId &&
      f.inputs.issuer === `https://${AUTHORITY[ctx.environment]}/${str(identity.state.tenantId)}/v2.0` &&
      JSON.stringify(f.inputs.audiences) === JSON.stringify([AUDIENCE[ctx.environment]]),
  );
}

export const AZURE_RULES: readonly AzureRule[] = [
  {
    id: 'blob-needs-shared-key',
    source: 'pulumi-azure-native issue #2015 (open) and PR #3719 (Entra upload reverted): storage.Blob signs data-plane calls with the account key',
    check(resource, ctx) {
      if (resource.type !== T.blob) return undefined;
      const account = ofType(ctx, T.account).find((a) => a.state.name === resource.inputs.accountName);
      return account?.inputs.allowSharedKeyAccess === false ? '403 KeyBasedAuthenticationNotPermitted: the account refuses shared-key requests' : undefined;
    },
  },
  {
    id: 'app-identity-holds-its-roles',
    source: 'Learn: managed identity best practices ("Limitation of using managed identities for authorization": tokens cached ~24 h); functions-reference, identity-based connections need their roles',
    check(app, ctx) {
      if (app.type !== T.app) return undefined;
      const identities = appIdentities(app, ctx);
      const identity = identities[0];
      if (!identity) return 'the app runs as no user-assigned identity created before it: a system-assigned identity is born with the app, so its roles cannot exist when it first starts';
      const principal = str(identity.state.principalId);
      const settings = settingsOf(app);
      const account = accountOfSettings(settings, ctx);
      const missing: string[] = [];
      for (const [role, label] of [
        [ROLE.blobOwner, 'Storage Blob Data Owner'],
        [ROLE.queueContributor, 'Storage Queue Data Contributor'],
        [ROLE.tableContributor, 'Storage Table Data Contributor'],
      ] as const) {
        if (!account || !hasRole(ctx, principal, role, account.id)) missing.push(`${label} on the host storage account`);
      }
      if (!hasRole(ctx, principal, ROLE.metricsPublisher)) missing.push('Monitoring Metrics Publisher');
      if (!ofType(ctx, T.cosmosRole).some((r) => r.inputs.principalId === principal)) missing.push('a Cosmos DB data role');
      if (settings.AzureFunctionsJobHost__extensions__durableTask__storageProvider__type === 'azureManaged') {
        const hub = ofType(ctx, T.taskHub)[0];
        if (!hub || !hasRole(ctx, principal, ROLE.durableTaskData, hub.id)) missing.push('Durable Task Data Contributor on the task hub');
      }
      const o365Principal =
        settings.AUDITFLOW_AUTH_MODE === 'managed-identity'
          ? principal
          : str(ofType(ctx, T.servicePrincipal).find((sp) => sp.inputs.clientId === settings.AUDITFLOW_CLIENT_ID)?.state.objectId);
      if (!ofType(ctx, T.appRole).some((a) => a.inputs.principalObjectId === o365Principal && a.inputs.appRoleId)) missing.push('the Office 365 Management API app role');
      return missing.length > 0 ? `the app would start before its identity holds: ${missing.join(', ')}` : undefined;
    },
  },
  {
    id: 'storage-service-uris',
    source: 'Learn: functions-reference, "Connecting to host storage with an identity" (accountName assumes *.core.windows.net; other clouds need the service URIs)',
    check(app, ctx) {
      if (app.type !== T.app) return undefined;
      const settings = settingsOf(app);
      const uris = ['blob', 'queue', 'table'].map((s) => settings[`AzureWebJobsStorage__${s}ServiceUri`]);
      if (uris.some((u) => !u)) {
        return ctx.environment === 'public' && settings.AzureWebJobsStorage__accountName
          ? undefined
          : 'AzureWebJobsStorage has no blob/queue/table service URIs: outside the public cloud the host cannot reach its storage';
      }
      const account = accountOfSettings(settings, ctx);
      const reported = (account?.state.primaryEndpoints ?? {}) as Record<string, string>;
      const wrong = ['blob', 'queue', 'table'].filter((s, i) => trim(uris[i] as string) !== trim(reported[s] ?? ''));
      return wrong.length > 0 ? `AzureWebJobsStorage service URIs ${wrong.join(', ')} are not the account's primary endpoints` : undefined;
    },
  },
  {
    id: 'usable-api-credential',
    source: 'Learn: workload-identity-federation-config-app-trust-managed-identity (issuer, subject = identity object id, audience per cloud); Flex/Y1 run no custom container and an Azure Files mount needs an account key',
    check(app, ctx) {
      if (app.type !== T.app) return undefined;
      const settings = settingsOf(app);
      const mode = settings.AUDITFLOW_AUTH_MODE;
      if (mode === 'client-certificate' || mode === 'client-secret') return `AUDITFLOW_AUTH_MODE ${mode}: no key or secret can reach a Flex or Y1 app without a key somewhere`;
      const identity = appIdentities(app, ctx)[0];
      if (!identity) return undefined; // reported by app-identity-holds-its-roles
      if (mode === 'managed-identity') return settings.AUDITFLOW_CLIENT_ID === identity.state.clientId ? undefined : 'AUDITFLOW_CLIENT_ID is not the client id of the app\'s identity';
      if (mode !== 'federated-credential') return `AUDITFLOW_AUTH_MODE is ${mode ?? 'unset'}`;
      if (settings.AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID !== identity.state.clientId) return 'AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID is not the client id of the app\'s identity';
      const registration = ofType(ctx, T.application).find((a) => a.state.clientId === settings.AUDITFLOW_CLIENT_ID);
      if (!registration) return 'AUDITFLOW_CLIENT_ID names no app registration created before the app';
      return trusts(ctx, registration, identity) ? undefined : 'the app registration has no federated credential trusting the app\'s identity: the app has no usable credential';
    },
  },
  {
    id: 'package-in-place',
    source: 'Learn: functions-deployment-technologies / run-functions-from-deployment-package (y1 runs from an external blob URL read with WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID); flex-consumption-plan (deprecated settings)',
    check(app, ctx) {
      if (app.type !== T.app) return undefined;
      const settings = settingsOf(app);
      if (app.inputs.functionAppConfig) {
        const refused = ['FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_RUN_FROM_PACKAGE', 'WEBSITE_NODE_DEFAULT_VERSION'].filter((n) => n in settings);
        return refused.length > 0 ? `Flex Consumption refuses the app settings ${refused.join(', ')}` : undefined;
      }
      const url = settings.WEBSITE_RUN_FROM_PACKAGE;
      if (!url) return 'a Linux Consumption app without WEBSITE_RUN_FROM_PACKAGE has no code';
      const uploaded = ofType(ctx, T.command).some((c) => {
        const env = (c.inputs.environment ?? {}) as Record<string, string>;
        return env.BLOB_NAME && `${trim(str(env.BLOB_ENDPOINT))}/${env.CONTAINER}/${env.BLOB_NAME}` === url;
      });
      if (!uploaded) return `WEBSITE_RUN_FROM_PACKAGE ${url} was not uploaded before the app: it starts with no functions`;
      return appIdentities(app, ctx).some((i) => i.id === settings.WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID) ? undefined : 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID is not an identity of the app';
    },
  },
  {
    id: 'scheduler-connection',
    source: 'Learn: durable-task-scheduler identity-based access (Endpoint=...;Authentication=ManagedIdentity;ClientID=<user-assigned client id>)',
    check(app, ctx) {
      if (app.type !== T.app) return undefined;
      const settings = settingsOf(app);
      if (settings.AzureFunctionsJobHost__extensions__durableTask__storageProvider__type !== 'azureManaged') return undefined;
      const name = settings.AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName ?? '';
      const parts = Object.fromEntries((settings[name] ?? '').split(';').map((kv) => kv.split('=') as [string, string]));
      const scheduler = ofType(ctx, T.scheduler)[0];
      const hub = ofType(ctx, T.taskHub)[0];
      const identity = appIdentities(app, ctx)[0];
      if (!scheduler || parts.Endpoint !== trim(str((scheduler.state.properties as { endpoint?: string }).endpoint))) return 'the scheduler connection does not name the scheduler\'s endpoint';
      if (parts.Authentication !== 'ManagedIdentity' || parts.ClientID !== identity?.state.clientId) return 'the scheduler connection does not use the app\'s user-assigned identity';
      if (!hub || settings.AzureFunctionsJobHost__extensions__durableTask__hubName !== hub.state.name) return 'the task hub name is not the task hub\'s';
      return undefined;
    },
  },
  {
    id: 'scheduler-properties',
    source: 'azure-native durabletask.Scheduler schema: properties.ipAllowlist and properties.sku are required; sku Dedicated | Consumption',
    check(resource) {
      if (resource.type !== T.scheduler) return undefined;
      const p = (resource.inputs.properties ?? {}) as { ipAllowlist?: unknown; sku?: { name?: string } };
      if (!Array.isArray(p.ipAllowlist)) return 'properties.ipAllowlist is required';
      return p.sku?.name === 'Consumption' || p.sku?.name === 'Dedicated' ? undefined : 'properties.sku.name must be Dedicated or Consumption';
    },
  },
  {
    id: 'scheduler-retention-policy',
    source: 'azure-native durabletask.RetentionPolicy schema (API 2026-02-01): on an existing scheduler; retentionPeriodInDays required; orchestrationState a PurgeableOrchestrationState (Completed | Failed | Terminated | Canceled): running instances cannot be purged',
    check(resource, ctx) {
      if (resource.type !== T.retention) return undefined;
      if (!ofType(ctx, T.scheduler).some((s) => s.state.name === resource.inputs.schedulerName)) return `the retention policy names scheduler ${str(resource.inputs.schedulerName) || '(unset)'}, which does not exist`;
      const policies = ((resource.inputs.properties as { retentionPolicies?: unknown[] } | undefined)?.retentionPolicies ?? []) as { orchestrationState?: unknown; retentionPeriodInDays?: unknown }[];
      const problems = policies.flatMap((p, i) => [
        ...(p.orchestrationState === undefined || PURGEABLE_STATES.includes(str(p.orchestrationState)) ? [] : [`retentionPolicies[${i}].orchestrationState ${str(p.orchestrationState)} is not purgeable (${PURGEABLE_STATES.join(', ')})`]),
        ...(Number.isInteger(p.retentionPeriodInDays) ? [] : [`retentionPolicies[${i}].retentionPeriodInDays is required (whole days)`]),
      ]);
      return problems.length > 0 ? problems.join('; ') : undefined;
    },
  },
  {
    id: 'easy-auth-credential',
    source: 'Learn: configure-authentication-provider-aad, "Use a managed identity instead of a secret" (OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID + a federated credential)',
    check(auth, ctx) {
      if (auth.type !== T.auth) return undefined;
      const app = ofType(ctx, T.app).find((a) => a.state.name === auth.inputs.name);
      if (!app) return 'authSettingsV2 for an app that does not exist';
      const aad = (auth.inputs.identityProviders as { azureActiveDirectory?: { registration?: { clientId?: string; clientSecretSettingName?: string } } } | undefined)?.azureActiveDirectory?.registration;
      const settingName = aad?.clientSecretSettingName;
      const settings = settingsOf(app);
      if (!settingName || settings[settingName] === undefined) return `clientSecretSettingName ${settingName ?? '(unset)'} names no app setting: sign-in cannot redeem codes`;
      if (settingName !== 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID') return `${settingName} would hold a client secret`;
      const identity = appIdentities(app, ctx).find((i) => i.state.clientId === settings[settingName]);
      const registration = ofType(ctx, T.application).find((a) => a.state.clientId === aad?.clientId);
      if (!identity || !registration || !trusts(ctx, registration, identity)) return 'the sign-in registration does not trust the identity named by OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID';
      return undefined;
    },
  },
];
