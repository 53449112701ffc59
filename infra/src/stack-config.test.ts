// Table tests of the stack config: defaults, each setting, and every problem reported together.
import { describe, expect, it } from 'vitest';
import { StackConfigError, managedIdentityTenantProblem, validateStackConfig, type RawStackConfig } from './stack-config';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----';
const minimal: RawStackConfig = { tenantId: TENANT, location: 'westeurope' };

function problemsOf(raw: RawStackConfig, setKeys?: string[]): readonly string[] {
  try {
    validateStackConfig(raw, setKeys ? { setKeys } : {});
  } catch (error) {
    expect(error).toBeInstanceOf(StackConfigError);
    expect((error as StackConfigError).code).toBe('InvalidStackConfig');
    return (error as StackConfigError).problems;
  }
  throw new Error('expected a StackConfigError');
}

describe('validateStackConfig defaults', () => {
  it('needs only tenant and location', () => {
    expect(validateStackConfig(minimal)).toEqual({
      tenantId: TENANT,
      cloud: 'Enterprise',
      location: 'westeurope',
      namePrefix: 'auditflow',
      contentTypes: ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint', 'Audit.General', 'DLP.All'],
      retentionDays: 90,
      schedule: '0 */5 * * * *',
      identityMode: 'managed-identity',
      throughputMode: 'serverless',
      throughput: undefined,
      planKind: 'y1',
      clientCertificate: undefined,
      clientCertificatePath: undefined,
      cosmosDatabase: 'auditflow',
      packageDir: undefined,
    });
  });

  it.each<[string, RawStackConfig, Record<string, unknown>]>([
    ['provisioned throughput defaults to 400 RU/s', { throughputMode: 'provisioned' }, { throughputMode: 'provisioned', throughput: 400 }],
    ['provisioned throughput, blank value', { throughputMode: 'provisioned', throughput: ' ' }, { throughput: 400 }],
    ['provisioned throughput, explicit', { throughputMode: 'provisioned', throughput: '4000' }, { throughput: 4000 }],
    ['flex plan', { planKind: 'flex' }, { planKind: 'flex' }],
    ['GCC High cloud', { cloud: 'GCCHigh' }, { cloud: 'GCCHigh' }],
    ['content types, de-duplicated', { contentTypes: 'DLP.All, Audit.Exchange,DLP.All' }, { contentTypes: ['DLP.All', 'Audit.Exchange'] }],
    ['retention and schedule', { retentionDays: '7', schedule: '0 0 * * * *' }, { retentionDays: 7, schedule: '0 0 * * * *' }],
    ['package folder', { packageDir: '/tmp/pkg' }, { packageDir: '/tmp/pkg' }],
    [
      'app registration',
      { identityMode: 'app-registration', clientCertificate: CERT, clientCertificatePath: '/certs/app.pem' },
      { identityMode: 'app-registration', clientCertificate: CERT, clientCertificatePath: '/certs/app.pem' },
    ],
  ])('%s', (_, raw, expected) => {
    expect(validateStackConfig({ ...minimal, ...raw })).toMatchObject(expected);
  });
});

describe('validateStackConfig problems', () => {
  it.each<[string, RawStackConfig, RegExp[]]>([
    ['nothing set', {}, [/^auditflow:location is required/, /^auditflow:tenantId \(AUDITFLOW_TENANT_ID\) is missing/]],
    ['bad location and prefix', { ...minimal, location: 'West Europe', namePrefix: 'Audit-Flow' }, [/auditflow:location is "West Europe"/, /auditflow:namePrefix is "Audit-Flow"; use 3-12 lower-case/]],
    ['Custom cloud', { ...minimal, cloud: 'Custom' }, [/auditflow:cloud "Custom" is only for local simulators/]],
    ['unknown modes', { ...minimal, identityMode: 'secret', throughputMode: 'auto', planKind: 'premium' }, [/auditflow:identityMode is "secret"/, /auditflow:throughputMode is "auto"/, /auditflow:planKind is "premium"/]],
    ['throughput out of range', { ...minimal, throughputMode: 'provisioned', throughput: '450' }, [/auditflow:throughput is "450"; use RU\/s from 400/]],
    ['throughput while serverless', { ...minimal, throughput: '400' }, [/auditflow:throughput is set but auditflow:throughputMode is serverless/]],
    [
      'app registration without certificate',
      { ...minimal, identityMode: 'app-registration' },
      [/auditflow:clientCertificate is required/, /auditflow:clientCertificatePath is required/],
    ],
    [
      'private key given as certificate, relative path',
      { ...minimal, identityMode: 'app-registration', clientCertificate: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----', clientCertificatePath: 'certs/app.pem' },
      [/contains a PRIVATE KEY/, /auditflow:clientCertificatePath is "certs\/app.pem"; use an absolute path/],
    ],
    ['certificate in managed-identity mode', { ...minimal, clientCertificate: CERT, clientCertificatePath: '/a.pem' }, [/clientCertificate is only used/, /clientCertificatePath is only used/]],
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
      validateStackConfig({ location: 'westeurope', retentionDays: 'x' }, { setKeys: ['location', 'retentiondays', 'retentionDays', 'colour'] });
    } catch (e) {
      error = e as StackConfigError;
    }
    expect(error?.problems).toEqual([
      'auditflow:retentiondays is not a setting of this stack (did you mean auditflow:retentionDays?); remove it with `pulumi config rm auditflow:retentiondays`',
      'auditflow:colour is not a setting of this stack; remove it with `pulumi config rm auditflow:colour`',
      'auditflow:tenantId (AUDITFLOW_TENANT_ID) is missing: set it to your Entra tenant id (a GUID)',
      expect.stringMatching(/^auditflow:retentionDays \(AUDITFLOW_RETENTION_DAYS\) is "x"/),
    ]);
    expect(error?.message).toContain('4 problems');
    expect(error?.message).toContain('pulumi config set auditflow:<key> <value>');
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
    if (problem) expect(problem).toContain('identityMode app-registration');
  });
});
