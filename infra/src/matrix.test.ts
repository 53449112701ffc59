// Every supported shape under mocks: Flex + scheduler (default), Flex + Azure Storage, Y1 (with
// the default scheduler; Y1 + Azure Storage is index.test.ts), in each Microsoft 365 cloud, in both identity modes. Each must deploy without a
// refusal of the mocks' Azure rules, with every endpoint as that cloud's resources report it.
import { loadConfig } from '@auditflow/config';
import { describe, expect, it } from 'vitest';
import { validateStackConfig, type RawStackConfig } from './stack-config';
import { settingsOf } from './testing/azure-rules';
import { SUFFIXES, installMockCloud } from './testing/mock-cloud';
import { createPackageFixture } from './testing/package-fixture';

const TENANT = '11111111-2222-3333-4444-555555555555';
const SHAPES = [
  { planKind: 'flex', durableBackend: 'scheduler' },
  { planKind: 'flex', durableBackend: 'azureStorage' },
  { planKind: 'y1', durableBackend: 'scheduler' }, // y1 with Azure Storage: index.test.ts
] as const;
const CLOUDS = ['Enterprise', 'GCC', 'GCCHigh', 'DoD'] as const;
const MODES = ['managed-identity', 'app-registration'] as const;

const cases = SHAPES.flatMap((shape) => CLOUDS.flatMap((cloud) => MODES.map((identityMode) => ({ ...shape, cloud, identityMode }))));

describe('the deploy matrix', () => {
  it.each(cases)('$planKind + $durableBackend, $cloud, $identityMode', async ({ planKind, durableBackend, cloud, identityMode }) => {
    const environment = cloud === 'GCCHigh' || cloud === 'DoD' ? 'usgovernment' : 'public';
    const raw: RawStackConfig = { tenantId: TENANT, location: 'westus2', namePrefix: 'afm', cloud, planKind, durableBackend, identityMode };
    const providerEnvironments = environment === 'usgovernment' ? { azureNative: 'usgovernment', azuread: 'usgovernment' } : {};
    const mock = await installMockCloud({ stack: `${planKind}-${durableBackend}-${cloud}-${identityMode}`, environment, subscriptionTenantId: TENANT });
    const fixture = createPackageFixture();
    try {
      const { createAuditflowStack } = await import('./program.js');
      createAuditflowStack(validateStackConfig({ ...raw, packageDir: fixture.dir }, { providerEnvironments }));
      await mock.settled();
      expect(mock.refusals).toEqual([]);
      const settings = settingsOf(mock.one('azure-native:web:WebApp'));
      expect(loadConfig(settings)).toMatchObject({ cloud, authMode: identityMode === 'managed-identity' ? 'managed-identity' : 'federated-credential' });
      const own = SUFFIXES[environment];
      const other = SUFFIXES[environment === 'public' ? 'usgovernment' : 'public'];
      const text = JSON.stringify(settings);
      expect(text).toContain(own.storage);
      expect(text).toContain(own.cosmos);
      if (durableBackend === 'scheduler') expect(settings.DURABLE_TASK_SCHEDULER_CONNECTION_STRING).toContain(own.scheduler);
      for (const suffix of Object.values(other)) expect(JSON.stringify(mock.resources.map((r) => r.inputs))).not.toContain(`.${suffix}`);
    } finally {
      fixture.remove();
    }
  });
});
