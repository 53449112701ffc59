// The stack's settings: read ONCE from Pulumi config at the top of the program, validated by a plain
// function (no cloud, no Pulumi runtime needed) that reports every problem together, each tied to
// the key to fix. The settings the app itself reads (tenant, cloud, content types, retention,
// schedule) are checked by libs/config's `loadConfig`, whose issues name the property they are
// about, so the stack cannot accept a value the Function App would later refuse.
import { envName, isConfigError, loadConfig, type AuditflowConfig, type CloudName, type Env } from '@auditflow/config';
import { AZURE_ENVIRONMENTS, azureCloudFor, azureEnvironmentFor, type AzureCloud, type AzureEnvironment } from './azure-clouds';

/**
 * managed-identity: the app's user-assigned identity holds the Office 365 app roles.
 * app-registration: a multi-tenant app registration holds them (collecting from another tenant);
 * its only credential is a federated one trusted from that same identity (no secret, no certificate).
 */
export const IDENTITY_MODES = ['managed-identity', 'app-registration'] as const;
export type IdentityMode = (typeof IDENTITY_MODES)[number];

export const THROUGHPUT_MODES = ['serverless', 'provisioned'] as const;
export type ThroughputMode = (typeof THROUGHPUT_MODES)[number];

/** `flex`: Flex Consumption (default, Microsoft's recommended plan); `y1`: Linux Consumption (retires 30 September 2028). */
export const PLAN_KINDS = ['flex', 'y1'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** `scheduler`: Durable Task Scheduler (default, with its dashboard); `azureStorage`: the task hub in the app's storage account. */
export const DURABLE_BACKENDS = ['scheduler', 'azureStorage'] as const;
export type DurableBackend = (typeof DURABLE_BACKENDS)[number];

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
  readonly durableBackend?: string;
  readonly operators?: string;
  readonly investigators?: string;
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
  'durableBackend',
  'operators',
  'investigators',
  'packageDir',
];

/** Keys of earlier versions of this stack, with what replaced them. */
const RETIRED_KEYS: Readonly<Record<string, string>> = {
  clientCertificate:
    'is no longer used: app-registration mode now trusts the app\'s managed identity (a federated credential), so no certificate or key exists',
  clientCertificatePath: 'is no longer used: the app gets its client assertion from its managed identity, it reads no key file',
};

/** The app config property each stack key feeds; the app setting's name comes from libs/config's SETTINGS. */
const CONFIG_KEY_OF: Readonly<Partial<Record<keyof RawStackConfig, keyof AuditflowConfig>>> = {
  tenantId: 'tenantId',
  cloud: 'cloud',
  contentTypes: 'contentTypes',
  retentionDays: 'retentionDays',
  schedule: 'schedule',
};

export interface StackConfig {
  readonly tenantId: string;
  readonly cloud: Exclude<CloudName, 'Custom'>;
  /** The Azure cloud the stack deploys to (from the M365 cloud; checked against the providers' environment). */
  readonly azureCloud: AzureCloud;
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
  readonly durableBackend: DurableBackend;
  /** Entra object ids (users or groups) who watch orchestrations: the dashboard's (or DfMon's) data roles. */
  readonly operators: readonly string[];
  /** Entra object ids (users or groups) given the console's `Investigator` app role. */
  readonly investigators: readonly string[];
  readonly cosmosDatabase: string;
  /** Folder of the built Functions app (CONTRACTS.md section 6); undefined = the repo's default. */
  readonly packageDir: string | undefined;
}

/** One problem: the config key to fix (`auditflow:retentionDays`, `azure-native:environment`) and what is wrong. */
export interface StackConfigProblem {
  readonly key: string;
  readonly message: string;
}

export class StackConfigError extends Error {
  readonly code = 'InvalidStackConfig';
  readonly statusCode = 400;
  readonly problems: readonly StackConfigProblem[];

  constructor(problems: readonly StackConfigProblem[]) {
    super(
      `auditflow stack config has ${problems.length} problem${problems.length === 1 ? '' : 's'} ` +
        `(fix each with \`pulumi config set <key> <value>\`):\n` +
        problems.map((p) => `  - ${p.key} ${p.message}`).join('\n'),
    );
    this.name = 'StackConfigError';
    this.problems = Object.freeze(problems.map((p) => Object.freeze({ ...p })));
  }
}

const DEFAULT_DATABASE = 'auditflow';
// Azure resource names derive from the prefix; the storage account allows only 3-24 lower-case
// letters and digits and gets a random suffix, so the prefix stays short.
const NAME_PREFIX = /^[a-z][a-z0-9]{2,11}$/;
const LOCATION = /^[a-z][a-z0-9]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MIN_RU = 400;
const MAX_RU = 1_000_000;

class Problems {
  readonly list: StackConfigProblem[] = [];
  add(key: string, message: string): void {
    this.list.push({ key: key.includes(':') ? key : `auditflow:${key}`, message });
  }
}

function pick<T extends string>(key: string, value: string | undefined, allowed: readonly T[], fallback: T, problems: Problems): T {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim() as T;
  if (allowed.includes(v)) return v;
  problems.add(key, `is "${value}"; use one of ${allowed.join(', ')}`);
  return fallback;
}

function objectIds(key: string, value: string | undefined, problems: Problems): string[] {
  const ids = (value ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const bad = ids.filter((id) => !GUID.test(id));
  if (bad.length > 0) problems.add(key, `lists ${bad.map((b) => `"${b}"`).join(', ')}; give Entra object ids (GUIDs) of users or groups, comma-separated (az ad user show --id <upn> --query id)`);
  return [...new Set(ids.filter((id) => GUID.test(id)))];
}

export interface ValidateStackConfigOptions {
  /** Every key set under `auditflow:` (pulumi.runtime.allConfig()), so a misspelt key is reported, not ignored. */
  readonly setKeys?: readonly string[];
  /** `azure-native:environment` and `azuread:environment` as set (undefined = public). */
  readonly providerEnvironments?: { readonly azureNative?: string; readonly azuread?: string };
}

/** Validates the raw stack config; throws StackConfigError listing EVERY problem. */
export function validateStackConfig(raw: RawStackConfig, options: ValidateStackConfigOptions = {}): StackConfig {
  const problems = new Problems();
  for (const key of options.setKeys ?? []) {
    if ((STACK_CONFIG_KEYS as readonly string[]).includes(key)) continue;
    const retired = RETIRED_KEYS[key];
    if (retired) {
      problems.add(key, `${retired}; remove it with \`pulumi config rm auditflow:${key}\``);
      continue;
    }
    const nearly = STACK_CONFIG_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
    problems.add(key, `is not a setting of this stack${nearly ? ` (did you mean auditflow:${nearly}?)` : ''}; remove it with \`pulumi config rm auditflow:${key}\``);
  }

  const location = raw.location?.trim() ?? '';
  if (location === '') problems.add('location', 'is required (an Azure region such as westeurope)');
  else if (!LOCATION.test(location)) problems.add('location', `is "${location}"; use a region name such as westeurope`);

  const namePrefix = raw.namePrefix?.trim() || 'auditflow';
  if (!NAME_PREFIX.test(namePrefix)) problems.add('namePrefix', `is "${namePrefix}"; use 3-12 lower-case letters and digits, starting with a letter`);

  const cloudValue = raw.cloud?.trim() || 'Enterprise';
  if (cloudValue === 'Custom') problems.add('cloud', '"Custom" is only for local simulators; use Enterprise, GCC, GCCHigh or DoD');

  const identityMode = pick('identityMode', raw.identityMode, IDENTITY_MODES, 'managed-identity', problems);
  const throughputMode = pick('throughputMode', raw.throughputMode, THROUGHPUT_MODES, 'serverless', problems);
  const planKind = pick('planKind', raw.planKind, PLAN_KINDS, 'flex', problems);
  const durableBackend = pick('durableBackend', raw.durableBackend, DURABLE_BACKENDS, 'scheduler', problems);
  const operators = objectIds('operators', raw.operators, problems);
  const investigators = objectIds('investigators', raw.investigators, problems);

  let throughput: number | undefined;
  const rawThroughput = raw.throughput?.trim();
  if (throughputMode === 'provisioned') {
    throughput = Number(rawThroughput || String(MIN_RU));
    if (!Number.isInteger(throughput) || throughput < MIN_RU || throughput > MAX_RU || throughput % 100 !== 0) {
      problems.add('throughput', `is "${rawThroughput}"; use RU/s from ${MIN_RU} to ${MAX_RU} in steps of 100`);
    }
  } else if (rawThroughput) {
    problems.add('throughput', 'is set but auditflow:throughputMode is serverless; remove it or set throughputMode provisioned');
  }

  const appConfig = checkAppSettings(raw, cloudValue, problems);
  const azureCloud = appConfig ? checkProviderEnvironments(appConfig.cloud as Exclude<CloudName, 'Custom'>, options, problems) : undefined;

  if (problems.list.length > 0 || appConfig === undefined || azureCloud === undefined) throw new StackConfigError(problems.list);

  return Object.freeze({
    tenantId: appConfig.tenantId,
    cloud: appConfig.cloud as Exclude<CloudName, 'Custom'>,
    azureCloud,
    location,
    namePrefix,
    contentTypes: Object.freeze([...appConfig.contentTypes]),
    retentionDays: appConfig.retentionDays,
    schedule: appConfig.schedule,
    identityMode,
    throughputMode,
    throughput,
    planKind,
    durableBackend,
    operators: Object.freeze(operators),
    investigators: Object.freeze(investigators),
    cosmosDatabase: DEFAULT_DATABASE,
    packageDir: raw.packageDir?.trim() || undefined,
  });
}

// The app-facing settings go through the app's own validator; each issue names its stack key.
function checkAppSettings(raw: RawStackConfig, cloudValue: string, problems: Problems): Readonly<AuditflowConfig> | undefined {
  const env: Record<string, string | undefined> = {
    [envName('tenantId')]: raw.tenantId?.trim() || undefined,
    [envName('cloud')]: cloudValue === 'Custom' ? 'Enterprise' : cloudValue,
    [envName('contentTypes')]: raw.contentTypes?.trim() || undefined,
    [envName('retentionDays')]: raw.retentionDays?.trim() || undefined,
    [envName('schedule')]: raw.schedule?.trim() || undefined,
  };
  try {
    return loadConfig(env as Env);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    for (const issue of error.issues) {
      const stackKey = (Object.keys(CONFIG_KEY_OF) as (keyof RawStackConfig)[]).find((k) => CONFIG_KEY_OF[k] === issue.key);
      problems.add(stackKey ?? issue.setting, stackKey ? `(${issue.setting}) ${issue.detail}` : issue.detail);
    }
    return undefined;
  }
}

// A GCC High or DoD tenant is collected from Azure Government; the providers must deploy there.
function checkProviderEnvironments(cloud: Exclude<CloudName, 'Custom'>, options: ValidateStackConfigOptions, problems: Problems): AzureCloud | undefined {
  const wanted = azureEnvironmentFor(cloud);
  let ok = true;
  for (const [provider, value] of [
    ['azure-native', options.providerEnvironments?.azureNative],
    ['azuread', options.providerEnvironments?.azuread],
  ] as const) {
    const given = (value?.trim().toLowerCase() || 'public') as AzureEnvironment;
    if (!(AZURE_ENVIRONMENTS as readonly string[]).includes(given)) {
      problems.add(`${provider}:environment`, `is "${value}"; this stack deploys to ${AZURE_ENVIRONMENTS.join(' or ')}`);
      ok = false;
    } else if (given !== wanted) {
      problems.add(
        `${provider}:environment`,
        `is ${given} but auditflow:cloud ${cloud} is collected from ${wanted === 'usgovernment' ? 'Azure Government' : 'commercial Azure'}: ` +
          (wanted === 'public' ? `remove it with \`pulumi config rm ${provider}:environment\`` : `set it with \`pulumi config set ${provider}:environment usgovernment\``),
      );
      ok = false;
    }
  }
  return ok ? azureCloudFor(cloud) : undefined;
}

/**
 * In managed-identity mode the app's identity lives in the directory of the Azure subscription, so
 * that must be the collected tenant. Returns the problem, or undefined when they agree.
 */
export function managedIdentityTenantProblem(config: Pick<StackConfig, 'identityMode' | 'tenantId'>, subscriptionTenantId: string): StackConfigProblem | undefined {
  if (config.identityMode !== 'managed-identity' || subscriptionTenantId.toLowerCase() === config.tenantId.toLowerCase()) return undefined;
  return {
    key: 'auditflow:tenantId',
    message:
      `is ${config.tenantId} but the subscription you deploy to belongs to tenant ${subscriptionTenantId}: ` +
      'a managed identity can only collect from its own tenant; deploy into a subscription of the collected tenant, or set auditflow:identityMode app-registration',
  };
}
