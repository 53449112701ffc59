import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index';
import { api, authorityRequest, getToken } from './helpers';

describe('token authority', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 1, days: 1, recordsPerHour: 10 });
  });
  afterAll(() => sim.close());

  it('serves the OpenID configuration MSAL reads, all under the authority', async () => {
    expect(sim.authorityHost).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const answer = await authorityRequest(sim, 'GET', `/${sim.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(answer.status).toBe(200);
    for (const key of ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri', 'end_session_endpoint']) {
      expect(String(answer.body[key]).startsWith(`${sim.authorityHost}/${sim.tenantId}/`), key).toBe(true);
    }
    expect(answer.body['token_endpoint']).toBe(`${sim.authorityHost}/${sim.tenantId}/oauth2/v2.0/token`);
  });

  it('issues an opaque bearer token for the right client credentials', async () => {
    const answer = await getToken(sim);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(String(answer.body['access_token']).length).toBeGreaterThan(20);
    const listed = await api(sim, String(answer.body['access_token']), 'subscriptions/list');
    expect(listed.status).toBe(200);
  });

  it('refuses a wrong secret with an AADSTS7000215 body', async () => {
    const answer = await getToken(sim, { client_secret: 'wrong' });
    expect(answer.status).toBe(401);
    expect(answer.body['error']).toBe('invalid_client');
    expect(String(answer.body['error_description'])).toMatch(/^AADSTS7000215: Invalid client secret provided/);
    expect(answer.body['error_codes']).toEqual([7000215]);
    expect(answer.body['trace_id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body['correlation_id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an unknown client, an unknown tenant, a wrong grant and a scope without /.default', async () => {
    const client = await getToken(sim, { client_id: '11111111-2222-4333-8444-555555555555' });
    expect(client.status).toBe(400);
    expect(String(client.body['error_description'])).toMatch(/^AADSTS700016:/);
    const tenant = await getToken(sim, {}, '99999999-2222-4333-8444-555555555555');
    expect(tenant.status).toBe(400);
    expect(String(tenant.body['error_description'])).toMatch(/^AADSTS90002:/);
    const config = await authorityRequest(sim, 'GET', '/99999999-2222-4333-8444-555555555555/v2.0/.well-known/openid-configuration');
    expect(config.body['error_codes']).toEqual([90002]);
    const grant = await getToken(sim, { grant_type: 'password' });
    expect(grant.body['error']).toBe('unsupported_grant_type');
    const scope = await getToken(sim, { scope: 'https://manage.office.com' });
    expect(scope.body['error']).toBe('invalid_scope');
  });
});
