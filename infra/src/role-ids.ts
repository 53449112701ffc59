// Identifiers of the directory app and the built-in roles the stack grants. Azure RBAC built-in role
// ids are the same in every cloud and subscription; Microsoft Graph app-role ids are resolved at
// deploy time by value (see components/o365-identity.ts); tests feed the literals of o365-api.md.

/** "Office 365 Management APIs", the resource app of the Management Activity API. */
export const O365_MANAGEMENT_APP_ID = 'c5393580-f805-4401-95e8-94b7a6ef2fc2';

export const ACTIVITY_FEED_READ = 'ActivityFeed.Read';
export const ACTIVITY_FEED_READ_DLP = 'ActivityFeed.ReadDlp';

/** Least privilege: DLP.All with sensitive data needs ActivityFeed.ReadDlp; nothing else does. */
export function appRoleValuesFor(contentTypes: readonly string[]): string[] {
  return contentTypes.includes('DLP.All') ? [ACTIVITY_FEED_READ, ACTIVITY_FEED_READ_DLP] : [ACTIVITY_FEED_READ];
}

/**
 * Azure built-in role definition ids (GUIDs) used by the stack, the same in every cloud
 * (Learn: "Azure built-in roles", role-based-access-control/built-in-roles).
 */
export const BUILT_IN_ROLES = Object.freeze({
  /** Functions host: blob leases, Durable task hub blobs, the run-from-package blob, Flex's deployment container. */
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  /** Durable task hub control/work-item queues. */
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  /** Durable task hub history and instance tables. */
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  /** The deployer, on the deployment container only: uploads the package without account keys. */
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  /** Operators (Azure Storage backend): Durable Functions Monitor reads large messages from `<hub>-largemessages`. */
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  /**
   * The app and operators on the task hub (Durable Task Scheduler backend): the worker and client
   * calls of the app, and the dashboard (Learn: built-in-roles/integration#durable-task-data-contributor).
   */
  durableTaskDataContributor: '0ad04412-c4d5-4796-b79c-f76d14c8d402',
  /** Application Insights ingestion with Entra auth (APPLICATIONINSIGHTS_AUTHENTICATION_STRING). */
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
});

/** Cosmos DB built-in data-plane role "Cosmos DB Built-in Data Contributor" (defined once, in libs/config). */
export { COSMOS_DATA_CONTRIBUTOR_ROLE_ID as COSMOS_DATA_CONTRIBUTOR_ROLE } from '@auditflow/config';
