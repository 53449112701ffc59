// Page shell and assets: sign-in redirects keep the view, assets load without a session but only
// from the console folder, Azure mode sends anonymous browsers to Entra.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConsoleAuth, type RequestLike } from './console-auth';
import { handleConsolePage } from './console-pages';

const NOW = new Date('2026-12-01T10:00:00Z');
const root = mkdtempSync(join(tmpdir(), 'console-pages-'));
const assetDir = join(root, 'console');
mkdirSync(join(assetDir, 'assets'), { recursive: true });
writeFileSync(join(assetDir, 'index.html'), '<!doctype html><div id="app"></div>');
writeFileSync(join(assetDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.json'), '{"key":"no"}');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (path: string, headers: Record<string, string> = {}, base = 'http://127.0.0.1:7071'): RequestLike => {
  const all: Record<string, string> = { host: new URL(base).host, ...headers };
  return { method: 'GET', url: `${base}/console/${path}`, headers: { get: (n: string) => all[n.toLowerCase()] ?? null } };
};

describe('console pages', () => {
  const auth = new ConsoleAuth('session');
  const page = (path: string, headers: Record<string, string> = {}) => handleConsolePage(get(path, headers), path.split('?')[0]!, { auth, assetDir, now: NOW });

  it('redirects an anonymous browser to sign in, back to the same view', async () => {
    const r = await handleConsolePage(get('investigate?center=user%3Aa'), 'investigate', { auth, assetDir, now: NOW });
    expect(r.status).toBe(302);
    expect((r.headers as Record<string, string>).Location).toBe(`/console/sign-in?next=${encodeURIComponent('/console/investigate?center=user%3Aa')}`);
  });

  it('serves the shell to a signed-in browser, with a CSP that allows only its own scripts', async () => {
    const cookie = auth.issueCookie(get(''), NOW).split(';')[0]!;
    const r = await page('findings', { cookie });
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain('id="app"');
    expect((r.headers as Record<string, string>)['Content-Security-Policy']).toContain("script-src 'self'");
  });

  it('serves assets and the sign-in page without a session, nothing outside the console folder', async () => {
    expect((await page('assets/app.js')).status).toBe(200);
    expect((await page('sign-in')).status).toBe(200);
    for (const path of ['assets/../../secret.json', 'assets/../index.html.bak', 'assets/nope.js', 'assets/%2e%2e/%2e%2e/secret.json']) {
      expect((await page(path)).status, path).toBe(404);
    }
  });

  it('in Azure mode sends anonymous browsers to the Entra sign-in of App Service Authentication', async () => {
    const azure = new ConsoleAuth('app-service');
    const r = await handleConsolePage(get('orchestrations', {}, 'https://af.azurewebsites.net'), 'orchestrations', { auth: azure, assetDir, now: NOW });
    expect(r.status).toBe(302);
    expect((r.headers as Record<string, string>).Location).toBe(`/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent('/console/orchestrations')}`);
  });
});
