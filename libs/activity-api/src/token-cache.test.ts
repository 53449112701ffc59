import type { AccessToken, TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { ManagementApiError } from './management-api-error';
import { TOKEN_REFRESH_MARGIN_MS, TokenCache } from './token-cache';

function credential(make: (n: number) => Promise<AccessToken | null>): TokenCredential & { calls: number } {
  const c = {
    calls: 0,
    getToken(): Promise<AccessToken | null> {
      c.calls += 1;
      return make(c.calls);
    },
  };
  return c;
}

describe('TokenCache', () => {
  it('shares one refresh among concurrent callers and reuses the token until shortly before expiry', async () => {
    let now = 1_000_000;
    const cred = credential(async (n) => ({ token: `t${n}`, expiresOnTimestamp: now + 3_600_000 }));
    const cache = new TokenCache(cred, 'https://manage.office.com/.default', () => now);
    expect(await Promise.all([cache.getToken(), cache.getToken(), cache.getToken()])).toEqual(['t1', 't1', 't1']);
    now += 3_600_000 - TOKEN_REFRESH_MARGIN_MS - 1;
    expect(await cache.getToken()).toBe('t1');
    now += 2;
    expect(await cache.getToken()).toBe('t2');
    cache.clear();
    expect(await cache.getToken()).toBe('t3');
    expect(cred.calls).toBe(3);
  });

  it('one caller aborting does not fail the others waiting for the same refresh', async () => {
    let release!: (t: AccessToken) => void;
    const cred = credential(() => new Promise((resolve) => (release = resolve)));
    const cache = new TokenCache(cred, 'scope');
    const controller = new AbortController();
    const first = cache.getToken(controller.signal);
    const second = cache.getToken();
    controller.abort(new Error('caller left'));
    await expect(first).rejects.toThrow('caller left');
    release({ token: 'shared', expiresOnTimestamp: Date.now() + 3_600_000 });
    expect(await second).toBe('shared');
  });

  it.each([
    [Object.assign(new Error('AADSTS7000215: Invalid client secret provided.'), { statusCode: 401 }), 'fatal'],
    [Object.assign(new Error('CredentialUnavailableError: endpoints_resolution_error'), { name: 'CredentialUnavailableError' }), 'fatal'],
    [Object.assign(new Error('authority unavailable'), { statusCode: 503 }), 'transient'],
  ])('wraps a credential failure as AuthenticationFailed (%s -> %s)', async (failure, category) => {
    const cache = new TokenCache(credential(() => Promise.reject(failure)), 'https://manage.office.com/.default');
    const error = await cache.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error).toMatchObject({ code: 'AuthenticationFailed', category, statusCode: undefined });
    expect((error as Error).message).toContain('https://manage.office.com/.default');
  });

  it('a credential returning null is AuthenticationFailed', async () => {
    const cache = new TokenCache(credential(async () => null), 'scope');
    await expect(cache.getToken()).rejects.toMatchObject({ code: 'AuthenticationFailed', category: 'fatal' });
  });
});
