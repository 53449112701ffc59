// The Durable Task Scheduler backend (Microsoft's recommended backend for Durable Functions, with
// the dashboard operators watch orchestrations in): a scheduler, the app's task hub, and a
// retention policy that purges finished instances.
//
// Retention: INSTANCE_RETENTION_DAYS of libs/config (the reasons are written there), the same
// numbers the app's purge timer uses, so both backends keep the same history: completed,
// terminated and canceled instances go after 7 days, failed ones after 30. (The Azure Storage
// backend has no retention policy: the app's purgeInstanceHistory timer purges; see
// infra/README, "Purging finished instances".)
import { INSTANCE_RETENTION_DAYS } from '@auditflow/config';
import * as pulumi from '@pulumi/pulumi';
import * as durabletask from '@pulumi/azure-native/durabletask';
import { placedIn, type Placement } from './placement';

export interface DurableSchedulerArgs extends Placement {
  /** The task hub name the app uses (host.json's durableTask.hubName). */
  readonly taskHubName: string;
}

export class DurableScheduler extends pulumi.ComponentResource {
  readonly scheduler: durabletask.Scheduler;
  readonly taskHub: durabletask.TaskHub;
  readonly retention: durabletask.RetentionPolicy;
  /** gRPC endpoint as the scheduler reports it (Endpoint= of the app's connection). */
  readonly endpoint: pulumi.Output<string>;
  /** The task hub's dashboard, as the task hub reports it. */
  readonly dashboardUrl: pulumi.Output<string>;
  readonly taskHubName: pulumi.Output<string>;
  /** Scope of the app's and operators' data roles. */
  readonly taskHubId: pulumi.Output<string>;

  constructor(name: string, args: DurableSchedulerArgs, opts?: pulumi.ComponentResourceOptions) {
    super('auditflow:durable:DurableScheduler', name, {}, opts);
    const parent = { parent: this };

    this.scheduler = new durabletask.Scheduler(
      `${args.namePrefix}-dts`,
      {
        ...placedIn(args),
        properties: {
          // Consumption: billed per action, no capacity to size, like the Flex plan the app runs on.
          sku: { name: durabletask.SchedulerSkuName.Consumption },
          // Required by the API. Flex and Consumption apps have no fixed outbound address without a
          // virtual network, so the network stays open and every call needs an Entra token with a
          // Durable Task data role: the data roles are the gate, as on the storage account.
          ipAllowlist: ['0.0.0.0/0'],
        },
      },
      parent,
    );
    this.endpoint = this.scheduler.properties.apply((p) => {
      if (!p.endpoint) throw new Error('the Durable Task Scheduler reports no endpoint');
      return p.endpoint;
    });

    this.taskHub = new durabletask.TaskHub(
      `${name}-hub`,
      { resourceGroupName: args.resourceGroupName, schedulerName: this.scheduler.name, taskHubName: args.taskHubName },
      parent,
    );
    this.taskHubName = this.taskHub.name;
    this.taskHubId = this.taskHub.id;
    this.dashboardUrl = this.taskHub.properties.apply((p) => {
      if (!p.dashboardUrl) throw new Error('the task hub reports no dashboard URL');
      return p.dashboardUrl;
    });

    this.retention = new durabletask.RetentionPolicy(
      `${name}-retention`,
      {
        resourceGroupName: args.resourceGroupName,
        schedulerName: this.scheduler.name,
        properties: {
          retentionPolicies: [
            { orchestrationState: durabletask.PurgeableOrchestrationState.Completed, retentionPeriodInDays: INSTANCE_RETENTION_DAYS.finished },
            { orchestrationState: durabletask.PurgeableOrchestrationState.Terminated, retentionPeriodInDays: INSTANCE_RETENTION_DAYS.finished },
            { orchestrationState: durabletask.PurgeableOrchestrationState.Canceled, retentionPeriodInDays: INSTANCE_RETENTION_DAYS.finished },
            { orchestrationState: durabletask.PurgeableOrchestrationState.Failed, retentionPeriodInDays: INSTANCE_RETENTION_DAYS.failed },
          ],
        },
      },
      parent,
    );

    this.registerOutputs({ endpoint: this.endpoint, dashboardUrl: this.dashboardUrl, taskHubName: this.taskHubName });
  }
}
