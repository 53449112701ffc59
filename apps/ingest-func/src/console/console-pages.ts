// GET /console/{*path}: the page shell and its assets. Assets carry no data and load without a
// session (the sign-in page needs them); every view path needs a signed-in caller, and an
// anonymous browser is redirected to sign in (the local sign-in page, or Entra in Azure).
import type { HttpResponseInit } from '@azure/functions';
import type { ConsoleAuth, RequestLike } from './console-auth';
import { SECURITY_HEADERS, serveAsset } from './console-assets';

export const SIGN_IN_PATH = 'sign-in';

export async function handleConsolePage(request: RequestLike, path: string, deps: { auth: ConsoleAuth; assetDir: string; now: Date }): Promise<HttpResponseInit> {
  const clean = path.replace(/^\/+|\/+$/g, '');
  if (clean.startsWith('assets/')) {
    const host = deps.auth.checkLoopbackHost(request);
    if (host && !host.ok) return text(host.status, host.message);
    return serveAsset(deps.assetDir, clean);
  }
  if (clean === SIGN_IN_PATH) {
    if (deps.auth.mode === 'app-service') return redirect(entraSignIn('/console'));
    const host = deps.auth.checkLoopbackHost(request);
    if (host && !host.ok) return text(host.status, host.message);
    return serveAsset(deps.assetDir, 'index.html');
  }
  const auth = deps.auth.check(request, deps.now);
  if (!auth.ok) {
    if (auth.status === 403) return text(403, auth.message);
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    if (deps.auth.mode === 'app-service') return redirect(entraSignIn(back));
    return redirect(`/console/${SIGN_IN_PATH}?next=${encodeURIComponent(back)}`);
  }
  return serveAsset(deps.assetDir, 'index.html');
}

/** App Service Authentication's own sign-in endpoint, back to where the user was going. */
export function entraSignIn(back: string): string {
  return `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(back)}`;
}

function redirect(location: string): HttpResponseInit {
  return { status: 302, headers: { Location: location, 'Cache-Control': 'no-store', ...SECURITY_HEADERS } };
}

function text(status: number, body: string): HttpResponseInit {
  return { status, body, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } };
}
