// The validated, typed configuration: one property per setting, names mirroring the env vars.
import type { CloudName } from './clouds';

// The five content types, spelled as the API spells them. Kept here (not imported from
// libs/ingestion) because libs/config depends on nothing; a test checks both lists agree.
export const CONFIG_CONTENT_TYPES = [
  'Audit.AzureActiveDirectory',
  'Audit.Exchange',
  'Audit.SharePoint',
  'Audit.General',
  'DLP.All',
] as const;
export type ConfigContentType = (typeof CONFIG_CONTENT_TYPES)[number];

/**
 * THE auth modes (CONTRACTS.md C3), used by loadConfig and by createCredential in
 * libs/activity-api: managed-identity (the app's identity holds the API's app roles),
 * federated-credential (an app registration whose client assertion is the user-assigned
 * identity's token for the cloud's token-exchange audience: no secret, no certificate),
 * client-certificate, client-secret (simulator / local use).
 */
export const AUTH_MODES = ['managed-identity', 'federated-credential', 'client-certificate', 'client-secret'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const STORE_KINDS = ['sqlite', 'cosmos'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface AuditflowConfig {
  /** Entra tenant id, a lower-case GUID. */
  readonly tenantId: string;
  readonly cloud: CloudName;
  /** API root, scheme+host[:port], no trailing slash, e.g. `https://manage.office.com`. */
  readonly apiBaseUrl: string;
  /** Token authority root, scheme+host[:port], no trailing slash, e.g. `https://login.microsoftonline.com`. */
  readonly authorityHost: string;
  /**
   * PEM file of an extra CA trusted for the token authority only (the simulator, a TLS-inspecting
   * proxy). A path as given: loadConfig does no I/O, the credential reads the file.
   */
  readonly authorityCaPath?: string;
  readonly authMode: AuthMode;
  /** App registration client id (federated/certificate/secret), or a user-assigned managed identity's client id. */
  readonly clientId?: string;
  /** federated-credential only: the user-assigned identity whose token is the client assertion. */
  readonly managedIdentityClientId?: string;
  readonly clientCertificatePath?: string;
  /** Secret: never log it (use `redactConfig`). Only set when authMode is client-secret. */
  readonly clientSecret?: string;
  readonly publisherIdentifier: string;
  /** De-duplicated, in the order given. */
  readonly contentTypes: readonly ConfigContentType[];
  /** NCRONTAB, six fields, seconds first. */
  readonly schedule: string;
  readonly firstRunLookbackHours: number;
  readonly relistOverlapMinutes: number;
  readonly safetyLagMinutes: number;
  readonly retentionDays: number;
  readonly store: StoreKind;
  readonly sqlitePath: string;
  /** Only when store is cosmos. Origin without trailing slash. */
  readonly cosmosEndpoint?: string;
  readonly cosmosDatabase: string;
  /** Secret: only for local Cosmos-protocol servers on loopback; absent means Entra identity. */
  readonly cosmosKey?: string;
  readonly rateLimitPerMinute: number;
  readonly blobBatchSize: number;
  readonly maxBlobBytes: number;
  /** A collection running longer than this (minutes) is reported stuck. */
  readonly stuckAfterMinutes: number;
  /** A blob that failed to read this many times ... */
  readonly unreadableMaxAttempts: number;
  /** ... over at least this many hours becomes a content-unreadable gap (ledger: quarantined). */
  readonly unreadableMinHours: number;
  /**
   * The Durable Task Scheduler dashboard of the app's task hub (https URL with a path), which the
   * console links to; infra sets it from the task hub resource. Absent locally and with the Azure
   * Storage backend.
   */
  readonly dashboardUrl?: string;
}

/** The properties holding secrets: redacted in logs, never written to app settings by default. */
export const SECRET_KEYS = ['clientSecret', 'cosmosKey'] as const satisfies readonly (keyof AuditflowConfig)[];
