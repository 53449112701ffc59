// The Function App: Linux, Node 22, consumption-style plan (Y1 Linux Consumption or Flex
// Consumption), system-assigned identity, Application Insights with Entra-only ingestion, HTTPS
// only, TLS 1.2, FTP and basic publishing credentials off.
//
// Package: y1 runs from the package blob (WEBSITE_RUN_FROM_PACKAGE = blob URL, read with the
// system identity); flex names the deployment container in functionAppConfig.deployment.storage
// (system identity) and activates a package through OneDeploy (README: one `az` command).
import * as pulumi from '@pulumi/pulumi';
import * as applicationinsights from '@pulumi/azure-native/applicationinsights';
import * as operationalinsights from '@pulumi/azure-native/operationalinsights';
import * as web from '@pulumi/azure-native/web';
import { platformAppSettings } from '../app-settings';
import type { PlanKind } from '../stack-config';

export const NODE_VERSION = '22';

export interface FunctionAppArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly namePrefix: string;
  readonly planKind: PlanKind;
  readonly storageAccountName: pulumi.Input<string>;
  /** y1: the package blob URL. */
  readonly packageUrl: pulumi.Input<string>;
  /** flex: `https://<account>.blob.core.windows.net/<container>`. */
  readonly deploymentContainerUrl: pulumi.Input<string>;
  /** auditflow's own settings (auditflowAppSettings). */
  readonly auditflowSettings: pulumi.Input<Record<string, string>>;
  /** Flex scale-out cap (default 40). */
  readonly maximumInstanceCount?: number;
}

export class FunctionApp extends pulumi.ComponentResource {
  readonly app: web.WebApp;
  readonly plan: web.AppServicePlan;
  readonly appInsights: applicationinsights.Component;
  readonly name: pulumi.Output<string>;
  readonly defaultHostName: pulumi.Output<string>;
  /** Object id of the system-assigned identity. */
  readonly principalId: pulumi.Output<string>;
  readonly appSettings: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: FunctionAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:functions:FunctionApp', name, {}, opts);
    const parent = { parent: this };
    const flex = args.planKind === 'flex';

    const workspace = new operationalinsights.Workspace(
      `${args.namePrefix}-logs`,
      { resourceGroupName: args.resourceGroupName, location: args.location, sku: { name: 'PerGB2018' }, retentionInDays: 30 },
      parent,
    );
    this.appInsights = new applicationinsights.Component(
      `${args.namePrefix}-insights`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        kind: 'web',
        applicationType: applicationinsights.ApplicationType.Web,
        workspaceResourceId: workspace.id,
        ingestionMode: applicationinsights.IngestionMode.LogAnalytics,
        disableLocalAuth: true,
      },
      parent,
    );

    this.plan = new web.AppServicePlan(
      `${args.namePrefix}-plan`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        kind: 'functionapp',
        reserved: true, // Linux
        sku: flex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'Y1', tier: 'Dynamic' },
      },
      parent,
    );

    this.appSettings = pulumi
      .all([args.auditflowSettings, args.storageAccountName, this.appInsights.connectionString, args.packageUrl])
      .apply(([auditflow, storageAccountName, appInsightsConnectionString, packageUrl]) => ({
        ...platformAppSettings({ planKind: args.planKind, storageAccountName, appInsightsConnectionString, packageUrl }),
        ...auditflow,
      }));

    this.app = new web.WebApp(
      `${args.namePrefix}-func`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        kind: 'functionapp,linux',
        serverFarmId: this.plan.id,
        httpsOnly: true,
        identity: { type: web.ManagedServiceIdentityType.SystemAssigned },
        siteConfig: {
          ...(flex ? {} : { linuxFxVersion: `Node|${NODE_VERSION}` }),
          ftpsState: web.FtpsState.Disabled,
          minTlsVersion: web.SupportedTlsVersions.SupportedTlsVersions_1_2,
          scmMinTlsVersion: web.SupportedTlsVersions.SupportedTlsVersions_1_2,
          http20Enabled: true,
          appSettings: this.appSettings.apply((s) => Object.entries(s).map(([settingName, value]) => ({ name: settingName, value }))),
        },
        ...(flex
          ? {
              functionAppConfig: {
                deployment: {
                  storage: {
                    type: web.FunctionsDeploymentStorageType.BlobContainer,
                    value: args.deploymentContainerUrl,
                    authentication: { type: web.AuthenticationType.SystemAssignedIdentity },
                  },
                },
                runtime: { name: web.RuntimeName.Node, version: NODE_VERSION },
                scaleAndConcurrency: { maximumInstanceCount: args.maximumInstanceCount ?? 40, instanceMemoryMB: 2048 },
              },
            }
          : {}),
      },
      parent,
    );

    // Basic-auth publishing off for FTP and SCM: deployments authenticate with Entra.
    new web.WebAppFtpAllowed(`${name}-ftp-off`, { resourceGroupName: args.resourceGroupName, name: this.app.name, allow: false }, parent);
    new web.WebAppScmAllowed(`${name}-scm-basic-auth-off`, { resourceGroupName: args.resourceGroupName, name: this.app.name, allow: false }, parent);

    this.name = this.app.name;
    this.defaultHostName = this.app.defaultHostName;
    this.principalId = this.app.identity.apply((identity) => {
      if (!identity?.principalId) throw new Error('the Function App has no system-assigned identity principal id');
      return identity.principalId;
    });

    this.registerOutputs({ name: this.name, defaultHostName: this.defaultHostName, principalId: this.principalId });
  }
}
