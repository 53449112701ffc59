// The per-process context of the app: the validated config (read once), the API client and the
// store, built lazily on first use (the module is loaded before any function runs, and a broken
// setting must fail the invocation with its message, not the whole worker). A failed build is
// not cached, so a transient failure (a store not reachable yet) is retried by the next call.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ManagementApiClient, createCredential } from '@auditflow/activity-api';
import { loadConfig, retentionSeconds, tokenExchangeAudienceFor, type AuditflowConfig } from '@auditflow/config';
import { openCosmosStore, openSqliteStore, type AuditStore } from '@auditflow/storage';
import { DefaultAzureCredential } from '@azure/identity';
import type { ManagementApi } from './management-api-port';
import { createStartAttemptMemory, type StartAttemptMemory } from '../collect/ensure-subscriptions';

export interface AppRuntime {
  readonly config: AuditflowConfig;
  readonly api: ManagementApi;
  readonly store: AuditStore;
  /** Subscription start attempts of this process (the 15-minute guard). */
  readonly startAttempts: StartAttemptMemory;
}

let config: AuditflowConfig | undefined;
let runtime: Promise<AppRuntime> | undefined;

/** The validated config; throws ConfigError naming every problem. */
export function getConfig(): AuditflowConfig {
  config ??= loadConfig(process.env);
  return config;
}

export function getRuntime(): Promise<AppRuntime> {
  if (!runtime) {
    runtime = buildRuntime().catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
  }
  return runtime;
}

async function buildRuntime(): Promise<AppRuntime> {
  const cfg = getConfig();
  const api = createApiClient(cfg);
  const store = await openStore(cfg);
  return { config: cfg, api, store, startAttempts: createStartAttemptMemory() };
}

export function createApiClient(cfg: AuditflowConfig): ManagementApi {
  const credential = createCredential({
    authMode: cfg.authMode,
    tenantId: cfg.tenantId,
    ...(cfg.clientId ? { clientId: cfg.clientId } : {}),
    ...(cfg.clientSecret ? { clientSecret: cfg.clientSecret } : {}),
    ...(cfg.clientCertificatePath ? { clientCertificatePath: cfg.clientCertificatePath } : {}),
    ...(cfg.managedIdentityClientId ? { managedIdentityClientId: cfg.managedIdentityClientId, tokenExchangeAudience: tokenExchangeAudienceFor(cfg.cloud) } : {}),
    authorityHost: cfg.authorityHost,
    ...(cfg.authorityCaPath ? { authorityCaPem: readPem(cfg.authorityCaPath) } : {}),
  });
  return new ManagementApiClient({
    tenantId: cfg.tenantId,
    credential,
    cloud: cfg.cloud,
    apiBaseUrl: cfg.apiBaseUrl,
    publisherIdentifier: cfg.publisherIdentifier,
    rateLimitPerMinute: cfg.rateLimitPerMinute,
    maxBlobBytes: cfg.maxBlobBytes,
  });
}

/** The store the settings choose: SQLite on one machine, Cosmos DB in Azure (Entra identity). */
export async function openStore(cfg: AuditflowConfig): Promise<AuditStore> {
  const retention = retentionSeconds(cfg.retentionDays);
  if (cfg.store === 'sqlite') {
    mkdirSync(dirname(cfg.sqlitePath), { recursive: true });
    // The event inserts run in a worker thread on the other core while this thread fetches and
    // parses the next blobs (contract C12: upsertEvents still resolves after the commit).
    return openSqliteStore({ path: cfg.sqlitePath, retentionSeconds: retention, eventWriter: 'worker-thread' });
  }
  return openCosmosStore({
    endpoint: cfg.cosmosEndpoint as string,
    databaseId: cfg.cosmosDatabase,
    retentionSeconds: retention,
    // A key only for a local Cosmos-protocol server on loopback (the config refuses it otherwise).
    ...(cfg.cosmosKey
      ? { key: cfg.cosmosKey }
      : {
          credential: new DefaultAzureCredential(
            cfg.authMode === 'managed-identity' && cfg.clientId ? { managedIdentityClientId: cfg.clientId } : {},
          ),
        }),
  });
}

function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `AUDITFLOW_AUTHORITY_CA_PATH is ${path}, which cannot be read (${(error as Error).message}): point it at a readable PEM file or unset it`,
      { cause: error },
    );
  }
}
