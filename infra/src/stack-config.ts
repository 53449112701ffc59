// The stack's settings: read ONCE from Pulumi config at the top of the program, validated by a plain
// function (no cloud, no Pulumi runtime needed) that reports every problem together. The settings the
// app itself reads (tenant, cloud, content types, retention, schedule) are checked by libs/config's
// `loadConfig`, so the stack cannot accept a value the Function App would later refuse.
import { isConfigError, loadConfig, type CloudName } from '@auditflow/config';

export const IDENTITY_MODES = ['managed-identity', 'app-registration'] as const;
export type IdentityMode = (typeof IDENTITY_MODES)[number];

export const THROUGHPUT_MODES = ['serverless', 'provisioned'] as const;
export type ThroughputMode = (typeof THROUGHPUT_MODES)[number];

/** `y1`: Linux Consumption (run from a package blob); `flex`: Flex Consumption (deployment container). */
export const PLAN_KINDS = ['y1', 'flex'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** Stack config keys (namespace `auditflow:`), as typed by `pulumi config set`. Strings, unparsed. */
export interface RawStackConfig {
  readonly tenantId?: string;
  readonly cloud?: string;
  readonly location?: string;
  readonly namePrefix?: string;
  readonly contentTypes?: string;
  readonly retentionDays?: string;
  readonly schedule?: string;
  readonly identityMode?: string;
  readonly throughputMode?: string;
  readonly throughput?: string;
  readonly planKind?: string;
  readonly clientCertificate?: string;
  readonly clientCertificatePath?: string;
  readonly packageDir?: string;
}

export const STACK_CONFIG_KEYS: readonly (keyof RawStackConfig)[] = [
  'tenantId',
  'cloud',
  'location',
  'namePrefix',
  'contentTypes',
  'retentionDays',
  'schedule',
  'identityMode',
  'throughputMode',
  'throughput',
  'planKind',
  'clientCertificate',
  'clientCertificatePath',
  'packageDir',
];

/** Which app setting each stack key feeds, so libs/config's problems can name the stack key. */
const APP_SETTING_OF: Readonly<Partial<Record<keyof RawStackConfig, string>>> = {
  tenantId: 'AUDITFLOW_TENANT_ID',
  cloud: 'AUDITFLOW_CLOUD',
  contentTypes: 'AUDITFLOW_CONTENT_TYPES',
  retentionDays: 'AUDITFLOW_RETENTION_DAYS',
  schedule: 'AUDITFLOW_SCHEDULE',
  clientCertificatePath: 'AUDITFLOW_CLIENT_CERTIFICATE_PATH',
};

export interface StackConfig {
  readonly tenantId: string;
  readonly cloud: Exclude<CloudName, 'Custom'>;
  readonly location: string;
  readonly namePrefix: string;
  readonly contentTypes: readonly string[];
  readonly retentionDays: number;
  readonly schedule: string;
  readonly identityMode: IdentityMode;
  readonly throughputMode: ThroughputMode;
  /** RU/s of the database when provisioned; undefined when serverless. */
  readonly throughput: number | undefined;
  readonly planKind: PlanKind;
  /** Public certificate (PEM) of the app registration; only in app-registration mode. */
  readonly clientCertificate: string | undefined;
  /** Where the Function App reads key+cert (PEM) from; only in app-registration mode. */
  readonly clientCertificatePath: string | undefined;
  readonly cosmosDatabase: string;
  /** Folder of the built Functions app (CONTRACTS.md section 6); undefined = the repo's default. */
  readonly packageDir: string | undefined;
}

export class StackConfigError extends Error {
  readonly code = 'InvalidStackConfig';
  readonly statusCode = 400;
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      `auditflow stack config has ${problems.length} problem${problems.length === 1 ? '' : 's'} ` +
        `(fix each with \`pulumi config set auditflow:<key> <value>\`):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'StackConfigError';
    this.problems = Object.freeze([...problems]);
  }
}

const DEFAULT_DATABASE = 'auditflow';
// Azure resource names derive from the prefix; the storage account allows only 3-24 lower-case
// letters and digits and gets a random suffix, so the prefix stays short.
const NAME_PREFIX = /^[a-z][a-z0-9]{2,11}$/;
const LOCATION = /^[a-z][a-z0-9]+$/;
const MIN_RU = 400;
const MAX_RU = 1_000_000;

function pick<T extends string>(
  key: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
): T {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim() as T;
  if (allowed.includes(v)) return v;
  problems.push(`auditflow:${key} is "${value}"; use one of ${allowed.join(', ')}`);
  return fallback;
}

export interface ValidateStackConfigOptions {
  /** Every key set under `auditflow:` (pulumi.runtime.allConfig()), so a misspelt key is reported, not ignored. */
  readonly setKeys?: readonly string[];
}

/** Validates the raw stack config; throws StackConfigError listing EVERY problem. */
export function validateStackConfig(raw: RawStackConfig, options: ValidateStackConfigOptions = {}): StackConfig {
  const problems: string[] = [];
  for (const key of options.setKeys ?? []) {
    if ((STACK_CONFIG_KEYS as readonly string[]).includes(key)) continue;
    const nearly = STACK_CONFIG_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
    problems.push(`auditflow:${key} is not a setting of this stack${nearly ? ` (did you mean auditflow:${nearly}?)` : ''}; remove it with \`pulumi config rm auditflow:${key}\``);
  }

  const location = raw.location?.trim() ?? '';
  if (location === '') problems.push('auditflow:location is required (an Azure region such as westeurope)');
  else if (!LOCATION.test(location)) problems.push(`auditflow:location is "${location}"; use a region name such as westeurope`);

  const namePrefix = raw.namePrefix?.trim() || 'auditflow';
  if (!NAME_PREFIX.test(namePrefix)) {
    problems.push(`auditflow:namePrefix is "${namePrefix}"; use 3-12 lower-case letters and digits, starting with a letter`);
  }

  const cloudValue = raw.cloud?.trim() || 'Enterprise';
  if (cloudValue === 'Custom') {
    problems.push('auditflow:cloud "Custom" is only for local simulators; use Enterprise, GCC, GCCHigh or DoD');
  }

  const identityMode = pick('identityMode', raw.identityMode, IDENTITY_MODES, 'managed-identity', problems);
  const throughputMode = pick('throughputMode', raw.throughputMode, THROUGHPUT_MODES, 'serverless', problems);
  const planKind = pick('planKind', raw.planKind, PLAN_KINDS, 'y1', problems);

  let throughput: number | undefined;
  const rawThroughput = raw.throughput?.trim();
  if (throughputMode === 'provisioned') {
    throughput = Number(rawThroughput || String(MIN_RU));
    if (!Number.isInteger(throughput) || throughput < MIN_RU || throughput > MAX_RU || throughput % 100 !== 0) {
      problems.push(`auditflow:throughput is "${rawThroughput}"; use RU/s from ${MIN_RU} to ${MAX_RU} in steps of 100`);
    }
  } else if (rawThroughput) {
    problems.push('auditflow:throughput is set but auditflow:throughputMode is serverless; remove it or set throughputMode provisioned');
  }

  let clientCertificate: string | undefined;
  let clientCertificatePath: string | undefined;
  if (identityMode === 'app-registration') {
    clientCertificate = raw.clientCertificate?.trim();
    if (!clientCertificate) {
      problems.push('auditflow:clientCertificate is required in app-registration mode (the PUBLIC certificate, PEM)');
    } else if (/PRIVATE KEY/.test(clientCertificate)) {
      problems.push('auditflow:clientCertificate contains a PRIVATE KEY; give only the public certificate (the key must never enter Pulumi state)');
    } else if (!/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(clientCertificate)) {
      problems.push('auditflow:clientCertificate is not a PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)');
    }
    clientCertificatePath = raw.clientCertificatePath?.trim();
    if (!clientCertificatePath) {
      problems.push('auditflow:clientCertificatePath is required in app-registration mode (absolute path of the PEM key+cert file the app reads)');
    } else if (!clientCertificatePath.startsWith('/')) {
      problems.push(`auditflow:clientCertificatePath is "${clientCertificatePath}"; use an absolute path`);
    }
  } else {
    if (raw.clientCertificate?.trim()) problems.push('auditflow:clientCertificate is only used with identityMode app-registration; remove it');
    if (raw.clientCertificatePath?.trim()) problems.push('auditflow:clientCertificatePath is only used with identityMode app-registration; remove it');
  }

  // The app-facing settings go through the app's own validator.
  const env: Record<string, string | undefined> = {
    AUDITFLOW_TENANT_ID: raw.tenantId?.trim() || undefined,
    AUDITFLOW_CLOUD: cloudValue === 'Custom' ? 'Enterprise' : cloudValue,
    AUDITFLOW_CONTENT_TYPES: raw.contentTypes?.trim() || undefined,
    AUDITFLOW_RETENTION_DAYS: raw.retentionDays?.trim() || undefined,
    AUDITFLOW_SCHEDULE: raw.schedule?.trim() || undefined,
    AUDITFLOW_STORE: 'cosmos',
    // Placeholders for values the stack itself provides (endpoint, client id).
    AUDITFLOW_COSMOS_ENDPOINT: 'https://placeholder.documents.azure.com:443/',
    AUDITFLOW_COSMOS_DATABASE: DEFAULT_DATABASE,
    AUDITFLOW_AUTH_MODE: identityMode === 'app-registration' ? 'client-certificate' : 'managed-identity',
    ...(identityMode === 'app-registration'
      ? {
          AUDITFLOW_CLIENT_ID: '00000000-0000-0000-0000-000000000000',
          AUDITFLOW_CLIENT_CERTIFICATE_PATH: clientCertificatePath || '/placeholder.pem',
        }
      : {}),
  };
  let appConfig: ReturnType<typeof loadConfig> | undefined;
  try {
    appConfig = loadConfig(env);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    for (const problem of error.problems) problems.push(nameStackKey(problem));
  }

  if (problems.length > 0 || appConfig === undefined) throw new StackConfigError(problems);

  return Object.freeze({
    tenantId: appConfig.tenantId,
    cloud: appConfig.cloud as Exclude<CloudName, 'Custom'>,
    location,
    namePrefix,
    contentTypes: Object.freeze([...appConfig.contentTypes]),
    retentionDays: appConfig.retentionDays,
    schedule: appConfig.schedule,
    identityMode,
    throughputMode,
    throughput,
    planKind,
    clientCertificate,
    clientCertificatePath,
    cosmosDatabase: DEFAULT_DATABASE,
    packageDir: raw.packageDir?.trim() || undefined,
  });
}

/** "AUDITFLOW_RETENTION_DAYS must be ..." -> "auditflow:retentionDays (AUDITFLOW_RETENTION_DAYS) must be ...". */
function nameStackKey(problem: string): string {
  let named = problem;
  for (const [key, setting] of Object.entries(APP_SETTING_OF)) {
    if (setting && named.includes(setting)) named = named.replace(setting, `auditflow:${key} (${setting})`);
  }
  return named;
}

/**
 * In managed-identity mode the app's identity lives in the directory of the Azure subscription, so
 * that must be the collected tenant. Returns the problem, or undefined when they agree.
 */
export function managedIdentityTenantProblem(config: Pick<StackConfig, 'identityMode' | 'tenantId'>, subscriptionTenantId: string): string | undefined {
  if (config.identityMode !== 'managed-identity' || subscriptionTenantId.toLowerCase() === config.tenantId.toLowerCase()) return undefined;
  return (
    `auditflow:tenantId is ${config.tenantId} but the subscription you deploy to belongs to tenant ${subscriptionTenantId}: ` +
    'a managed identity can only collect from its own tenant; deploy into a subscription of the collected tenant, or set auditflow:identityMode app-registration'
  );
}
