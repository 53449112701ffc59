// The Function App: Linux, Node 22, Flex Consumption (default) or Linux Consumption (Y1), running
// as the user-assigned identity only, HTTPS only, TLS 1.2, FTP and basic publishing credentials off.
// It is created LAST among the things it needs: `dependsOn` carries every grant of its identity
// (Office 365 app roles, storage, Cosmos DB, scheduler, monitoring), so its first start already
// holds them, and (y1) the uploaded package.
//
// Package: y1 runs from the package blob (WEBSITE_RUN_FROM_PACKAGE = blob URL, read with the
// identity); flex names the deployment container in functionAppConfig.deployment.storage (the
// identity) and gets its package through OneDeploy (components/package-publish.ts).
import * as pulumi from '@pulumi/pulumi';
import * as web from '@pulumi/azure-native/web';
import type { PlanKind } from '../stack-config';
import { placedIn, type Placement } from './placement';

export const NODE_VERSION = '22';

export interface FunctionAppArgs extends Placement {
  readonly planKind: PlanKind;
  /** ARM id of the user-assigned identity. */
  readonly identityId: pulumi.Input<string>;
  /** flex: `<blob endpoint>deployments`. */
  readonly deploymentContainerUrl: pulumi.Input<string>;
  /** Every app setting (app-settings.ts). */
  readonly appSettings: pulumi.Input<Record<string, string>>;
  /** Flex scale-out cap (default 40). */
  readonly maximumInstanceCount?: number;
  /** Grants (and the y1 upload) that must exist before the app starts. */
  readonly dependsOn: pulumi.Input<pulumi.Resource>[];
}

export class FunctionApp extends pulumi.ComponentResource {
  readonly app: web.WebApp;
  readonly plan: web.AppServicePlan;
  readonly name: pulumi.Output<string>;
  readonly defaultHostName: pulumi.Output<string>;

  constructor(name: string, args: FunctionAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:functions:FunctionApp', name, {}, opts);
    const parent = { parent: this };
    const flex = args.planKind === 'flex';

    this.plan = new web.AppServicePlan(
      `${args.namePrefix}-plan`,
      {
        ...placedIn(args),
        kind: 'functionapp',
        reserved: true, // Linux
        sku: flex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'Y1', tier: 'Dynamic' },
      },
      parent,
    );

    this.app = new web.WebApp(
      `${args.namePrefix}-func`,
      {
        ...placedIn(args),
        kind: 'functionapp,linux',
        serverFarmId: this.plan.id,
        httpsOnly: true,
        identity: { type: web.ManagedServiceIdentityType.UserAssigned, userAssignedIdentities: [args.identityId] },
        siteConfig: {
          ...(flex ? {} : { linuxFxVersion: `Node|${NODE_VERSION}` }),
          ftpsState: web.FtpsState.Disabled,
          minTlsVersion: web.SupportedTlsVersions.SupportedTlsVersions_1_2,
          scmMinTlsVersion: web.SupportedTlsVersions.SupportedTlsVersions_1_2,
          http20Enabled: true,
          appSettings: pulumi.output(args.appSettings).apply((s) => Object.entries(s).map(([settingName, value]) => ({ name: settingName, value }))),
        },
        ...(flex
          ? {
              functionAppConfig: {
                deployment: {
                  storage: {
                    type: web.FunctionsDeploymentStorageType.BlobContainer,
                    value: args.deploymentContainerUrl,
                    authentication: { type: web.AuthenticationType.UserAssignedIdentity, userAssignedIdentityResourceId: args.identityId },
                  },
                },
                runtime: { name: web.RuntimeName.Node, version: NODE_VERSION },
                scaleAndConcurrency: { maximumInstanceCount: args.maximumInstanceCount ?? 40, instanceMemoryMB: 2048 },
              },
            }
          : {}),
      },
      { parent: this, dependsOn: args.dependsOn },
    );

    // Basic-auth publishing off for FTP and SCM: deployments authenticate with Entra.
    new web.WebAppFtpAllowed(`${name}-ftp-off`, { resourceGroupName: args.resourceGroupName, name: this.app.name, allow: false }, parent);
    new web.WebAppScmAllowed(`${name}-scm-basic-auth-off`, { resourceGroupName: args.resourceGroupName, name: this.app.name, allow: false }, parent);

    this.name = this.app.name;
    this.defaultHostName = this.app.defaultHostName;
    this.registerOutputs({ name: this.name, defaultHostName: this.defaultHostName });
  }
}
