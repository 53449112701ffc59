// The console's static files (index.html, assets/app.js, assets/app.css), built by apps/console
// and copied into the app's dist/console by scripts/package-app.mjs. Only files under that folder
// with a known type are served; every view path answers index.html (the app routes in the
// browser), so each view has its own shareable URL.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { HttpResponseInit } from '@azure/functions';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Headers of every console response: no framing, no sniffing, scripts only from the console. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** dist/console beside the bundle (dist/main.js). */
export function defaultAssetDir(): string {
  return join(__dirname, 'console');
}

export async function serveAsset(assetDir: string, relative: string): Promise<HttpResponseInit> {
  const type = TYPES[extname(relative).toLowerCase()];
  const root = normalize(assetDir + sep);
  const file = normalize(join(assetDir, relative));
  if (!type || !file.startsWith(root)) return notFound(relative);
  try {
    const body = await readFile(file);
    return { status: 200, body, headers: { 'Content-Type': type, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS } };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') {
      if (relative === 'index.html') {
        return {
          status: 503,
          headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
          body: 'The console is not built into this app: run `npx nx run ingest-func:build` (it builds apps/console into dist/console).',
        };
      }
      return notFound(relative);
    }
    throw error;
  }
}

function notFound(relative: string): HttpResponseInit {
  return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }, body: `No console file ${relative}.` };
}
