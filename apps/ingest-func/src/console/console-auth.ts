// Who may use the console. Two modes, chosen by the platform, never by the request:
// - 'app-service' (in Azure, App Service Authentication on: WEBSITE_AUTH_ENABLED=True): the
//   signed-in principal (x-ms-client-principal) must hold the app role Investigator.
// - 'session' (everywhere else, e.g. the local host on loopback): a session cookie (HttpOnly,
//   SameSite=Strict, Path=/console) issued once by POST /console/api/session, a route with
//   authLevel function, so the host has checked the function key before the app issues it. The
//   key itself never reaches a URL. The Host header must name a loopback address (a DNS-rebinding
//   page gets nothing), and state-changing requests must come from the console's own origin.
import { parseClientPrincipal } from './client-principal';
import { createSessionTokens, type SessionTokens } from './session-token';

export type ConsoleAuthMode = 'session' | 'app-service';
export const INVESTIGATOR_ROLE = 'Investigator';
export const SESSION_COOKIE = 'auditflow_console';

export interface RequestLike {
  readonly method: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
}

export type AuthResult =
  | { readonly ok: true; readonly user: string }
  | { readonly ok: false; readonly status: 401 | 403; readonly code: string; readonly message: string };

export function consoleAuthMode(env: Readonly<Record<string, string | undefined>>): ConsoleAuthMode {
  return env.WEBSITE_AUTH_ENABLED?.trim().toLowerCase() === 'true' ? 'app-service' : 'session';
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class ConsoleAuth {
  constructor(
    readonly mode: ConsoleAuthMode,
    private readonly tokens: SessionTokens = createSessionTokens(),
  ) {}

  /** Checks the caller; for state-changing methods also the Origin. */
  check(request: RequestLike, now: Date): AuthResult {
    if (this.mode === 'app-service') {
      const principal = parseClientPrincipal(request.headers.get('x-ms-client-principal'));
      if (!principal) return { ok: false, status: 401, code: 'SignInRequired', message: 'Sign in with your organization account (App Service Authentication).' };
      if (!principal.roles.includes(INVESTIGATOR_ROLE)) {
        return { ok: false, status: 403, code: 'RoleRequired', message: `Your account (${principal.name}) lacks the app role ${INVESTIGATOR_ROLE}: ask an administrator to assign it.` };
      }
      return this.checkOrigin(request) ?? { ok: true, user: principal.name };
    }
    const host = this.checkLoopbackHost(request);
    if (host) return host;
    const sid = this.tokens.verify(readCookie(request.headers.get('cookie'), SESSION_COOKIE), now);
    if (!sid) return { ok: false, status: 401, code: 'SignInRequired', message: 'Sign in to the console with the function key.' };
    return this.checkOrigin(request) ?? { ok: true, user: 'local operator' };
  }

  /** The Set-Cookie of a new session (call only after the host checked the function key). */
  issueCookie(request: RequestLike, now: Date): string {
    const { token, maxAgeSeconds } = this.tokens.issue(now);
    return cookie(request, token, maxAgeSeconds);
  }

  /** Revokes the caller's session; returns the Set-Cookie that clears it. */
  clearCookie(request: RequestLike): string {
    this.tokens.revoke(readCookie(request.headers.get('cookie'), SESSION_COOKIE));
    return cookie(request, '', 0);
  }

  /** A refusal when a state-changing request does not come from the console's own origin. */
  checkOrigin(request: RequestLike): AuthResult | undefined {
    if (SAFE_METHODS.has(request.method.toUpperCase())) return undefined;
    const origin = request.headers.get('origin');
    if (origin && origin === new URL(request.url).origin) return undefined;
    return { ok: false, status: 403, code: 'ForeignOrigin', message: `State-changing requests must come from the console itself (Origin ${origin ?? 'missing'}).` };
  }

  checkLoopbackHost(request: RequestLike): AuthResult | undefined {
    if (this.mode !== 'session') return undefined;
    const host = (request.headers.get('host') ?? new URL(request.url).host).toLowerCase().replace(/:\d+$/, '');
    if (LOOPBACK_HOSTS.has(host)) return undefined;
    return { ok: false, status: 403, code: 'NotLoopback', message: `The local console answers only on loopback (127.0.0.1, localhost), not ${host}.` };
  }
}

function cookie(request: RequestLike, value: string, maxAgeSeconds: number): string {
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return [`${SESSION_COOKIE}=${value}`, 'Path=/console', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
