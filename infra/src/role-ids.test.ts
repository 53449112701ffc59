// App roles follow the content types; ids resolve by value from the service principal lookup.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { O365IdentityError, resolveAppRoleIds } from './components/o365-identity';
import { appRoleValuesFor } from './role-ids';
import { MOCK } from './testing/mock-cloud';

describe('appRoleValuesFor', () => {
  it.each([
    [['Audit.Exchange'], ['ActivityFeed.Read']],
    [['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint', 'Audit.General'], ['ActivityFeed.Read']],
    [['DLP.All'], ['ActivityFeed.Read', 'ActivityFeed.ReadDlp']],
    [['Audit.General', 'DLP.All'], ['ActivityFeed.Read', 'ActivityFeed.ReadDlp']],
  ])('%j -> %j', (contentTypes, roles) => expect(appRoleValuesFor(contentTypes)).toEqual(roles));
});

describe('resolveAppRoleIds', () => {
  it('picks the ids by value', () => {
    expect(resolveAppRoleIds(MOCK.appRoleIds, ['ActivityFeed.Read', 'ActivityFeed.ReadDlp'])).toEqual([
      '594c1fb6-4f81-4475-ae41-0c394909246c',
      '4807a72c-ad38-4250-94c9-4eabfe26cd55',
    ]);
  });
  it('names a missing role and what to check', () => {
    expect(() => resolveAppRoleIds({ 'ServiceHealth.Read': 'x' }, ['ActivityFeed.Read'])).toThrow(O365IdentityError);
    expect(() => resolveAppRoleIds({}, ['ActivityFeed.Read'])).toThrow(/no app role ActivityFeed.Read.*az ad sp create/);
  });
});

describe('nothing survives pulumi destroy', () => {
  it('no resource of the program is protected, retained on delete or locked', () => {
    const dir = join(__dirname, 'components');
    const sources = [...readdirSync(dir).map((f) => join(dir, f)), join(__dirname, 'program.ts')]
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(f, 'utf8'));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) expect(source).not.toMatch(/retainOnDelete|protect\s*:|ManagementLock/);
  });
});
