export { loadConfig, type Env } from './load-config';
export { ConfigError, isConfigError, type ConfigIssue } from './config-error';
export {
  AUTH_MODES,
  CONFIG_CONTENT_TYPES,
  SECRET_KEYS,
  STORE_KINDS,
  type AuditflowConfig,
  type AuthMode,
  type ConfigContentType,
  type StoreKind,
} from './auditflow-config';
export {
  CLOUD_NAMES,
  CLOUDS,
  GLOBAL_TOKEN_EXCHANGE_AUDIENCE,
  isCloudName,
  tokenExchangeAudienceFor,
  tokenScopeFor,
  type CloudHosts,
  type CloudName,
  type KnownCloudName,
} from './clouds';
export {
  COSMOS_DATA_CONTRIBUTOR_ROLE_ID,
  COSMOS_DATA_CONTRIBUTOR_ROLE_NAME,
  COSMOS_LAYOUT,
  retentionSeconds,
  type CosmosIndexingPolicy,
  type CosmosLayout,
} from './cosmos-layout';
export { DEFAULT_SCHEDULE, SETTINGS, envName, settingFor, type SettingDefinition } from './settings';
export { REDACTED, redactConfig } from './redact-config';
export { settingsToEnv, type SettingsToEnvOptions } from './settings-to-env';
export { checkNcrontab } from './ncrontab';
export { checkEndpointUrl, isLoopbackHost } from './endpoint-url';
export { INSTANCE_RETENTION_DAYS } from './instance-retention';
