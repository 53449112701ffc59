#!/usr/bin/env node
// Builds the console for the browser with the repo's esbuild: src/main.tsx (and the CSS it
// imports) into dist/assets/app.js + app.css, and src/index.html into dist/. Everything is in the
// bundle (no CDN): the console works offline. ingest-func's package step copies dist/ into the
// app's dist/console.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(dir, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'assets'), { recursive: true });
await build({
  entryPoints: { app: join(dir, 'src/main.tsx') },
  outdir: join(dist, 'assets'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'eof',
  logLevel: 'warning',
});
copyFileSync(join(dir, 'src/index.html'), join(dist, 'index.html'));
console.log('console: dist/ ready (index.html, assets/app.js, assets/app.css)');
