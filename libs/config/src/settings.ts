// THE table of settings: one row per environment variable. loadConfig, settingsToEnv, infra
// (app settings) and the READMEs all derive from it, so a name exists in exactly one place.
import type { AuditflowConfig } from './auditflow-config';

export interface SettingDefinition {
  /** Environment variable / app setting name. */
  readonly name: string;
  /** The AuditflowConfig property it fills. */
  readonly key: keyof AuditflowConfig;
  readonly description: string;
  /** Default as the env string, or a sentence when derived; undefined when there is none. */
  readonly default?: string;
  /** When it must be set; undefined when never required. */
  readonly requiredWhen?: string;
  readonly secret: boolean;
}

export const DEFAULT_SCHEDULE = '0 */5 * * * *';

export const SETTINGS: readonly SettingDefinition[] = Object.freeze(
  (
    [
      { name: 'AUDITFLOW_TENANT_ID', key: 'tenantId', description: 'Entra tenant id (GUID)', requiredWhen: 'always', secret: false },
      { name: 'AUDITFLOW_CLOUD', key: 'cloud', description: 'Enterprise, GCC, GCCHigh, DoD or Custom', default: 'Enterprise', secret: false },
      { name: 'AUDITFLOW_API_BASE_URL', key: 'apiBaseUrl', description: 'API root (scheme+host[:port]), e.g. the simulator', default: "from the cloud's API host", requiredWhen: 'AUDITFLOW_CLOUD=Custom', secret: false },
      { name: 'AUDITFLOW_AUTHORITY_HOST', key: 'authorityHost', description: 'token authority (scheme+host[:port])', default: "from the cloud's login host", requiredWhen: 'AUDITFLOW_CLOUD=Custom', secret: false },
      { name: 'AUDITFLOW_AUTHORITY_CA_PATH', key: 'authorityCaPath', description: 'PEM file of an extra CA trusted for the token authority only (the simulator, a TLS-inspecting proxy)', secret: false },
      { name: 'AUDITFLOW_AUTH_MODE', key: 'authMode', description: 'managed-identity, federated-credential, client-certificate or client-secret', default: 'managed-identity', secret: false },
      { name: 'AUDITFLOW_CLIENT_ID', key: 'clientId', description: 'app registration client id, or a user-assigned identity client id', requiredWhen: 'AUDITFLOW_AUTH_MODE=federated-credential, client-certificate or client-secret', secret: false },
      { name: 'AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID', key: 'managedIdentityClientId', description: "client id of the user-assigned identity whose token for the token-exchange audience is the app registration's client assertion", requiredWhen: 'AUDITFLOW_AUTH_MODE=federated-credential', secret: false },
      { name: 'AUDITFLOW_CLIENT_CERTIFICATE_PATH', key: 'clientCertificatePath', description: 'PEM file with private key and certificate', requiredWhen: 'AUDITFLOW_AUTH_MODE=client-certificate', secret: false },
      { name: 'AUDITFLOW_CLIENT_SECRET', key: 'clientSecret', description: 'client secret (simulator or local use)', requiredWhen: 'AUDITFLOW_AUTH_MODE=client-secret', secret: true },
      { name: 'AUDITFLOW_PUBLISHER_IDENTIFIER', key: 'publisherIdentifier', description: 'PublisherIdentifier sent on every call (selects the throttling pool)', default: 'the tenant id', secret: false },
      { name: 'AUDITFLOW_CONTENT_TYPES', key: 'contentTypes', description: 'comma list of content types to collect', default: 'Audit.AzureActiveDirectory,Audit.Exchange,Audit.SharePoint,Audit.General,DLP.All', secret: false },
      { name: 'AUDITFLOW_SCHEDULE', key: 'schedule', description: 'NCRONTAB (6 fields, seconds first) of the collection timer', default: DEFAULT_SCHEDULE, secret: false },
      { name: 'AUDITFLOW_FIRST_RUN_LOOKBACK_HOURS', key: 'firstRunLookbackHours', description: 'the first run collects this far back (1..168)', default: '168', secret: false },
      { name: 'AUDITFLOW_RELIST_OVERLAP_MINUTES', key: 'relistOverlapMinutes', description: 'each cycle re-lists this much before the watermark (0..1440)', default: '60', secret: false },
      { name: 'AUDITFLOW_SAFETY_LAG_MINUTES', key: 'safetyLagMinutes', description: 'never list closer to now than this (0..120)', default: '5', secret: false },
      { name: 'AUDITFLOW_RETENTION_DAYS', key: 'retentionDays', description: 'event documents expire after this many days (1..3650)', default: '90', secret: false },
      { name: 'AUDITFLOW_STORE', key: 'store', description: 'sqlite or cosmos', default: 'sqlite', secret: false },
      { name: 'AUDITFLOW_SQLITE_PATH', key: 'sqlitePath', description: 'SQLite file', default: './data/auditflow.db', secret: false },
      { name: 'AUDITFLOW_COSMOS_ENDPOINT', key: 'cosmosEndpoint', description: 'Cosmos DB account endpoint (https URL)', requiredWhen: 'AUDITFLOW_STORE=cosmos', secret: false },
      { name: 'AUDITFLOW_COSMOS_DATABASE', key: 'cosmosDatabase', description: 'Cosmos DB database name', default: 'auditflow', secret: false },
      { name: 'AUDITFLOW_COSMOS_KEY', key: 'cosmosKey', description: 'account key, ONLY for local Cosmos-protocol servers on loopback; absent = Entra identity', secret: true },
      { name: 'AUDITFLOW_RATE_LIMIT_PER_MINUTE', key: 'rateLimitPerMinute', description: 'client request budget per tenant (1..10000)', default: '2000', secret: false },
      { name: 'AUDITFLOW_BLOB_BATCH_SIZE', key: 'blobBatchSize', description: 'blobs per storeContent activity (1..100)', default: '8', secret: false },
      { name: 'AUDITFLOW_DASHBOARD_URL', key: 'dashboardUrl', description: 'Durable Task Scheduler dashboard of the task hub (https URL), linked from the console; set by infra', secret: false },
      { name: 'AUDITFLOW_MAX_BLOB_BYTES', key: 'maxBlobBytes', description: 'refuse larger content blobs (typed error + gap) (1024..1073741824)', default: '104857600', secret: false },
      { name: 'AUDITFLOW_STUCK_AFTER_MINUTES', key: 'stuckAfterMinutes', description: 'a collection running longer than this is reported stuck in /api/status and warned about by the timer (5..10080)', default: '120', secret: false },
      { name: 'AUDITFLOW_UNREADABLE_MAX_ATTEMPTS', key: 'unreadableMaxAttempts', description: 'failed reads of one blob before it is quarantined as a content-unreadable gap (2..100), together with AUDITFLOW_UNREADABLE_MIN_HOURS', default: '5', secret: false },
      { name: 'AUDITFLOW_UNREADABLE_MIN_HOURS', key: 'unreadableMinHours', description: 'hours between the first and the last failed read before a blob is quarantined (0..144)', default: '1', secret: false },
    ] satisfies SettingDefinition[]
  ).map((s) => Object.freeze(s)),
);

/** The setting row for a config property. */
export function settingFor(key: keyof AuditflowConfig): SettingDefinition {
  const setting = SETTINGS.find((s) => s.key === key);
  if (!setting) throw new Error(`no setting for config key ${String(key)}`);
  return setting;
}

/** The env var name for a config property (e.g. 'tenantId' -> 'AUDITFLOW_TENANT_ID'). */
export function envName(key: keyof AuditflowConfig): string {
  return settingFor(key).name;
}
