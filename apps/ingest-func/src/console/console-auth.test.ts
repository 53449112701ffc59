// The console's auth decisions, by table: session cookies (issued, expired, forged, revoked),
// the App Service principal and its role, the Origin check, the loopback Host check.
import { describe, expect, it } from 'vitest';
import { ConsoleAuth, consoleAuthMode, INVESTIGATOR_ROLE, readCookie, SESSION_COOKIE, type RequestLike } from './console-auth';
import { parseClientPrincipal } from './client-principal';
import { createSessionTokens } from './session-token';

const NOW = new Date('2026-12-01T10:00:00Z');
const BASE = 'http://127.0.0.1:7071';

function req(method: string, headers: Record<string, string> = {}, url = `${BASE}/console/api/status`): RequestLike {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method, url, headers: { get: (name: string) => lower[name.toLowerCase()] ?? null } };
}

function principal(roles: string[], name = 'ana@contoso.com'): string {
  const claims = [{ typ: 'name', val: name }, ...roles.map((r) => ({ typ: 'roles', val: r }))];
  return Buffer.from(JSON.stringify({ auth_typ: 'aad', name_typ: 'name', role_typ: 'roles', claims })).toString('base64');
}

function sessionCookieOf(setCookie: string): string {
  return setCookie.split(';')[0]!;
}

describe('consoleAuthMode', () => {
  it('trusts the App Service principal only when App Service Authentication is on', () => {
    expect(consoleAuthMode({ WEBSITE_AUTH_ENABLED: 'True' })).toBe('app-service');
    expect(consoleAuthMode({ WEBSITE_AUTH_ENABLED: 'False' })).toBe('session');
    expect(consoleAuthMode({ WEBSITE_HOSTNAME: 'x.azurewebsites.net' })).toBe('session');
  });
});

describe('session mode', () => {
  const auth = new ConsoleAuth('session');

  it('issues an HttpOnly, SameSite=Strict cookie scoped to /console, which then signs requests in', () => {
    const setCookie = auth.issueCookie(req('POST', { host: '127.0.0.1:7071', origin: BASE }), NOW);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+; Path=/console; HttpOnly; SameSite=Strict; Max-Age=28800$`));
    expect(auth.check(req('GET', { host: '127.0.0.1:7071', cookie: sessionCookieOf(setCookie) }), NOW)).toEqual({ ok: true, user: 'local operator' });
  });

  it('marks the cookie Secure behind https', () => {
    expect(auth.issueCookie(req('POST', {}, 'https://console.example/console/api/session'), NOW)).toMatch(/; Secure$/);
  });

  it('refuses no cookie, a forged or tampered one, an expired one and a revoked one', () => {
    const good = sessionCookieOf(auth.issueCookie(req('POST'), NOW));
    const refused = (cookie: string | undefined, at = NOW) => auth.check(req('GET', { host: '127.0.0.1:7071', ...(cookie ? { cookie } : {}) }), at);
    expect(refused(undefined)).toMatchObject({ ok: false, status: 401, code: 'SignInRequired' });
    expect(refused(`${SESSION_COOKIE}=abc.def`)).toMatchObject({ ok: false, status: 401 });
    const [payload, mac] = good.split('=')[1]!.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sid: 'x', exp: NOW.getTime() + 1e9 })).toString('base64url');
    expect(refused(`${SESSION_COOKIE}=${forgedPayload}.${mac}`)).toMatchObject({ ok: false, status: 401 });
    expect(refused(`${SESSION_COOKIE}=${payload}.${mac}x`)).toMatchObject({ ok: false, status: 401 });
    expect(refused(good, new Date(NOW.getTime() + 8 * 3600_000 + 1))).toMatchObject({ ok: false, status: 401 });
    // another process (another secret) does not accept it
    expect(new ConsoleAuth('session', createSessionTokens()).check(req('GET', { host: '127.0.0.1:7071', cookie: good }), NOW)).toMatchObject({ ok: false });
    auth.clearCookie(req('DELETE', { cookie: good }));
    expect(refused(good)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses state changes from another origin or without one, even with a valid cookie', () => {
    const cookie = sessionCookieOf(auth.issueCookie(req('POST'), NOW));
    expect(auth.check(req('POST', { host: '127.0.0.1:7071', cookie, origin: BASE }), NOW)).toMatchObject({ ok: true });
    expect(auth.check(req('POST', { host: '127.0.0.1:7071', cookie, origin: 'http://evil.example' }), NOW)).toMatchObject({ ok: false, status: 403, code: 'ForeignOrigin' });
    expect(auth.check(req('DELETE', { host: '127.0.0.1:7071', cookie }), NOW)).toMatchObject({ ok: false, status: 403, code: 'ForeignOrigin' });
  });

  it('answers only on loopback host names (a DNS-rebinding page gets 403)', () => {
    const cookie = sessionCookieOf(auth.issueCookie(req('POST'), NOW));
    for (const host of ['127.0.0.1:7071', 'localhost:7071', '[::1]:7071']) expect(auth.check(req('GET', { host, cookie }), NOW)).toMatchObject({ ok: true });
    expect(auth.check(req('GET', { host: 'attacker.example:7071', cookie }), NOW)).toMatchObject({ ok: false, status: 403, code: 'NotLoopback' });
  });

  it('ignores an x-ms-client-principal header (anyone on loopback could send one)', () => {
    expect(auth.check(req('GET', { host: '127.0.0.1:7071', 'x-ms-client-principal': principal([INVESTIGATOR_ROLE]) }), NOW)).toMatchObject({ ok: false, status: 401 });
  });
});

describe('app-service mode', () => {
  const auth = new ConsoleAuth('app-service');
  const url = 'https://auditflow-x.azurewebsites.net/console/api/status';

  it('needs a principal with the Investigator role', () => {
    expect(auth.check(req('GET', {}, url), NOW)).toMatchObject({ ok: false, status: 401 });
    expect(auth.check(req('GET', { 'x-ms-client-principal': principal(['Reader']) }, url), NOW)).toMatchObject({ ok: false, status: 403, code: 'RoleRequired' });
    expect(auth.check(req('GET', { 'x-ms-client-principal': principal([INVESTIGATOR_ROLE]) }, url), NOW)).toEqual({ ok: true, user: 'ana@contoso.com' });
    expect(auth.check(req('GET', { 'x-ms-client-principal': 'not base64 json' }, url), NOW)).toMatchObject({ ok: false, status: 401 });
  });

  it('does not accept a session cookie instead', () => {
    const cookie = sessionCookieOf(new ConsoleAuth('session').issueCookie(req('POST'), NOW));
    expect(auth.check(req('GET', { cookie }, url), NOW)).toMatchObject({ ok: false, status: 401 });
  });

  it('checks the Origin of state changes too', () => {
    const headers = { 'x-ms-client-principal': principal([INVESTIGATOR_ROLE]) };
    expect(auth.check(req('POST', { ...headers, origin: 'https://auditflow-x.azurewebsites.net' }, url), NOW)).toMatchObject({ ok: true });
    expect(auth.check(req('POST', { ...headers, origin: 'https://evil.example' }, url), NOW)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('parseClientPrincipal and readCookie', () => {
  it('reads roles from the role claim type the principal names', () => {
    const custom = Buffer.from(JSON.stringify({ name_typ: 'upn', role_typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role', claims: [{ typ: 'upn', val: 'bo' }, { typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role', val: 'Investigator' }] })).toString('base64');
    expect(parseClientPrincipal(custom)).toEqual({ name: 'bo', roles: ['Investigator'] });
    expect(parseClientPrincipal(undefined)).toBeUndefined();
    expect(parseClientPrincipal(Buffer.from('{"claims":"no"}').toString('base64'))).toBeUndefined();
  });

  it('finds one cookie among several', () => {
    expect(readCookie('a=1; auditflow_console=tok.en; b=2', 'auditflow_console')).toBe('tok.en');
    expect(readCookie('xauditflow_console=1', 'auditflow_console')).toBeUndefined();
  });
});
