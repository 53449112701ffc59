// The store the CLI reads, chosen by the same settings the app uses (libs/config loadConfig):
// AUDITFLOW_* variables, or a local.settings.json given with --env-file. With neither, the store
// `npm start` just filled (tmp/demo/auditflow.db under the repository root) and the one tenant in it.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { envName, loadConfig, retentionSeconds, type AuditflowConfig } from '@auditflow/config';
import { listSqliteTenants, openCosmosStore, openSqliteStore, type AuditStore } from '@auditflow/storage';
import { DefaultAzureCredential } from '@azure/identity';

export const DEMO_STORE = join('tmp', 'demo', 'auditflow.db');

export class CliError extends Error {
  readonly code = 'CliError';
}

export interface StoreOptions {
  readonly envFile?: string;
  readonly sqlite?: string;
  readonly tenant?: string;
}

export interface OpenedStore {
  readonly config: AuditflowConfig;
  readonly store: AuditStore;
  /** Where the settings came from, for the first line of the output. */
  readonly source: string;
}

/** `cwd` resolves the paths given; `repoRoot` the default demo store. */
export function resolveSettings(options: StoreOptions, env: NodeJS.ProcessEnv, cwd: string, repoRoot = cwd): { settings: Record<string, string>; source: string } {
  const settings: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('AUDITFLOW_') && v !== undefined) settings[k] = v;
  let source = 'AUDITFLOW_* settings';
  if (options.envFile !== undefined) {
    const path = resolve(cwd, options.envFile);
    let values: unknown;
    try {
      values = (JSON.parse(readFileSync(path, 'utf8')) as { Values?: unknown }).Values;
    } catch (error) {
      throw new CliError(`--env-file ${path} cannot be read as local.settings.json ({"Values": {...}}): ${(error as Error).message}`);
    }
    if (typeof values !== 'object' || values === null) throw new CliError(`--env-file ${path} has no "Values" object`);
    for (const [k, v] of Object.entries(values)) if (typeof v === 'string') settings[k] = v;
    source = path;
  }
  if (options.sqlite !== undefined) {
    settings[envName('store')] = 'sqlite';
    settings[envName('sqlitePath')] = resolve(cwd, options.sqlite);
    source = `${settings[envName('sqlitePath')]}`;
  }
  if (options.tenant !== undefined) settings[envName('tenantId')] = options.tenant;
  const explicit = options.envFile !== undefined || env[envName('tenantId')] !== undefined || options.sqlite !== undefined;
  if (!explicit) {
    settings[envName('store')] = 'sqlite';
    settings[envName('sqlitePath')] = resolve(repoRoot, DEMO_STORE);
    source = `${settings[envName('sqlitePath')]} (the store npm start fills)`;
  }
  if (settings[envName('tenantId')] === undefined && (settings[envName('store')] ?? 'sqlite') === 'sqlite') {
    const path = resolve(cwd, settings[envName('sqlitePath')] ?? './data/auditflow.db');
    const tenants = listSqliteTenants(path);
    if (tenants === undefined) {
      throw new CliError(`no store at ${path}: run \`npm start\` first, or point the CLI at a store (--sqlite FILE, --env-file local.settings.json, or AUDITFLOW_* settings)`);
    }
    if (tenants.length !== 1) {
      throw new CliError(
        tenants.length === 0 ? `the store ${path} holds no collected tenant yet: let a collection cycle finish first` : `the store ${path} holds several tenants (${tenants.join(', ')}): pass --tenant ID`,
      );
    }
    settings[envName('tenantId')] = tenants[0] as string;
  }
  return { settings, source };
}

export async function openCliStore(options: StoreOptions, env: NodeJS.ProcessEnv, cwd: string, repoRoot = cwd): Promise<OpenedStore> {
  const { settings, source } = resolveSettings(options, env, cwd, repoRoot);
  const config = loadConfig(settings);
  const retention = retentionSeconds(config.retentionDays);
  if (config.store === 'sqlite') {
    if (!existsSync(config.sqlitePath)) throw new CliError(`no store at ${config.sqlitePath} (AUDITFLOW_SQLITE_PATH): run a collection first`);
    return { config, store: openSqliteStore({ path: config.sqlitePath, retentionSeconds: retention }), source };
  }
  const store = await openCosmosStore({
    endpoint: config.cosmosEndpoint as string,
    databaseId: config.cosmosDatabase,
    retentionSeconds: retention,
    // The CLI reads what infra provisioned: it never creates containers.
    createIfMissing: false,
    ...(config.cosmosKey ? { key: config.cosmosKey } : { credential: new DefaultAzureCredential() }),
  });
  return { config, store, source };
}
