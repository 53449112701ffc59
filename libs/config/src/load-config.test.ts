import { describe, expect, it } from 'vitest';
import { CONFIG_CONTENT_TYPES } from './auditflow-config';
import { tokenExchangeAudienceFor, tokenScopeFor } from './clouds';
import { ConfigError, isConfigError } from './config-error';
import { loadConfig, type Env } from './load-config';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function problemsOf(env: Env): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(isConfigError(error)).toBe(true);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  it('needs only the tenant id and fills every default', () => {
    const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT.toUpperCase() });
    expect(config).toMatchObject({
      tenantId: TENANT,
      cloud: 'Enterprise',
      apiBaseUrl: 'https://manage.office.com',
      authorityHost: 'https://login.microsoftonline.com',
      authMode: 'managed-identity',
      publisherIdentifier: TENANT,
      contentTypes: [...CONFIG_CONTENT_TYPES],
      schedule: '0 */5 * * * *',
      firstRunLookbackHours: 168,
      relistOverlapMinutes: 60,
      safetyLagMinutes: 5,
      retentionDays: 90,
      store: 'sqlite',
      sqlitePath: './data/auditflow.db',
      cosmosDatabase: 'auditflow',
      rateLimitPerMinute: 2000,
      blobBatchSize: 8,
      maxBlobBytes: 104857600,
      stuckAfterMinutes: 120,
      unreadableMaxAttempts: 5,
      unreadableMinHours: 1,
    });
    expect(config.clientId).toBeUndefined();
    expect(config.clientSecret).toBeUndefined();
    expect(config.cosmosEndpoint).toBeUndefined();
  });

  it('treats blank values as unset', () => {
    const config = loadConfig({ AUDITFLOW_TENANT_ID: ` ${TENANT} `, AUDITFLOW_CLOUD: '', AUDITFLOW_RETENTION_DAYS: '  ' });
    expect(config.cloud).toBe('Enterprise');
    expect(config.retentionDays).toBe(90);
  });

  it('returns a deep-frozen object', () => {
    const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.contentTypes)).toBe(true);
    expect(() => (config.contentTypes as string[]).push('x')).toThrow();
  });
});

describe('clouds', () => {
  it.each([
    ['Enterprise', 'https://manage.office.com', 'https://login.microsoftonline.com'],
    ['GCC', 'https://manage-gcc.office.com', 'https://login.microsoftonline.com'],
    ['GCCHigh', 'https://manage.office365.us', 'https://login.microsoftonline.us'],
    ['DoD', 'https://manage.protection.apps.mil', 'https://login.microsoftonline.us'],
  ])('%s uses its hosts, and the token scope follows from the API host', (cloud, api, authority) => {
    const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_CLOUD: cloud });
    expect([config.apiBaseUrl, config.authorityHost, tokenScopeFor(config.apiBaseUrl)]).toEqual([api, authority, `${api}/.default`]);
  });

  it.each([
    ['Enterprise', 'api://AzureADTokenExchange'],
    ['GCC', 'api://AzureADTokenExchange'],
    ['GCCHigh', 'api://AzureADTokenExchangeUSGov'],
    ['DoD', 'api://AzureADTokenExchangeUSGov'],
    ['Custom', 'api://AzureADTokenExchange'],
  ] as const)('%s: the token-exchange audience of a federated credential is %s', (cloud, audience) => {
    expect(tokenExchangeAudienceFor(cloud)).toBe(audience);
  });

  it('Custom takes both URLs, http on loopback, and plain-string client ids (the simulator)', () => {
    const config = loadConfig({
      AUDITFLOW_TENANT_ID: TENANT,
      AUDITFLOW_CLOUD: 'Custom',
      AUDITFLOW_API_BASE_URL: 'http://127.0.0.1:7070/',
      AUDITFLOW_AUTHORITY_HOST: 'http://localhost:7070',
      AUDITFLOW_AUTH_MODE: 'client-secret',
      AUDITFLOW_CLIENT_ID: 'simulator-client',
      AUDITFLOW_CLIENT_SECRET: 'not-a-real-secret',
    });
    expect(config.apiBaseUrl).toBe('http://127.0.0.1:7070');
    expect(config.authorityHost).toBe('http://localhost:7070');
    expect(tokenScopeFor(config.apiBaseUrl)).toBe('http://127.0.0.1:7070/.default');
    expect(config.clientId).toBe('simulator-client');
    expect(config.clientSecret).toBe('not-a-real-secret');
  });

  it('an explicit base URL overrides a known cloud host', () => {
    const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_API_BASE_URL: 'https://proxy.example.com:8443' });
    expect(config.apiBaseUrl).toBe('https://proxy.example.com:8443');
    expect(config.authorityHost).toBe('https://login.microsoftonline.com');
  });
});

describe('auth modes', () => {
  it('federated-credential needs the app registration id and the user-assigned identity id, and no secret or certificate', () => {
    const identity = '12345678-90ab-4cde-8f01-234567890abc';
    const config = loadConfig({
      AUDITFLOW_TENANT_ID: TENANT,
      AUDITFLOW_AUTH_MODE: 'federated-credential',
      AUDITFLOW_CLIENT_ID: CLIENT,
      AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID: identity.toUpperCase(),
    });
    expect([config.authMode, config.clientId, config.managedIdentityClientId]).toEqual(['federated-credential', CLIENT, identity]);
    expect(config.clientSecret).toBeUndefined();
    expect(config.clientCertificatePath).toBeUndefined();
  });

  it('client-certificate needs a client id and a certificate path', () => {
    const config = loadConfig({
      AUDITFLOW_TENANT_ID: TENANT,
      AUDITFLOW_AUTH_MODE: 'client-certificate',
      AUDITFLOW_CLIENT_ID: CLIENT,
      AUDITFLOW_CLIENT_CERTIFICATE_PATH: '/certs/app.pem',
    });
    expect([config.authMode, config.clientId, config.clientCertificatePath]).toEqual(['client-certificate', CLIENT, '/certs/app.pem']);
  });

  it('managed identity takes an optional user-assigned client id', () => {
    expect(loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_CLIENT_ID: CLIENT }).clientId).toBe(CLIENT);
  });
});

describe('authority CA path', () => {
  it('is optional and absent by default', () => {
    expect('authorityCaPath' in loadConfig({ AUDITFLOW_TENANT_ID: TENANT })).toBe(false);
  });

  it('takes a path as given (no I/O: the credential reads the file)', () => {
    const config = loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_AUTHORITY_CA_PATH: ' /etc/auditflow/simulator-ca.pem ' });
    expect(config.authorityCaPath).toBe('/etc/auditflow/simulator-ca.pem');
  });

  it('treats blank as unset', () => {
    expect(loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_AUTHORITY_CA_PATH: '  ' }).authorityCaPath).toBeUndefined();
  });

  it('refuses PEM text pasted in place of a path, together with other problems', () => {
    const problems = problemsOf({ AUDITFLOW_AUTHORITY_CA_PATH: '-----BEGIN CERTIFICATE-----\nMIIB...' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^AUDITFLOW_TENANT_ID is missing/);
    expect(problems[1]).toMatch(/^AUDITFLOW_AUTHORITY_CA_PATH holds PEM text: save the certificate to a file/);
  });
});

describe('content types', () => {
  it.each([
    ['Audit.Exchange', ['Audit.Exchange']],
    [' DLP.All , Audit.General,DLP.All ', ['DLP.All', 'Audit.General']],
    ['Audit.SharePoint,,', ['Audit.SharePoint']],
  ])('"%s" -> %j', (value, expected) => {
    expect(loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_CONTENT_TYPES: value }).contentTypes).toEqual(expected);
  });
});

describe('cosmos store', () => {
  it('takes an https endpoint and Entra auth (no key)', () => {
    const config = loadConfig({
      AUDITFLOW_TENANT_ID: TENANT,
      AUDITFLOW_STORE: 'cosmos',
      AUDITFLOW_COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
      AUDITFLOW_COSMOS_DATABASE: 'audit',
    });
    expect([config.store, config.cosmosEndpoint, config.cosmosDatabase, config.cosmosKey]).toEqual([
      'cosmos',
      'https://acct.documents.azure.com',
      'audit',
      undefined,
    ]);
  });

  it('takes a key for a loopback Cosmos-protocol server', () => {
    const config = loadConfig({
      AUDITFLOW_TENANT_ID: TENANT,
      AUDITFLOW_STORE: 'cosmos',
      AUDITFLOW_COSMOS_ENDPOINT: 'https://127.0.0.1:8081',
      AUDITFLOW_COSMOS_KEY: 'local-key',
    });
    expect(config.cosmosKey).toBe('local-key');
  });
});

describe('ConfigError issues', () => {
  it('ties each problem to its property and setting, in the order of problems', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ AUDITFLOW_TENANT_ID: 'x', AUDITFLOW_RETENTION_DAYS: '0' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.issues.map((i) => [i.key, i.setting])).toEqual([
      ['tenantId', 'AUDITFLOW_TENANT_ID'],
      ['retentionDays', 'AUDITFLOW_RETENTION_DAYS'],
    ]);
    expect(error?.issues.map((i) => i.message)).toEqual(error?.problems);
  });
});

describe('dashboard URL', () => {
  it('is optional, and taken with its path and query (a link, not an API root)', () => {
    expect(loadConfig({ AUDITFLOW_TENANT_ID: TENANT }).dashboardUrl).toBeUndefined();
    const url = 'https://dashboard.durabletask.io/subscriptions/s/schedulers/af/taskhubs/auditflow?endpoint=https%3A%2F%2Faf.westeurope.durabletask.io';
    expect(loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_DASHBOARD_URL: url }).dashboardUrl).toBe(url);
  });

  it.each(['http://dashboard.example/x', 'dashboard', 'https://user:pw@dashboard.example/'])('refuses %s', (value) => {
    expect(() => loadConfig({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_DASHBOARD_URL: value })).toThrow(/AUDITFLOW_DASHBOARD_URL is .*https URL of the task hub's dashboard/);
  });
});

describe('problems', () => {
  const base = { AUDITFLOW_TENANT_ID: TENANT };
  // Each row: env, and a fragment every expected problem must contain (one problem per fragment).
  it.each<[string, Env, string[]]>([
    ['missing tenant', {}, ['AUDITFLOW_TENANT_ID is missing: set it to your Entra tenant id (a GUID)']],
    ['tenant not a GUID', { AUDITFLOW_TENANT_ID: 'contoso.onmicrosoft.com' }, ['AUDITFLOW_TENANT_ID is "contoso.onmicrosoft.com", not a GUID']],
    ['unknown cloud', { ...base, AUDITFLOW_CLOUD: 'gcchigh' }, ['AUDITFLOW_CLOUD is "gcchigh": set it to one of Enterprise, GCC, GCCHigh, DoD, Custom (did you mean GCCHigh?)']],
    ['Custom without URLs', { ...base, AUDITFLOW_CLOUD: 'Custom' }, ['AUDITFLOW_API_BASE_URL is missing', 'AUDITFLOW_AUTHORITY_HOST is missing']],
    ['http to a remote host', { ...base, AUDITFLOW_API_BASE_URL: 'http://manage.example.com' }, ['AUDITFLOW_API_BASE_URL "http://manage.example.com" uses http']],
    ['URL with a path', { ...base, AUDITFLOW_AUTHORITY_HOST: 'https://login.example.com/tenant' }, ['without a path']],
    ['not a URL', { ...base, AUDITFLOW_API_BASE_URL: 'manage.office.com' }, ['is not a URL']],
    ['ftp URL', { ...base, AUDITFLOW_API_BASE_URL: 'ftp://127.0.0.1' }, ['must start with https://']],
    ['unknown auth mode', { ...base, AUDITFLOW_AUTH_MODE: 'password' }, ['AUDITFLOW_AUTH_MODE is "password"']],
    ['certificate without id or path', { ...base, AUDITFLOW_AUTH_MODE: 'client-certificate' }, ['AUDITFLOW_CLIENT_ID is missing', 'AUDITFLOW_CLIENT_CERTIFICATE_PATH is missing']],
    ['secret mode without secret', { ...base, AUDITFLOW_AUTH_MODE: 'client-secret', AUDITFLOW_CLIENT_ID: CLIENT }, ['AUDITFLOW_CLIENT_SECRET is missing']],
    ['stray secret', { ...base, AUDITFLOW_CLIENT_SECRET: 's3cr3t-value' }, ['AUDITFLOW_CLIENT_SECRET is set but AUDITFLOW_AUTH_MODE is managed-identity']],
    ['federated without ids', { ...base, AUDITFLOW_AUTH_MODE: 'federated-credential' }, ['AUDITFLOW_CLIENT_ID is missing', 'AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID is missing']],
    ['federated with a bad identity id', { ...base, AUDITFLOW_AUTH_MODE: 'federated-credential', AUDITFLOW_CLIENT_ID: CLIENT, AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID: 'my-identity' }, ['AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID is "my-identity", not a GUID']],
    ['federated with a secret', { ...base, AUDITFLOW_AUTH_MODE: 'federated-credential', AUDITFLOW_CLIENT_ID: CLIENT, AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID: CLIENT, AUDITFLOW_CLIENT_SECRET: 'x' }, ['AUDITFLOW_CLIENT_SECRET is set but AUDITFLOW_AUTH_MODE is federated-credential']],
    ['stray identity id', { ...base, AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID: CLIENT }, ['AUDITFLOW_MANAGED_IDENTITY_CLIENT_ID is set but AUDITFLOW_AUTH_MODE is managed-identity']],
    ['client id not a GUID on a real cloud', { ...base, AUDITFLOW_CLIENT_ID: 'my-app' }, ['AUDITFLOW_CLIENT_ID is "my-app", not a GUID']],
    ['bad content type', { ...base, AUDITFLOW_CONTENT_TYPES: 'audit.exchange,Audit.Teams' }, ['"audit.exchange" (did you mean Audit.Exchange?', '"Audit.Teams"']],
    ['empty content type list', { ...base, AUDITFLOW_CONTENT_TYPES: ' , ' }, ['lists no content type']],
    ['5-field cron', { ...base, AUDITFLOW_SCHEDULE: '*/5 * * * *' }, ['AUDITFLOW_SCHEDULE "*/5 * * * *" has 5 fields, needs 6']],
    ['cron out of range', { ...base, AUDITFLOW_SCHEDULE: '0 */5 24 * * *' }, ['hour "24" is outside 0-23']],
    ['cron zero step', { ...base, AUDITFLOW_SCHEDULE: '0 */0 * * * *' }, ['bad step "/0"']],
    ['lookback too long', { ...base, AUDITFLOW_FIRST_RUN_LOOKBACK_HOURS: '169' }, ['AUDITFLOW_FIRST_RUN_LOOKBACK_HOURS is "169": set it to a whole number from 1 to 168']],
    ['overlap not a number', { ...base, AUDITFLOW_RELIST_OVERLAP_MINUTES: 'ten' }, ['AUDITFLOW_RELIST_OVERLAP_MINUTES is "ten"']],
    ['negative lag', { ...base, AUDITFLOW_SAFETY_LAG_MINUTES: '-1' }, ['AUDITFLOW_SAFETY_LAG_MINUTES is "-1"']],
    ['fractional retention', { ...base, AUDITFLOW_RETENTION_DAYS: '1.5' }, ['AUDITFLOW_RETENTION_DAYS is "1.5"']],
    ['zero rate', { ...base, AUDITFLOW_RATE_LIMIT_PER_MINUTE: '0' }, ['AUDITFLOW_RATE_LIMIT_PER_MINUTE is "0"']],
    ['batch too big', { ...base, AUDITFLOW_BLOB_BATCH_SIZE: '101' }, ['AUDITFLOW_BLOB_BATCH_SIZE is "101"']],
    ['stuck threshold too small', { ...base, AUDITFLOW_STUCK_AFTER_MINUTES: '1' }, ['AUDITFLOW_STUCK_AFTER_MINUTES is "1"']],
    ['one attempt is no pattern', { ...base, AUDITFLOW_UNREADABLE_MAX_ATTEMPTS: '1' }, ['AUDITFLOW_UNREADABLE_MAX_ATTEMPTS is "1"']],
    ['hours not a number', { ...base, AUDITFLOW_UNREADABLE_MIN_HOURS: 'soon' }, ['AUDITFLOW_UNREADABLE_MIN_HOURS is "soon"']],
    ['max blob too small', { ...base, AUDITFLOW_MAX_BLOB_BYTES: '10' }, ['AUDITFLOW_MAX_BLOB_BYTES is "10"']],
    ['unknown store', { ...base, AUDITFLOW_STORE: 'postgres' }, ['AUDITFLOW_STORE is "postgres"']],
    ['cosmos without endpoint', { ...base, AUDITFLOW_STORE: 'cosmos' }, ['AUDITFLOW_COSMOS_ENDPOINT is missing']],
    ['cosmos over http remote', { ...base, AUDITFLOW_STORE: 'cosmos', AUDITFLOW_COSMOS_ENDPOINT: 'http://acct.documents.azure.com' }, ['AUDITFLOW_COSMOS_ENDPOINT "http://acct.documents.azure.com" uses http']],
    ['cosmos key on a real account', { ...base, AUDITFLOW_STORE: 'cosmos', AUDITFLOW_COSMOS_ENDPOINT: 'https://acct.documents.azure.com', AUDITFLOW_COSMOS_KEY: 'k' }, ['AUDITFLOW_COSMOS_KEY is only for local']],
    ['cosmos key with sqlite', { ...base, AUDITFLOW_COSMOS_KEY: 'k' }, ['AUDITFLOW_COSMOS_KEY is set but AUDITFLOW_STORE is not cosmos']],
    ['bad database name', { ...base, AUDITFLOW_COSMOS_DATABASE: 'a/b' }, ['AUDITFLOW_COSMOS_DATABASE is "a/b"']],
    ['publisher with spaces', { ...base, AUDITFLOW_PUBLISHER_IDENTIFIER: 'a b' }, ['AUDITFLOW_PUBLISHER_IDENTIFIER is "a b"']],
  ])('%s', (_name, env, fragments) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(fragments.length);
    for (const [i, fragment] of fragments.entries()) expect(problems[i]).toContain(fragment);
  });

  it('reports every problem at once, in a message that says what to do', () => {
    const env = { AUDITFLOW_CLOUD: 'Custom', AUDITFLOW_SCHEDULE: 'often', AUDITFLOW_BLOB_BATCH_SIZE: '0', AUDITFLOW_STORE: 'cosmos' };
    try {
      loadConfig(env);
      expect.unreachable();
    } catch (error) {
      const e = error as ConfigError;
      expect(e).toBeInstanceOf(ConfigError);
      expect([e.code, e.statusCode]).toEqual(['InvalidConfig', 500]);
      expect(e.problems).toHaveLength(6);
      expect(e.message).toContain('6 problems');
      for (const p of e.problems) expect(e.message).toContain(p);
    }
  });

  it('never echoes a secret in a problem', () => {
    const problems = problemsOf({ AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_CLIENT_SECRET: 'TOPSECRET-123' });
    expect(problems.join('\n')).not.toContain('TOPSECRET-123');
  });
});
