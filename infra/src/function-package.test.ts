import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FunctionPackageError, defaultPackageDir, locateFunctionPackage } from './function-package';
import { createPackageFixture } from './testing/package-fixture';

function errorOf(fn: () => unknown): FunctionPackageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FunctionPackageError);
    return error as FunctionPackageError;
  }
  throw new Error('expected a FunctionPackageError');
}

describe('locateFunctionPackage', () => {
  it('names the blob by a hash of the code, so a new build gets a new URL', () => {
    const a = createPackageFixture();
    const b = createPackageFixture({ main: 'module.exports = { changed: true };\n' });
    try {
      const first = locateFunctionPackage(a.dir);
      expect(first.dir).toBe(a.dir);
      expect(first.blobName).toMatch(/^ingest-func-[0-9a-f]{16}\.zip$/);
      expect(locateFunctionPackage(a.dir).blobName).toBe(first.blobName);
      expect(locateFunctionPackage(b.dir).blobName).not.toBe(first.blobName);
    } finally {
      a.remove();
      b.remove();
    }
  });

  it('refuses a missing folder and says how to build it', () => {
    const error = errorOf(() => locateFunctionPackage('/nonexistent/auditflow/dist'));
    expect([error.code, error.statusCode]).toEqual(['FunctionPackageNotReady', 400]);
    expect(error.message).toMatch(/does not exist: build it first/);
  });

  it('refuses a folder without the built files', () => {
    const fixture = createPackageFixture();
    try {
      rmSync(join(fixture.dir, 'host.json'));
      expect(errorOf(() => locateFunctionPackage(fixture.dir)).message).toMatch(/lacks host\.json/);
    } finally {
      fixture.remove();
    }
  });

  it('refuses dependencies without node_modules (run-from-package installs nothing)', () => {
    const fixture = createPackageFixture({ withNodeModules: false });
    try {
      expect(errorOf(() => locateFunctionPackage(fixture.dir)).message).toMatch(/npm install --omit=dev/);
      writeFileSync(join(fixture.dir, 'package.json'), JSON.stringify({ name: 'x', main: 'main.js' }));
      expect(locateFunctionPackage(fixture.dir).dir).toBe(fixture.dir);
    } finally {
      fixture.remove();
    }
  });

  it('reads the task hub name from host.json, and refuses a host.json without a usable one', () => {
    const fixture = createPackageFixture();
    try {
      expect(locateFunctionPackage(fixture.dir).taskHubName).toBe('auditflow');
      writeFileSync(join(fixture.dir, 'host.json'), JSON.stringify({ version: '2.0' }));
      expect(errorOf(() => locateFunctionPackage(fixture.dir)).message).toMatch(/names no task hub .*hubName is undefined/);
      writeFileSync(join(fixture.dir, 'host.json'), '{');
      expect(errorOf(() => locateFunctionPackage(fixture.dir)).message).toMatch(/is not valid JSON/);
    } finally {
      fixture.remove();
    }
  });

  it('the real app names a task hub the stack can provision', () => {
    const hostJson = join(__dirname, '../../apps/ingest-func/host.json');
    const hub = (JSON.parse(readFileSync(hostJson, 'utf8')) as { extensions: { durableTask: { hubName: string } } }).extensions.durableTask.hubName;
    expect(hub).toMatch(/^[A-Za-z][A-Za-z0-9-]{2,44}$/);
  });

  it('defaults to apps/ingest-func/dist beside the infra project', () => {
    expect(defaultPackageDir('/repo/infra')).toBe('/repo/apps/ingest-func/dist');
  });
});
