#!/usr/bin/env node
// Completes dist/ after the bundle: the deployable Functions app folder that the local host loads
// and infra publishes. Writes dist/package.json (main.js plus the exact versions, from the root
// package.json, of every npm package the bundle requires) and copies host.json beside it.
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = resolve(appDir, '../..');
const distDir = join(appDir, 'dist');

const bundle = readFileSync(join(distDir, 'main.js'), 'utf8');
const rootPkg = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8'));
const appPkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
const available = { ...rootPkg.devDependencies, ...rootPkg.dependencies };
// The worker provides this one; it is never installed.
const provided = new Set(['@azure/functions-core']);

// durable-functions drives @azure/functions; the app pins the same single copy explicitly.
const dependencies = { '@azure/functions': rootPkg.dependencies['@azure/functions'] };
const missing = [];
for (const [, specifier] of bundle.matchAll(/\brequire\(["']([^"']+)["']\)/g)) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) continue;
  if (builtinModules.includes(specifier.split('/')[0])) continue;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (provided.has(name) || name in dependencies) continue;
  if (!rootPkg.dependencies?.[name]) {
    missing.push(name + (available[name] ? ' (only a devDependency of the root package.json)' : ''));
    continue;
  }
  dependencies[name] = rootPkg.dependencies[name];
}
if (missing.length > 0) {
  console.error(`package-app: the bundle requires packages that are not root production dependencies: ${missing.join(', ')}`);
  process.exit(1);
}

const pkg = {
  name: appPkg.name.replace(/^@auditflow\//, 'auditflow-'),
  version: appPkg.version,
  private: true,
  description: 'auditflow Azure Functions app (built bundle): collects the Office 365 Management Activity API audit trail',
  main: 'main.js',
  engines: { node: '>=20' },
  dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
};
writeFileSync(join(distDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
copyFileSync(join(appDir, 'host.json'), join(distDir, 'host.json'));
// The console (apps/console, built first: an implicit dependency of this project) is served by
// the app from dist/console, so the folder the local host loads and infra publishes carries it.
const consoleDist = join(rootDir, 'apps/console/dist');
if (!existsSync(join(consoleDist, 'index.html'))) {
  console.error('package-app: apps/console/dist/index.html is missing: build the console first (npx nx run console:build)');
  process.exit(1);
}
rmSync(join(distDir, 'console'), { recursive: true, force: true });
cpSync(consoleDist, join(distDir, 'console'), { recursive: true });
console.log(`package-app: dist/ ready (main.js, package.json with ${Object.keys(dependencies).join(', ')}, host.json, console/)`);
