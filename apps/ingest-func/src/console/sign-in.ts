// POST /console/api/session (authLevel function): reaching this handler means the host has
// checked the function key (sent by the sign-in page in x-functions-key, never in the URL), so
// the app issues the session cookie. Refused in Azure, where Entra sign-in is the way in.
import type { HttpResponseInit } from '@azure/functions';
import type { ConsoleAuth, RequestLike } from './console-auth';

export function handleSignIn(request: RequestLike, deps: { auth: ConsoleAuth; now: Date }): HttpResponseInit {
  const noStore = { 'Cache-Control': 'no-store' };
  if (deps.auth.mode === 'app-service') {
    return { status: 404, headers: noStore, jsonBody: { error: 'SignInWithEntra', message: 'This console signs in with Entra ID (App Service Authentication): open /console.' } };
  }
  const refused = deps.auth.checkLoopbackHost(request) ?? deps.auth.checkOrigin(request);
  if (refused && !refused.ok) return { status: refused.status, headers: noStore, jsonBody: { error: refused.code, message: refused.message } };
  if (new URL(request.url).searchParams.has('code')) {
    // The host accepted a key in the URL; the console refuses to make that a habit (history, logs).
    return { status: 400, headers: noStore, jsonBody: { error: 'KeyInUrl', message: 'Send the function key in the x-functions-key header, not in the URL.' } };
  }
  return { status: 204, headers: { ...noStore, 'Set-Cookie': deps.auth.issueCookie(request, deps.now) } };
}
