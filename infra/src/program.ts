// The whole stack from a validated StackConfig. Order is the point: the user-assigned identity
// first, then everything it must hold (Office 365 app roles or the registration that trusts it,
// storage, Cosmos DB, scheduler, monitoring grants) and, on y1, the uploaded package; the Function
// App last, depending on all of it; then the steps that need the app (publish or trigger sync,
// console sign-in). Kept apart from index.ts (which reads Pulumi config) so tests build it under
// mocks with any config.
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import * as resources from '@pulumi/azure-native/resources';
import { auditflowAppSettings, platformAppSettings, type DurableSettingsInput } from './app-settings';
import { AppIdentity } from './components/app-identity';
import { ConsoleSignIn, MI_ASSERTION_SETTING } from './components/console-sign-in';
import { CosmosStore } from './components/cosmos-store';
import { DurableScheduler } from './components/durable-scheduler';
import { FunctionApp } from './components/function-app';
import { Monitoring } from './components/monitoring';
import { O365Identity } from './components/o365-identity';
import { activatePackage, uploadPackage } from './components/package-publish';
import { AccessGrants, type NamedGrant } from './components/role-assignment';
import { AppStorage } from './components/storage-account';
import { defaultPackageDir, locateFunctionPackage } from './function-package';
import { BUILT_IN_ROLES } from './role-ids';
import { StackConfigError, managedIdentityTenantProblem, type StackConfig } from './stack-config';

/** Stack outputs: endpoints and commands, never a secret. */
export interface AuditflowStackOutputs {
  readonly resourceGroupName: pulumi.Output<string>;
  readonly functionAppName: pulumi.Output<string>;
  readonly functionBaseUrl: pulumi.Output<string>;
  readonly statusUrl: pulumi.Output<string>;
  readonly rerunUrl: pulumi.Output<string>;
  readonly consoleUrl: pulumi.Output<string>;
  /** Durable status of the collection orchestration (send the durabletask_extension system key as x-functions-key). */
  readonly orchestrationStatusUrl: pulumi.Output<string>;
  readonly functionKeyCommand: pulumi.Output<string>;
  /** Scheduler backend: the task hub's dashboard. */
  readonly dashboardUrl?: pulumi.Output<string>;
  readonly cosmosEndpoint: pulumi.Output<string>;
  readonly cosmosDatabase: string;
  readonly identityClientId: pulumi.Output<string>;
  readonly o365PrincipalId: pulumi.Output<string>;
  readonly o365AppRoles: readonly string[];
  readonly consoleSignInClientId: pulumi.Output<string>;
  /** app-registration mode: client id and where the collected tenant's admin consents. */
  readonly o365ClientId?: pulumi.Output<string>;
  readonly adminConsentUrl?: pulumi.Output<string>;
}

export function createAuditflowStack(config: StackConfig): AuditflowStackOutputs {
  // Fails before any resource when the package is not built.
  const functionPackage = locateFunctionPackage(config.packageDir ?? defaultPackageDir());
  const client = authorization.getClientConfigOutput();
  const prefix = config.namePrefix;
  const scheduler = config.durableBackend === 'scheduler';
  // Checked before any grant: a wrong tenant fails the update before an app role is assigned.
  const subscriptionTenantId = client.tenantId.apply((tenantId) => {
    const problem = managedIdentityTenantProblem(config, tenantId);
    if (problem) throw new StackConfigError([problem]);
    return tenantId;
  });

  const group = new resources.ResourceGroup(`${prefix}-rg`, { location: config.location });
  const where = { resourceGroupName: group.name, location: config.location, namePrefix: prefix };
  const { identity } = new AppIdentity(`${prefix}-identity`, where);
  // What the Office 365 grants and federated credentials name: gated on the tenant check above.
  const appIdentity = {
    principalId: pulumi.all([identity.principalId, subscriptionTenantId]).apply(([principalId]) => principalId),
    tenantId: pulumi.all([identity.tenantId, subscriptionTenantId]).apply(([tenantId]) => tenantId),
  };

  const storage = new AppStorage(`${prefix}-storage`, {
    ...where,
    deployerObjectId: client.objectId,
    subscriptionId: client.subscriptionId,
    ...(scheduler ? {} : { taskHubName: functionPackage.taskHubName }),
  });
  const cosmos = new CosmosStore(`${prefix}-cosmos`, {
    ...where,
    databaseName: config.cosmosDatabase,
    retentionDays: config.retentionDays,
    throughputMode: config.throughputMode,
    throughput: config.throughput,
  });
  const monitoring = new Monitoring(`${prefix}-monitoring`, where);
  const durable = scheduler ? new DurableScheduler(`${prefix}-durable`, { ...where, taskHubName: functionPackage.taskHubName }) : undefined;

  const o365 =
    config.identityMode === 'app-registration'
      ? new O365Identity(`${prefix}-o365`, {
          mode: 'app-registration',
          displayName: `${prefix} auditflow collector`,
          tenantId: config.tenantId,
          cloud: config.cloud,
          azureCloud: config.azureCloud,
          ownerObjectId: client.objectId,
          identity: appIdentity,
          contentTypes: config.contentTypes,
        })
      : new O365Identity(`${prefix}-o365`, { mode: 'managed-identity', identity: appIdentity, contentTypes: config.contentTypes });

  const signIn = new ConsoleSignIn(`${prefix}-console`, {
    displayName: `${prefix} auditflow console`,
    azureCloud: config.azureCloud,
    tenantId: client.tenantId,
    ownerObjectId: client.objectId,
    identity: appIdentity,
    investigators: config.investigators,
  });

  const app = (roleId: string, scope: pulumi.Input<string>, name: string): NamedGrant => ({ name, principalId: identity.principalId, principalType: 'ServicePrincipal', roleId, scope });
  const grants = new AccessGrants(`${prefix}-app-access`, {
    subscriptionId: client.subscriptionId,
    rbac: [
      // Host leases and timers; the task hub (Azure Storage backend); the package (y1) or the deployment container (flex).
      app(BUILT_IN_ROLES.storageBlobDataOwner, storage.accountId, 'blob-owner'),
      app(BUILT_IN_ROLES.storageQueueDataContributor, storage.accountId, 'queue-contributor'),
      app(BUILT_IN_ROLES.storageTableDataContributor, storage.accountId, 'table-contributor'),
      app(BUILT_IN_ROLES.monitoringMetricsPublisher, monitoring.appInsights.id, 'metrics-publisher'),
      ...(durable ? [app(BUILT_IN_ROLES.durableTaskDataContributor, durable.taskHubId, 'durable-task')] : []),
    ],
    cosmos: { principalId: identity.principalId, resourceGroupName: group.name, accountName: cosmos.account.name, accountId: cosmos.account.id, databaseName: cosmos.databaseName },
    dependsOn: [cosmos.eventsContainer, cosmos.checkpointsContainer],
  });
  new AccessGrants(`${prefix}-operators`, { subscriptionId: client.subscriptionId, rbac: operatorGrants(config, storage, durable) });

  const upload =
    config.planKind === 'y1'
      ? uploadPackage(`${prefix}-package-upload`, {
          functionPackage,
          blobEndpoint: storage.endpoints.blob,
          containerName: storage.deploymentContainer.name,
          dependsOn: [storage.deployerUpload],
        })
      : undefined;
  const packageUrl = pulumi.interpolate`${storage.deploymentContainerUrl}/${functionPackage.blobName}`;

  const durableSettings: pulumi.Output<DurableSettingsInput> = durable
    ? pulumi.all([durable.endpoint, durable.taskHubName]).apply(([endpoint, taskHubName]) => ({ backend: 'scheduler' as const, endpoint, taskHubName }))
    : pulumi.output({ backend: 'azureStorage' as const });
  // pulumi.all types tuples of up to 8: two steps.
  const identityAndStores = pulumi
    .all([cosmos.endpoint, identity.clientId, identity.id, o365.clientId ?? pulumi.output<string | undefined>(undefined), durable ? durable.dashboardUrl : pulumi.output<string | undefined>(undefined)])
    .apply(([cosmosEndpoint, clientId, resourceId, registrationClientId, dashboardUrl]) => ({ cosmosEndpoint, clientId, resourceId, registrationClientId, dashboardUrl }));
  const appSettings = pulumi
    .all([identityAndStores, storage.endpoints, monitoring.connectionString, packageUrl, durableSettings, client.tenantId])
    .apply(([ids, endpoints, appInsights, blobUrl, durableInput, tenantId]) => ({ ...ids, endpoints, appInsights, blobUrl, durableInput, tenantId }))
    .apply((v) => ({
      ...platformAppSettings({
        planKind: config.planKind,
        storage: v.endpoints,
        identity: { clientId: v.clientId, resourceId: v.resourceId },
        appInsightsConnectionString: v.appInsights,
        ...(config.planKind === 'y1' ? { packageUrl: v.blobUrl } : {}),
        durable: v.durableInput,
        signIn: { tenantId: v.tenantId, assertionSetting: MI_ASSERTION_SETTING },
      }),
      ...auditflowAppSettings(config, {
        cosmosEndpoint: v.cosmosEndpoint,
        identityClientId: v.clientId,
        ...(v.registrationClientId ? { registrationClientId: v.registrationClientId } : {}),
        ...(v.dashboardUrl ? { dashboardUrl: v.dashboardUrl } : {}),
      }),
    }));

  const functionApp = new FunctionApp(`${prefix}-functions`, {
    ...where,
    planKind: config.planKind,
    identityId: identity.id,
    deploymentContainerUrl: storage.deploymentContainerUrl,
    appSettings,
    dependsOn: [...grants.all, ...o365.grants, ...signIn.grants, ...(upload ? [upload] : [])],
  });
  activatePackage(`${prefix}-package-activate`, {
    planKind: config.planKind,
    functionPackage,
    resourceGroupName: group.name,
    appName: functionApp.name,
    appId: functionApp.app.id,
    dependsOn: [functionApp.app],
  });
  signIn.attach({ resourceGroupName: group.name, name: functionApp.name, defaultHostName: functionApp.defaultHostName, resource: functionApp.app }, client.tenantId, config.azureCloud);

  const baseUrl = pulumi.interpolate`https://${functionApp.defaultHostName}`;
  return {
    resourceGroupName: group.name,
    functionAppName: functionApp.name,
    functionBaseUrl: baseUrl,
    statusUrl: pulumi.interpolate`${baseUrl}/api/status`,
    rerunUrl: pulumi.interpolate`${baseUrl}/api/rerun`,
    consoleUrl: pulumi.interpolate`${baseUrl}/console/`,
    orchestrationStatusUrl: pulumi.interpolate`${baseUrl}/runtime/webhooks/durabletask/instances/collect-${config.tenantId}`,
    functionKeyCommand: pulumi.interpolate`az functionapp keys list --resource-group ${group.name} --name ${functionApp.name} --query functionKeys.default --output tsv`,
    ...(durable ? { dashboardUrl: durable.dashboardUrl } : {}),
    cosmosEndpoint: cosmos.endpoint,
    cosmosDatabase: config.cosmosDatabase,
    identityClientId: identity.clientId,
    o365PrincipalId: o365.principalId,
    o365AppRoles: o365.roleValues,
    consoleSignInClientId: signIn.clientId,
    ...(o365.clientId ? { o365ClientId: o365.clientId } : {}),
    ...(o365.adminConsentUrl ? { adminConsentUrl: o365.adminConsentUrl } : {}),
  };
}

/**
 * Operators watch orchestrations: with the scheduler, in its dashboard (Durable Task Data
 * Contributor on the task hub: view, terminate, purge); with Azure Storage, in Durable Functions
 * Monitor signed in with Entra (tables and queues of the task hub, and read access to the
 * large-messages container for payloads kept out of queue messages).
 */
function operatorGrants(config: StackConfig, storage: AppStorage, durable: DurableScheduler | undefined): NamedGrant[] {
  return config.operators.flatMap((principalId, i): NamedGrant[] =>
    durable
      ? [{ name: `${i}-durable-task`, principalId, roleId: BUILT_IN_ROLES.durableTaskDataContributor, scope: durable.taskHubId }]
      : [
          { name: `${i}-tables`, principalId, roleId: BUILT_IN_ROLES.storageTableDataContributor, scope: storage.accountId },
          { name: `${i}-queues`, principalId, roleId: BUILT_IN_ROLES.storageQueueDataContributor, scope: storage.accountId },
          { name: `${i}-large-messages`, principalId, roleId: BUILT_IN_ROLES.storageBlobDataReader, scope: (storage.largeMessagesContainer as NonNullable<AppStorage['largeMessagesContainer']>).id },
        ],
  );
}

