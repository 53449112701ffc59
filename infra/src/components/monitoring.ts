// Log Analytics and Application Insights with local auth off: telemetry is accepted only with an
// Entra token (the app's identity holds Monitoring Metrics Publisher). Created before the app, so
// the app's grant on it exists before the app starts.
import * as pulumi from '@pulumi/pulumi';
import * as applicationinsights from '@pulumi/azure-native/applicationinsights';
import * as operationalinsights from '@pulumi/azure-native/operationalinsights';
import { placedIn, type Placement } from './placement';

export type MonitoringArgs = Placement;

export class Monitoring extends pulumi.ComponentResource {
  readonly appInsights: applicationinsights.Component;
  readonly connectionString: pulumi.Output<string>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:monitoring:Monitoring', name, {}, opts);
    const parent = { parent: this };
    const workspace = new operationalinsights.Workspace(
      `${args.namePrefix}-logs`,
      { ...placedIn(args), sku: { name: 'PerGB2018' }, retentionInDays: 30 },
      parent,
    );
    this.appInsights = new applicationinsights.Component(
      `${args.namePrefix}-insights`,
      {
        ...placedIn(args),
        kind: 'web',
        applicationType: applicationinsights.ApplicationType.Web,
        workspaceResourceId: workspace.id,
        ingestionMode: applicationinsights.IngestionMode.LogAnalytics,
        disableLocalAuth: true,
      },
      parent,
    );
    this.connectionString = this.appInsights.connectionString;
    this.registerOutputs({ connectionString: this.connectionString });
  }
}
