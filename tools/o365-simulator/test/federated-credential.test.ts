// Auth mode federated-credential (CONTRACTS.md C3) end to end over real sockets: the REAL
// ManagedIdentityCredential (MSAL's App Service source, IDENTITY_ENDPOINT/IDENTITY_HEADER) gets the
// user-assigned identity's token for api://AzureADTokenExchange from the simulator, and
// ClientAssertionCredential presents it to the simulator's authority as a jwt-bearer client
// assertion: no secret anywhere. The authority refuses a bad assertion. Also managed-identity mode.
import { ManagementApiClient, ManagementApiError, createCredential } from '@auditflow/activity-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index';
import { getToken } from './helpers';

let sim: RunningSimulator;
const saved = { endpoint: process.env['IDENTITY_ENDPOINT'], header: process.env['IDENTITY_HEADER'] };

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, users: 5, days: 1, recordsPerHour: 20 });
  // What App Service sets for the app; MSAL reads them (and remembers the source for the process).
  process.env['IDENTITY_ENDPOINT'] = sim.managedIdentity.endpoint;
  process.env['IDENTITY_HEADER'] = sim.managedIdentity.header;
});

afterAll(async () => {
  for (const [name, value] of [['IDENTITY_ENDPOINT', saved.endpoint], ['IDENTITY_HEADER', saved.header]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await sim.close();
});

const federated = (overrides: { managedIdentityClientId?: string; tokenExchangeAudience?: string } = {}) =>
  createCredential({
    authMode: 'federated-credential',
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    managedIdentityClientId: overrides.managedIdentityClientId ?? sim.managedIdentity.clientId,
    ...(overrides.tokenExchangeAudience ? { tokenExchangeAudience: overrides.tokenExchangeAudience } : {}),
    authorityHost: sim.authorityHost,
    authorityCaPem: sim.authorityCaPem,
  });

const clientWith = (credential: ReturnType<typeof createCredential>) =>
  new ManagementApiClient({ tenantId: sim.tenantId, credential, apiBaseUrl: sim.url, retry: { maxRetries: 0, baseDelayInMs: 1, maxDelayInMs: 1 } });

async function failure(promise: Promise<unknown>): Promise<ManagementApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ManagementApiError);
  return error as ManagementApiError;
}

/** The identity's token for a resource, straight from the App Service style endpoint. */
async function identityToken(resource: string): Promise<string> {
  const url = `${sim.managedIdentity.endpoint}?api-version=2019-08-01&resource=${encodeURIComponent(resource)}&client_id=${sim.managedIdentity.clientId}`;
  const answer = await fetch(url, { headers: { 'X-IDENTITY-HEADER': sim.managedIdentity.header } });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { access_token: string }).access_token;
}

const assertionForm = (assertion: string, type = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'): Record<string, string> => ({
  client_secret: '',
  client_assertion_type: type,
  client_assertion: assertion,
});

describe('federated-credential against the simulator', () => {
  it('gets an API token with the identity token as client assertion and calls the API', async () => {
    const client = clientWith(federated());
    await client.startSubscription('Audit.Exchange');
    expect((await client.listSubscriptions()).map((s) => s.contentType)).toEqual(['Audit.Exchange']);
  });

  it('the authority accepts the identity token as the assertion, with no secret in the request', async () => {
    const accepted = await fetchToken(assertionForm(await identityToken('api://AzureADTokenExchange')));
    expect(accepted.status).toBe(200);
    expect(typeof accepted.body['access_token']).toBe('string');
  });

  it.each([
    ['a tampered signature', async () => `${(await identityToken('api://AzureADTokenExchange')).slice(0, -4)}AAAA`, 50027],
    ['an unsigned token', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`, 50027],
    ['a token for another audience', async () => identityToken('api://AzureADTokenExchangeUSGov'), 700212],
    ['an API token instead of a JWT', async () => identityToken(sim.url), 50027],
  ])('the authority refuses %s (AADSTS%s)', async (_name, assertion, code) => {
    const answer = await fetchToken(assertionForm(await assertion()));
    expect(answer.status).toBe(401);
    expect(answer.body['error_codes']).toEqual([code]);
  });

  it('refuses a client_assertion_type other than jwt-bearer', async () => {
    const answer = await fetchToken(assertionForm(await identityToken('api://AzureADTokenExchange'), 'urn:example:saml'));
    expect(answer.body['error_codes']).toEqual([50027]);
  });

  it('the wrong token-exchange audience fails as AuthenticationFailed naming AADSTS700212', async () => {
    const error = await failure(clientWith(federated({ tokenExchangeAudience: 'api://AzureADTokenExchangeUSGov' })).listSubscriptions());
    expect(error).toMatchObject({ code: 'AuthenticationFailed', category: 'fatal' });
    expect(error.message).toContain('AADSTS700212');
  });

  it('an identity the app is not given fails as AuthenticationFailed, nothing sent to the API', async () => {
    const before = sim.stats().requests;
    const error = await failure(clientWith(federated({ managedIdentityClientId: '00000000-1111-4222-8333-444444444444' })).listSubscriptions());
    expect(error.code).toBe('AuthenticationFailed');
    expect(sim.stats().requests).toBe(before);
  });
});

describe('managed-identity against the simulator', () => {
  it('the user-assigned identity gets an API token from the App Service style endpoint', async () => {
    const credential = createCredential({ authMode: 'managed-identity', tenantId: sim.tenantId, clientId: sim.managedIdentity.clientId });
    expect((await clientWith(credential).listSubscriptions()).length).toBeGreaterThanOrEqual(1);
  });
});

/** A token request whose client secret is empty: only the assertion can get it through. */
function fetchToken(form: Record<string, string>) {
  return getToken(sim, form);
}
