// loadConfig: reads every setting, collects every problem, then either throws one ConfigError
// listing them all or returns a deep-frozen AuditflowConfig. Empty or blank values count as unset
// (app settings are often present but empty).
import {
  AUTH_MODES,
  CONFIG_CONTENT_TYPES,
  STORE_KINDS,
  type AuditflowConfig,
  type AuthMode,
  type ConfigContentType,
  type StoreKind,
} from './auditflow-config';
import { CLOUD_NAMES, CLOUDS, type CloudName } from './clouds';
import { ConfigError, type ConfigIssue } from './config-error';
import { checkEndpointUrl } from './endpoint-url';
import { checkNcrontab } from './ncrontab';
import { attachRedaction } from './redact-config';
import { envName, settingFor } from './settings';

export type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class SettingsReader {
  readonly problems: string[] = [];
  readonly issues: ConfigIssue[] = [];
  constructor(private readonly env: Env) {}

  raw(key: keyof AuditflowConfig): string | undefined {
    const value = this.env[envName(key)]?.trim();
    return value ? value : undefined;
  }

  problem(key: keyof AuditflowConfig, text: string): void {
    const message = `${envName(key)} ${text}`;
    this.problems.push(message);
    this.issues.push({ key, setting: envName(key), message, detail: text });
  }

  oneOf<T extends string>(key: keyof AuditflowConfig, allowed: readonly T[], fallback: T): T {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    const nearly = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    this.problem(key, `is "${value}": set it to one of ${allowed.join(', ')}${nearly ? ` (did you mean ${nearly}?)` : ''}`);
    return fallback;
  }

  integer(key: keyof AuditflowConfig, min: number, max: number): number {
    const setting = settingFor(key);
    const fallback = Number(setting.default);
    const value = this.raw(key);
    if (value === undefined) return fallback;
    const n = /^[+]?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.problem(key, `is "${value}": set it to a whole number from ${min} to ${max} (default ${setting.default ?? 'none'})`);
      return fallback;
    }
    return n;
  }

  guid(key: keyof AuditflowConfig, what: string): string | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (!GUID.test(value)) {
      this.problem(key, `is "${value}", not a GUID: set it to ${what} (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
      return undefined;
    }
    return value.toLowerCase();
  }
}

function readContentTypes(r: SettingsReader): readonly ConfigContentType[] {
  const value = r.raw('contentTypes');
  if (value === undefined) return CONFIG_CONTENT_TYPES;
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const result: ConfigContentType[] = [];
  for (const name of names) {
    const exact = CONFIG_CONTENT_TYPES.find((ct) => ct === name);
    if (exact) {
      if (!result.includes(exact)) result.push(exact);
      continue;
    }
    const nearly = CONFIG_CONTENT_TYPES.find((ct) => ct.toLowerCase() === name.toLowerCase());
    r.problem(
      'contentTypes',
      `names unknown content type "${name}"${nearly ? ` (did you mean ${nearly}? names are case-sensitive)` : ''}: use only ${CONFIG_CONTENT_TYPES.join(', ')}`,
    );
  }
  if (names.length === 0) r.problem('contentTypes', `lists no content type: list some of ${CONFIG_CONTENT_TYPES.join(', ')}, or unset it for all five`);
  return result;
}

function readEndpoints(r: SettingsReader, cloud: CloudName): { apiBaseUrl: string; authorityHost: string; loopbackAuthority: boolean } {
  const out = { apiBaseUrl: '', authorityHost: '', loopbackAuthority: false };
  for (const [key, host] of [
    ['apiBaseUrl', cloud === 'Custom' ? undefined : CLOUDS[cloud].apiHost],
    ['authorityHost', cloud === 'Custom' ? undefined : CLOUDS[cloud].authorityHost],
  ] as const) {
    const value = r.raw(key);
    if (value === undefined) {
      if (host === undefined) r.problem(key, `is missing: AUDITFLOW_CLOUD=Custom needs it; set it to a root URL such as https://host[:port] (http only for loopback, e.g. the simulator)`);
      else out[key] = `https://${host}`;
      continue;
    }
    const checked = checkEndpointUrl(value);
    if (!checked.ok) {
      r.problem(key, checked.problem);
      continue;
    }
    out[key] = checked.origin;
    if (key === 'authorityHost') out.loopbackAuthority = checked.loopback;
  }
  return out;
}

// A path only: loadConfig does no I/O (the credential reads the file when it is built). The one
// mistake caught here is pasting the PEM itself into the setting.
function readAuthorityCaPath(r: SettingsReader): string | undefined {
  const value = r.raw('authorityCaPath');
  if (value !== undefined && value.includes('-----BEGIN')) {
    r.problem('authorityCaPath', 'holds PEM text: save the certificate to a file and set the setting to that file\'s path');
    return undefined;
  }
  return value;
}

function readAuth(r: SettingsReader, authMode: AuthMode, cloud: CloudName) {
  // The simulator's client ids are plain strings; a real app registration's is a GUID.
  let clientId: string | undefined;
  const rawClientId = r.raw('clientId');
  if (cloud === 'Custom' && rawClientId !== undefined && !/\s/.test(rawClientId)) clientId = rawClientId;
  else clientId = r.guid('clientId', 'the client id of the app registration or user-assigned identity');

  const clientCertificatePath = r.raw('clientCertificatePath');
  const clientSecret = r.raw('clientSecret');
  if (authMode !== 'managed-identity' && rawClientId === undefined) {
    r.problem('clientId', `is missing: AUDITFLOW_AUTH_MODE=${authMode} needs the app registration's client id (a GUID)`);
  }
  const rawIdentity = r.raw('managedIdentityClientId');
  let managedIdentityClientId: string | undefined;
  if (cloud === 'Custom' && rawIdentity !== undefined && !/\s/.test(rawIdentity)) managedIdentityClientId = rawIdentity;
  else managedIdentityClientId = r.guid('managedIdentityClientId', "the user-assigned identity's client id");
  if (authMode === 'federated-credential' && rawIdentity === undefined) {
    r.problem(
      'managedIdentityClientId',
      "is missing: AUDITFLOW_AUTH_MODE=federated-credential needs the client id of the user-assigned identity the app registration's federated credential trusts",
    );
  }
  if (authMode !== 'federated-credential' && rawIdentity !== undefined) {
    r.problem(
      'managedIdentityClientId',
      `is set but AUDITFLOW_AUTH_MODE is ${authMode}: it is only used by federated-credential (for managed-identity, put the user-assigned identity's client id in AUDITFLOW_CLIENT_ID)`,
    );
  }
  if (authMode === 'client-certificate' && clientCertificatePath === undefined) {
    r.problem('clientCertificatePath', 'is missing: AUDITFLOW_AUTH_MODE=client-certificate needs the path of a PEM file holding the private key and certificate');
  }
  if (authMode === 'client-secret' && clientSecret === undefined) {
    r.problem('clientSecret', 'is missing: AUDITFLOW_AUTH_MODE=client-secret needs the client secret (meant for the simulator or local use; prefer managed-identity or client-certificate)');
  }
  if (authMode !== 'client-secret' && clientSecret !== undefined) {
    r.problem('clientSecret', `is set but AUDITFLOW_AUTH_MODE is ${authMode}: remove the secret from the settings, or set AUDITFLOW_AUTH_MODE=client-secret`);
  }
  return {
    clientId,
    managedIdentityClientId: authMode === 'federated-credential' ? managedIdentityClientId : undefined,
    clientCertificatePath: authMode === 'client-certificate' ? clientCertificatePath : undefined,
    clientSecret: authMode === 'client-secret' ? clientSecret : undefined,
  };
}

function readStore(r: SettingsReader, store: StoreKind) {
  const sqlitePath = r.raw('sqlitePath') ?? (settingFor('sqlitePath').default as string);
  const cosmosDatabase = r.raw('cosmosDatabase') ?? (settingFor('cosmosDatabase').default as string);
  if (!/^[^/\\?#]{1,255}$/.test(cosmosDatabase) || /\s$/.test(cosmosDatabase)) {
    r.problem('cosmosDatabase', `is "${cosmosDatabase}": use 1-255 characters without / \\ ? #`);
  }
  let cosmosEndpoint: string | undefined;
  let loopback = false;
  const rawEndpoint = r.raw('cosmosEndpoint');
  if (store === 'cosmos') {
    if (rawEndpoint === undefined) {
      r.problem('cosmosEndpoint', 'is missing: AUDITFLOW_STORE=cosmos needs the account endpoint, e.g. https://<account>.documents.azure.com');
    } else {
      const checked = checkEndpointUrl(rawEndpoint.replace(/:443\/?$/, ''));
      if (checked.ok) {
        cosmosEndpoint = checked.origin;
        loopback = checked.loopback;
      } else r.problem('cosmosEndpoint', checked.problem);
    }
  }
  const cosmosKey = r.raw('cosmosKey');
  if (cosmosKey !== undefined && store !== 'cosmos') {
    r.problem('cosmosKey', 'is set but AUDITFLOW_STORE is not cosmos: remove it');
  } else if (cosmosKey !== undefined && cosmosEndpoint !== undefined && !loopback) {
    r.problem('cosmosKey', 'is only for local Cosmos-protocol servers on loopback: remove it and grant the app identity a Cosmos DB data-plane role (Entra auth)');
  }
  return { sqlitePath, cosmosDatabase, cosmosEndpoint, cosmosKey: store === 'cosmos' ? cosmosKey : undefined };
}

// A link for people, not an API root: a path and query are fine, credentials and clear text are not.
function readDashboardUrl(r: SettingsReader): string | undefined {
  const value = r.raw('dashboardUrl');
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.username || url.password) {
    r.problem('dashboardUrl', `is "${value}": set it to the https URL of the task hub's dashboard (infra's dashboardUrl output), or unset it`);
    return undefined;
  }
  return url.href;
}

/** Validates every setting at once; throws ConfigError listing all problems. */
export function loadConfig(env: Env): Readonly<AuditflowConfig> {
  const r = new SettingsReader(env);

  const rawTenant = r.raw('tenantId');
  const tenantId = r.guid('tenantId', 'your Entra tenant id');
  if (rawTenant === undefined) r.problem('tenantId', 'is missing: set it to your Entra tenant id (a GUID)');

  const cloud = r.oneOf('cloud', CLOUD_NAMES, 'Enterprise');
  const { apiBaseUrl, authorityHost } = readEndpoints(r, cloud);
  const authorityCaPath = readAuthorityCaPath(r);
  const authMode = r.oneOf('authMode', AUTH_MODES, 'managed-identity');
  const auth = readAuth(r, authMode, cloud);

  const publisherIdentifier = r.raw('publisherIdentifier') ?? tenantId ?? '';
  if (/[\s&?#/]/.test(publisherIdentifier)) {
    r.problem('publisherIdentifier', `is "${publisherIdentifier}": use your tenant id (no spaces, &, ?, #, /), or unset it`);
  }
  const contentTypes = readContentTypes(r);

  const schedule = r.raw('schedule') ?? (settingFor('schedule').default as string);
  const cronProblem = checkNcrontab(schedule);
  if (cronProblem) r.problem('schedule', `"${schedule}" ${cronProblem}: use NCRONTAB with seconds first, e.g. "0 */5 * * * *" (every 5 minutes)`);

  const store = r.oneOf('store', STORE_KINDS, 'sqlite');
  const storeSettings = readStore(r, store);

  const config: AuditflowConfig = {
    tenantId: tenantId ?? '',
    cloud,
    apiBaseUrl,
    authorityHost,
    ...definedOnly({ authorityCaPath }),
    authMode,
    ...definedOnly(auth),
    publisherIdentifier,
    contentTypes: Object.freeze([...contentTypes]),
    schedule: schedule.trim().split(/\s+/).join(' '),
    firstRunLookbackHours: r.integer('firstRunLookbackHours', 1, 168),
    relistOverlapMinutes: r.integer('relistOverlapMinutes', 0, 1440),
    safetyLagMinutes: r.integer('safetyLagMinutes', 0, 120),
    retentionDays: r.integer('retentionDays', 1, 3650),
    store,
    ...definedOnly(storeSettings),
    cosmosDatabase: storeSettings.cosmosDatabase,
    sqlitePath: storeSettings.sqlitePath,
    rateLimitPerMinute: r.integer('rateLimitPerMinute', 1, 10000),
    blobBatchSize: r.integer('blobBatchSize', 1, 100),
    maxBlobBytes: r.integer('maxBlobBytes', 1024, 1073741824),
    stuckAfterMinutes: r.integer('stuckAfterMinutes', 5, 10080),
    unreadableMaxAttempts: r.integer('unreadableMaxAttempts', 2, 100),
    unreadableMinHours: r.integer('unreadableMinHours', 0, 144),
    ...definedOnly({ dashboardUrl: readDashboardUrl(r) }),
  };

  if (r.problems.length > 0) throw new ConfigError(r.problems, r.issues);
  return Object.freeze(attachRedaction(config));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
