// Table tests of the stack config: defaults, each setting, and every problem reported together.
import { describe, expect, it } from 'vitest';
import { azureCloudFor } from './azure-clouds';
import { StackConfigError, managedIdentityTenantProblem, validateStackConfig, type RawStackConfig, type ValidateStackConfigOptions } from './stack-config';

const TENANT = '11111111-2222-3333-4444-555555555555';
const OBJECT_ID = '0f0f0f0f-0000-0000-0000-000000000001';
const minimal: RawStackConfig = { tenantId: TENANT, location: 'westeurope' };

// Each problem as "key message", the way the error prints it.
function problemsOf(raw: RawStackConfig, options: ValidateStackConfigOptions = {}): readonly string[] {
  try {
    validateStackConfig(raw, options);
  } catch (error) {
    expect(error).toBeInstanceOf(StackConfigError);
    expect((error as StackConfigError).code).toBe('InvalidStackConfig');
    return (error as StackConfigError).problems.map((p) => `${p.key} ${p.message}`);
  }
  throw new Error('expected a StackConfigError');
}

describe('validateStackConfig defaults', () => {
  it('needs only tenant and location', () => {
    expect(validateStackConfig(minimal)).toEqual({
      tenantId: TENANT,
      cloud: 'Enterprise',
      azureCloud: { environment: 'public', authorityHost: 'login.microsoftonline.com', tokenExchangeAudience: 'api://AzureADTokenExchange' },
      location: 'westeurope',
      namePrefix: 'auditflow',
      contentTypes: ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint', 'Audit.General', 'DLP.All'],
      retentionDays: 90,
      schedule: '0 */5 * * * *',
      identityMode: 'managed-identity',
      throughputMode: 'serverless',
      throughput: undefined,
      planKind: 'flex',
      durableBackend: 'scheduler',
      operators: [],
      investigators: [],
      cosmosDatabase: 'auditflow',
      packageDir: undefined,
    });
  });

  it.each<[string, RawStackConfig, Record<string, unknown>]>([
    ['provisioned throughput defaults to 400 RU/s', { throughputMode: 'provisioned' }, { throughputMode: 'provisioned', throughput: 400 }],
    ['provisioned throughput, blank value', { throughputMode: 'provisioned', throughput: ' ' }, { throughput: 400 }],
    ['provisioned throughput, explicit', { throughputMode: 'provisioned', throughput: '4000' }, { throughput: 4000 }],
    ['y1 plan', { planKind: 'y1' }, { planKind: 'y1' }],
    ['Azure Storage backend', { durableBackend: 'azureStorage' }, { durableBackend: 'azureStorage' }],
    ['operators and investigators, de-duplicated, lower-cased', { operators: `${OBJECT_ID.toUpperCase()}, ${OBJECT_ID}`, investigators: OBJECT_ID }, { operators: [OBJECT_ID], investigators: [OBJECT_ID] }],
    ['GCC runs on commercial Azure', { cloud: 'GCC' }, { cloud: 'GCC', azureCloud: azureCloudFor('Enterprise') }],
    ['content types, de-duplicated', { contentTypes: 'DLP.All, Audit.Exchange,DLP.All' }, { contentTypes: ['DLP.All', 'Audit.Exchange'] }],
    ['retention and schedule', { retentionDays: '7', schedule: '0 0 * * * *' }, { retentionDays: 7, schedule: '0 0 * * * *' }],
    ['package folder', { packageDir: '/tmp/pkg' }, { packageDir: '/tmp/pkg' }],
  ])('%s', (_, raw, expected) => {
    expect(validateStackConfig({ ...minimal, ...raw })).toMatchObject(expected);
  });

  it('GCC High and DoD deploy to Azure Government, with both providers set to it', () => {
    const gov = { providerEnvironments: { azureNative: 'usgovernment', azuread: 'USGovernment' } };
    for (const cloud of ['GCCHigh', 'DoD']) expect(validateStackConfig({ ...minimal, cloud }, gov).azureCloud).toEqual({ environment: 'usgovernment', authorityHost: 'login.microsoftonline.us', tokenExchangeAudience: 'api://AzureADTokenExchangeUSGov' });
  });

  it('app registration: no certificate or secret to give', () => {
    expect(validateStackConfig({ ...minimal, identityMode: 'app-registration' }).identityMode).toBe('app-registration');
  });
});

describe('validateStackConfig problems', () => {
  it.each<[string, RawStackConfig, RegExp[]]>([
    ['nothing set', {}, [/^auditflow:location is required/, /^auditflow:tenantId \(AUDITFLOW_TENANT_ID\) is missing/]],
    ['bad object ids, unknown backend', { ...minimal, operators: 'alice@contoso.com', investigators: `${OBJECT_ID},x`, durableBackend: 'netherite' }, [/^auditflow:operators lists "alice@contoso.com"; give Entra object ids/, /^auditflow:investigators lists "x"/, /^auditflow:durableBackend is "netherite"; use one of scheduler, azureStorage/]],
    ['bad location and prefix', { ...minimal, location: 'West Europe', namePrefix: 'Audit-Flow' }, [/auditflow:location is "West Europe"/, /auditflow:namePrefix is "Audit-Flow"; use 3-12 lower-case/]],
    ['Custom cloud', { ...minimal, cloud: 'Custom' }, [/auditflow:cloud "Custom" is only for local simulators/]],
    ['unknown modes', { ...minimal, identityMode: 'secret', throughputMode: 'auto', planKind: 'premium' }, [/auditflow:identityMode is "secret"/, /auditflow:throughputMode is "auto"/, /auditflow:planKind is "premium"/]],
    ['throughput out of range', { ...minimal, throughputMode: 'provisioned', throughput: '450' }, [/auditflow:throughput is "450"; use RU\/s from 400/]],
    ['throughput while serverless', { ...minimal, throughput: '400' }, [/auditflow:throughput is set but auditflow:throughputMode is serverless/]],
    [
      'app settings refused by libs/config, named by stack key',
      { tenantId: 'not-a-guid', location: 'westeurope', contentTypes: 'audit.exchange', retentionDays: '0', schedule: 'hourly' },
      [/^auditflow:tenantId \(AUDITFLOW_TENANT_ID\) is "not-a-guid"/, /^auditflow:contentTypes \(AUDITFLOW_CONTENT_TYPES\).*did you mean Audit.Exchange/, /^auditflow:schedule \(AUDITFLOW_SCHEDULE\)/, /^auditflow:retentionDays \(AUDITFLOW_RETENTION_DAYS\) is "0"/],
    ],
  ])('%s: reports every problem', (_, raw, expected) => {
    const problems = problemsOf(raw);
    expect(problems).toHaveLength(expected.length);
    for (const pattern of expected) expect(problems.some((p) => pattern.test(p)), `${pattern} in\n${problems.join('\n')}`).toBe(true);
  });

  it('reports misspelt keys along with everything else, in one error that says how to fix', () => {
    let error: StackConfigError | undefined;
    try {
      validateStackConfig({ location: 'westeurope', retentionDays: 'x' }, { setKeys: ['location', 'retentiondays', 'retentionDays', 'colour', 'clientCertificate'] });
    } catch (e) {
      error = e as StackConfigError;
    }
    expect(error?.problems).toEqual([
      { key: 'auditflow:retentiondays', message: 'is not a setting of this stack (did you mean auditflow:retentionDays?); remove it with `pulumi config rm auditflow:retentiondays`' },
      { key: 'auditflow:colour', message: 'is not a setting of this stack; remove it with `pulumi config rm auditflow:colour`' },
      { key: 'auditflow:clientCertificate', message: expect.stringMatching(/^is no longer used: app-registration mode now trusts the app's managed identity.*pulumi config rm auditflow:clientCertificate/) },
      { key: 'auditflow:tenantId', message: '(AUDITFLOW_TENANT_ID) is missing: set it to your Entra tenant id (a GUID)' },
      { key: 'auditflow:retentionDays', message: expect.stringMatching(/^\(AUDITFLOW_RETENTION_DAYS\) is "x"/) },
    ]);
    expect(error?.message).toContain('5 problems');
    expect(error?.message).toContain('pulumi config set <key> <value>');
    expect(error?.message).toContain('  - auditflow:colour is not a setting of this stack');
  });

  it.each([
    ['GCCHigh', {}, ['azure-native:environment is public but auditflow:cloud GCCHigh is collected from Azure Government: set it with `pulumi config set azure-native:environment usgovernment`', 'azuread:environment is public but auditflow:cloud GCCHigh is collected from Azure Government: set it with `pulumi config set azuread:environment usgovernment`']],
    ['Enterprise', { azureNative: 'usgovernment' }, ['azure-native:environment is usgovernment but auditflow:cloud Enterprise is collected from commercial Azure: remove it with `pulumi config rm azure-native:environment`']],
    ['DoD', { azureNative: 'china', azuread: 'usgovernment' }, ['azure-native:environment is "china"; this stack deploys to public or usgovernment']],
  ] as const)('a %s stack whose providers deploy elsewhere is refused, naming the provider key', (cloud, providerEnvironments, expected) => {
    expect(problemsOf({ ...minimal, cloud }, { providerEnvironments })).toEqual(expected);
  });
});

describe('managedIdentityTenantProblem', () => {
  it.each([
    ['managed-identity', TENANT.toUpperCase(), false],
    ['managed-identity', '99999999-2222-3333-4444-555555555555', true],
    ['app-registration', '99999999-2222-3333-4444-555555555555', false],
  ] as const)('%s deployed into tenant %s: problem %s', (identityMode, subscriptionTenant, expected) => {
    const problem = managedIdentityTenantProblem({ identityMode, tenantId: TENANT }, subscriptionTenant);
    expect(problem !== undefined).toBe(expected);
    if (problem) expect([problem.key, problem.message]).toEqual(['auditflow:tenantId', expect.stringContaining('identityMode app-registration')]);
  });
});
