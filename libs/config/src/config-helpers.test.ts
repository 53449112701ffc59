import { CONTENT_TYPES } from '@auditflow/ingestion';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_CONTENT_TYPES, type AuditflowConfig } from './auditflow-config';
import { CLOUDS } from './clouds';
import { COSMOS_LAYOUT, retentionSeconds } from './cosmos-layout';
import { checkEndpointUrl, isLoopbackHost } from './endpoint-url';
import { loadConfig } from './load-config';
import { checkNcrontab } from './ncrontab';
import { REDACTED, redactConfig } from './redact-config';
import { SETTINGS } from './settings';
import { settingsToEnv } from './settings-to-env';

const TENANT = '11111111-2222-3333-4444-555555555555';
const secretEnv = {
  AUDITFLOW_TENANT_ID: TENANT,
  AUDITFLOW_CLOUD: 'Custom',
  AUDITFLOW_API_BASE_URL: 'http://127.0.0.1:7070',
  AUDITFLOW_AUTHORITY_HOST: 'http://127.0.0.1:7070',
  AUDITFLOW_AUTHORITY_CA_PATH: '/tmp/simulator-ca.pem',
  AUDITFLOW_AUTH_MODE: 'client-secret',
  AUDITFLOW_CLIENT_ID: 'sim-client',
  AUDITFLOW_CLIENT_SECRET: 'SECRET-VALUE-42',
  AUDITFLOW_STORE: 'cosmos',
  AUDITFLOW_COSMOS_ENDPOINT: 'http://127.0.0.1:8081',
  AUDITFLOW_COSMOS_KEY: 'COSMOS-KEY-42',
};

describe('content types', () => {
  it('agree with libs/ingestion', () => expect([...CONFIG_CONTENT_TYPES]).toEqual([...CONTENT_TYPES]));
});

describe('SETTINGS table', () => {
  it('names every setting once, all AUDITFLOW_*', () => {
    const names = SETTINGS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(30);
    for (const name of names) expect(name).toMatch(/^AUDITFLOW_[A-Z_]+$/);
  });
  it('marks exactly the two secrets', () => {
    expect(SETTINGS.filter((s) => s.secret).map((s) => s.name)).toEqual(['AUDITFLOW_CLIENT_SECRET', 'AUDITFLOW_COSMOS_KEY']);
  });
  it('has defaults that loadConfig accepts as explicit values', () => {
    const env: Record<string, string> = { AUDITFLOW_TENANT_ID: TENANT };
    // Derived defaults are sentences ("from the cloud's API host", "the tenant id"): skip those.
    for (const s of SETTINGS) if (s.default !== undefined && !/^(from |the )/.test(s.default)) env[s.name] = s.default;
    expect(Object.keys(env)).toHaveLength(18); // tenant + 17 literal defaults
    expect(loadConfig(env)).toEqual(loadConfig({ AUDITFLOW_TENANT_ID: TENANT }));
  });
});

describe('redaction', () => {
  const config = loadConfig(secretEnv);
  it('redactConfig replaces the secrets', () => {
    const redacted = redactConfig(config);
    expect(redacted.clientSecret).toBe(REDACTED);
    expect(redacted.cosmosKey).toBe(REDACTED);
    expect(redacted.tenantId).toBe(TENANT);
    expect(config.clientSecret).toBe('SECRET-VALUE-42');
  });
  it('JSON.stringify and util.inspect of the config never show a secret', () => {
    for (const text of [JSON.stringify(config), inspect(config), JSON.stringify({ nested: config })]) {
      expect(text).toContain(TENANT);
      expect(text).not.toContain('SECRET-VALUE-42');
      expect(text).not.toContain('COSMOS-KEY-42');
    }
  });
  it('leaves absent secrets absent', () => {
    expect('clientSecret' in redactConfig(loadConfig({ AUDITFLOW_TENANT_ID: TENANT }))).toBe(false);
  });
});

describe('settingsToEnv', () => {
  it('round-trips through loadConfig', () => {
    const config = loadConfig(secretEnv);
    const env = settingsToEnv(config, { includeSecrets: true });
    expect(loadConfig(env)).toEqual(config);
    expect(env.AUDITFLOW_AUTHORITY_CA_PATH).toBe('/tmp/simulator-ca.pem');
  });
  it('leaves secrets out by default', () => {
    const env = settingsToEnv(loadConfig(secretEnv));
    expect(env.AUDITFLOW_CLIENT_SECRET).toBeUndefined();
    expect(env.AUDITFLOW_COSMOS_KEY).toBeUndefined();
    expect(env.AUDITFLOW_CLIENT_ID).toBe('sim-client');
  });
  it('maps a partial config by name only', () => {
    const partial: Partial<AuditflowConfig> = { tenantId: TENANT, contentTypes: ['Audit.Exchange', 'DLP.All'], retentionDays: 30 };
    expect(settingsToEnv(partial)).toEqual({
      AUDITFLOW_TENANT_ID: TENANT,
      AUDITFLOW_CONTENT_TYPES: 'Audit.Exchange,DLP.All',
      AUDITFLOW_RETENTION_DAYS: '30',
    });
  });
});

describe('checkNcrontab', () => {
  it.each(['0 */5 * * * *', '0 0 * * * *', '30 15 9-17 * * Mon-Fri', '0 0 0 1 Jan,Jul *', '*/10 * * * * 0,7', '0 0/15 * * * ?'])('accepts "%s"', (e) =>
    expect(checkNcrontab(e)).toBeUndefined(),
  );
  it.each([
    ['* * * * *', 'needs 6'],
    ['0 0 0 0 * *', 'day of month "0"'],
    ['0 0 0 * 13 *', 'month "13"'],
    ['0 0 0 * * 8', 'day of week "8"'],
    ['60 * * * * *', 'second "60"'],
    ['0 10-5 * * * *', 'runs backwards'],
    ['0 1/2/3 * * * *', 'bad minute field'],
    ['0 x * * * *', 'minute "x"'],
    ['0 0 0 * Foo *', 'month "Foo"'],
  ])('rejects "%s"', (e, fragment) => expect(checkNcrontab(e)).toContain(fragment));
});

describe('endpoint URLs', () => {
  it.each([
    ['https://manage.office.com/', 'https://manage.office.com', false],
    ['http://127.0.0.1:7070', 'http://127.0.0.1:7070', true],
    ['http://[::1]:7070', 'http://[::1]:7070', true],
    ['http://LOCALHOST:1', 'http://localhost:1', true],
  ])('%s -> %s', (text, origin, loopback) => expect(checkEndpointUrl(text)).toEqual({ ok: true, origin, loopback }));
  it.each(['http://10.0.0.1', 'https://user:pw@host', 'https://host/?q=1', 'https://host/#x'])('rejects %s', (text) =>
    expect(checkEndpointUrl(text).ok).toBe(false),
  );
  it.each([['127.9.9.9', true], ['[::1]', true], ['128.0.0.1', false], ['localhost.evil.com', false]])('loopback %s -> %s', (h, v) =>
    expect(isLoopbackHost(h)).toBe(v),
  );
});

describe('cosmos layout and retention', () => {
  it('indexes only the queried fields and never raw', () => {
    // Which fields: libs/storage's cosmos-indexing-policy.test.ts checks the list against every
    // query the adapter sends on the wire. Here: scalar leaves only, never the raw record.
    const policy = COSMOS_LAYOUT.eventsIndexingPolicy;
    const paths = policy.includedPaths.map((p) => p.path);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path).toMatch(/^(\/[A-Za-z]\w*)+\/\?$/);
    expect(paths.filter((p) => p.startsWith('/raw/'))).toEqual([]);
    expect(policy.excludedPaths).toEqual([{ path: '/*' }]);
    expect(policy.indexingMode).toBe('consistent');
    expect([COSMOS_LAYOUT.eventsContainer, COSMOS_LAYOUT.checkpointsContainer, COSMOS_LAYOUT.eventsPartitionKeyPath]).toEqual([
      'events',
      'checkpoints',
      '/partitionKey',
    ]);
    expect(Object.isFrozen(COSMOS_LAYOUT.eventsIndexingPolicy.includedPaths)).toBe(true);
  });
  it.each([[1, 86400], [90, 7776000], [3650, 315360000]])('retentionSeconds(%d) = %d', (d, s) => expect(retentionSeconds(d)).toBe(s));
  it.each([0, -1, 1.5, Number.NaN])('retentionSeconds(%d) throws', (d) => expect(() => retentionSeconds(d)).toThrow(RangeError));
  it('CLOUDS has the four known clouds', () => expect(Object.keys(CLOUDS)).toEqual(['Enterprise', 'GCC', 'GCCHigh', 'DoD']));
});
