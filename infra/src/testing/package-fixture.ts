// A stand-in for apps/ingest-func/dist in a temp folder (the real build may not exist in tests).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PackageFixture {
  readonly dir: string;
  remove(): void;
}

export function createPackageFixture(options: { withNodeModules?: boolean; main?: string } = {}): PackageFixture {
  const dir = mkdtempSync(join(tmpdir(), 'auditflow-infra-pkg-'));
  writeFileSync(join(dir, 'main.js'), options.main ?? 'module.exports = {};\n');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'ingest-func', main: 'main.js', dependencies: { 'durable-functions': '3.5.0' } }));
  writeFileSync(join(dir, 'host.json'), JSON.stringify({ version: '2.0', extensions: { durableTask: { hubName: 'auditflow' } } }));
  if (options.withNodeModules !== false) mkdirSync(join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
