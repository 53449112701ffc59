// The whole stack from a validated StackConfig: resource group, storage (+ published package),
// Cosmos DB, Function App, the Office 365 identity and the app's data roles. Kept apart from
// index.ts (which reads Pulumi config) so tests build it under mocks with any config.
import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization';
import * as resources from '@pulumi/azure-native/resources';
import { auditflowAppSettings } from './app-settings';
import { AppRoleAssignments } from './components/role-assignment';
import { AppStorage } from './components/storage-account';
import { CosmosStore } from './components/cosmos-store';
import { FunctionApp } from './components/function-app';
import { O365Identity } from './components/o365-identity';
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
  /** Durable status of the collection orchestration (add ?code=<durabletask_extension system key>). */
  readonly orchestrationStatusUrl: pulumi.Output<string>;
  readonly functionKeyCommand: pulumi.Output<string>;
  /** Re-registers triggers with the scale controller (Microsoft asks for it after a package URL changes). */
  readonly syncTriggersCommand: pulumi.Output<string>;
  /** flex only: activates the built package through OneDeploy (run from the repo root). */
  readonly publishCommand?: pulumi.Output<string>;
  readonly cosmosEndpoint: pulumi.Output<string>;
  readonly cosmosDatabase: string;
  readonly o365PrincipalId: pulumi.Output<string>;
  readonly o365AppRoles: readonly string[];
  /** app-registration mode: client id and where the collected tenant's admin consents. */
  readonly o365ClientId?: pulumi.Output<string>;
  readonly adminConsentUrl?: pulumi.Output<string>;
}

export function createAuditflowStack(config: StackConfig): AuditflowStackOutputs {
  // Fails before any resource when the package is not built.
  const functionPackage = locateFunctionPackage(config.packageDir ?? defaultPackageDir());
  const client = authorization.getClientConfigOutput();
  const prefix = config.namePrefix;

  const group = new resources.ResourceGroup(`${prefix}-rg`, { location: config.location });

  const appStorage = new AppStorage(`${prefix}-storage`, {
    resourceGroupName: group.name,
    location: config.location,
    namePrefix: prefix,
    functionPackage,
    deployerObjectId: client.objectId,
    subscriptionId: client.subscriptionId,
  });

  const cosmos = new CosmosStore(`${prefix}-cosmos`, {
    resourceGroupName: group.name,
    location: config.location,
    namePrefix: prefix,
    databaseName: config.cosmosDatabase,
    retentionDays: config.retentionDays,
    throughputMode: config.throughputMode,
    throughput: config.throughput,
  });

  // app-registration: the app's client id is an app setting, so the registration comes first.
  const registration =
    config.identityMode === 'app-registration'
      ? new O365Identity(`${prefix}-o365`, {
          mode: 'app-registration',
          displayName: `${prefix} auditflow collector`,
          clientCertificate: config.clientCertificate as string,
          tenantId: config.tenantId,
          cloud: config.cloud,
          contentTypes: config.contentTypes,
        })
      : undefined;

  const auditflowSettings = pulumi
    .all([cosmos.endpoint, registration?.clientId ?? pulumi.output(undefined)])
    .apply(([cosmosEndpoint, clientId]) => auditflowAppSettings(config, { cosmosEndpoint, ...(clientId ? { clientId } : {}) }));

  const functionApp = new FunctionApp(`${prefix}-functions`, {
    resourceGroupName: group.name,
    location: config.location,
    namePrefix: prefix,
    planKind: config.planKind,
    storageAccountName: appStorage.accountName,
    packageUrl: appStorage.packageUrl,
    deploymentContainerUrl: appStorage.deploymentContainerUrl,
    auditflowSettings,
  });

  // Checked where the roles are granted: a wrong tenant fails the update before any app role is assigned.
  const managedPrincipalId = pulumi.all([functionApp.principalId, client.tenantId]).apply(([principalId, tenantId]) => {
    const problem = managedIdentityTenantProblem(config, tenantId);
    if (problem) throw new StackConfigError([problem]);
    return principalId;
  });
  const identity =
    registration ??
    new O365Identity(`${prefix}-o365`, { mode: 'managed-identity', principalId: managedPrincipalId, contentTypes: config.contentTypes });

  new AppRoleAssignments(`${prefix}-app-access`, {
    principalId: functionApp.principalId,
    subscriptionId: client.subscriptionId,
    rbac: [
      // Host leases, Durable task hub blobs, and reading the package blob (y1) / deployment container (flex).
      { name: 'blob-owner', roleId: BUILT_IN_ROLES.storageBlobDataOwner, scope: appStorage.accountId },
      { name: 'queue-contributor', roleId: BUILT_IN_ROLES.storageQueueDataContributor, scope: appStorage.accountId },
      { name: 'table-contributor', roleId: BUILT_IN_ROLES.storageTableDataContributor, scope: appStorage.accountId },
      { name: 'metrics-publisher', roleId: BUILT_IN_ROLES.monitoringMetricsPublisher, scope: functionApp.appInsights.id },
    ],
    cosmos: { resourceGroupName: group.name, accountName: cosmos.account.name, accountId: cosmos.account.id, databaseName: cosmos.databaseName },
    dependsOn: [cosmos.eventsContainer, cosmos.checkpointsContainer],
  });

  const baseUrl = pulumi.interpolate`https://${functionApp.defaultHostName}`;
  return {
    resourceGroupName: group.name,
    functionAppName: functionApp.name,
    functionBaseUrl: baseUrl,
    statusUrl: pulumi.interpolate`${baseUrl}/api/status`,
    rerunUrl: pulumi.interpolate`${baseUrl}/api/rerun`,
    orchestrationStatusUrl: pulumi.interpolate`${baseUrl}/runtime/webhooks/durabletask/instances/collect-${config.tenantId}`,
    functionKeyCommand: pulumi.interpolate`az functionapp keys list --resource-group ${group.name} --name ${functionApp.name} --query functionKeys.default --output tsv`,
    syncTriggersCommand: pulumi.interpolate`az resource invoke-action --action syncfunctiontriggers --ids ${functionApp.app.id}`,
    ...(config.planKind === 'flex'
      ? {
          publishCommand: pulumi.interpolate`ZIP="$(mktemp -d)/ingest-func.zip" && (cd ${functionPackage.dir} && zip -qr "$ZIP" .) && az functionapp deployment source config-zip --resource-group ${group.name} --name ${functionApp.name} --src "$ZIP"`,
        }
      : {}),
    cosmosEndpoint: cosmos.endpoint,
    cosmosDatabase: config.cosmosDatabase,
    o365PrincipalId: identity.principalId,
    o365AppRoles: identity.roleValues,
    ...(identity.clientId ? { o365ClientId: identity.clientId } : {}),
    ...(identity.adminConsentUrl ? { adminConsentUrl: identity.adminConsentUrl } : {}),
  };
}
