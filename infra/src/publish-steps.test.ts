// The publish steps run for real (sh, zip) against a stand-in `az` on PATH that logs its
// arguments and fails its first calls the way Azure does while a new role assignment spreads.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishScript, type PublishStep } from './publish-steps';
import { createPackageFixture, type PackageFixture } from './testing/package-fixture';

// Fails the first $AZ_FAIL_<verb> calls of a verb (upload, config-zip, list, invoke-action);
// `function list` prints $AZ_FUNCTIONS (default 3); every call is logged with its arguments.
const FAKE_AZ = String.raw`#!/bin/sh
echo "$*" >> "$AZ_LOG"
case "$*" in
  *"storage blob upload"*) verb=upload ;;
  *"deployment source config-zip"*) verb=zip ;;
  *"function list"*) verb=list ;;
  *"invoke-action"*) verb=sync ;;
  *) verb=other ;;
esac
count_file="$AZ_LOG.$verb"
n=$(cat "$count_file" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$count_file"
limit=$(eval echo "\${AZ_FAIL_$verb:-0}")
if [ "$n" -le "$limit" ]; then echo "ERROR: (AuthorizationPermissionMismatch) not yet" >&2; exit 1; fi
case "$*" in
  *"storage blob upload"*) for a in "$@"; do [ "$prev" = "--file" ] && unzip -l "$a" > "$AZ_LOG.zip-listing"; prev="$a"; done ;;
  *"config-zip"*) for a in "$@"; do [ "$prev" = "--src" ] && unzip -l "$a" > "$AZ_LOG.zip-listing"; prev="$a"; done ;;
  *"function list"*) echo "${'$'}{AZ_FUNCTIONS:-3}" ;;
esac
exit 0
`;

let dir: string;
let fixture: PackageFixture;
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  fixture.remove();
});

function run(step: PublishStep, env: Record<string, string>) {
  dir = mkdtempSync(join(tmpdir(), 'auditflow-publish-'));
  fixture = createPackageFixture();
  writeFileSync(join(dir, 'az'), FAKE_AZ);
  chmodSync(join(dir, 'az'), 0o755);
  const log = join(dir, 'az.log');
  const result = spawnSync('sh', ['-c', publishScript(step)], {
    encoding: 'utf8',
    env: {
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      AZ_LOG: log,
      PUBLISH_ATTEMPTS: '3',
      PUBLISH_PAUSE_SECONDS: '0',
      PACKAGE_DIR: fixture.dir,
      RESOURCE_GROUP: 'rg1',
      APP_NAME: 'app1',
      APP_ID: '/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Web/sites/app1',
      BLOB_ENDPOINT: 'https://st1.blob.core.usgovcloudapi.net/',
      CONTAINER: 'deployments',
      BLOB_NAME: 'ingest-func-0123456789abcdef.zip',
      ...env,
    },
  });
  const calls = (() => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  })();
  const listing = (() => {
    try {
      return readFileSync(`${log}.zip-listing`, 'utf8');
    } catch {
      return '';
    }
  })();
  return { status: result.status, stderr: result.stderr, stdout: result.stdout, calls, listing };
}

describe('publish steps', () => {
  it('flex: zips the package, retries OneDeploy while it is refused, then waits for listed functions', () => {
    const r = run('flex-publish', { AZ_FAIL_zip: '1', AZ_FAIL_list: '1' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls.filter((c) => c.includes('config-zip'))).toHaveLength(2);
    expect(r.calls.find((c) => c.includes('config-zip'))).toMatch(/^functionapp deployment source config-zip --resource-group rg1 --name app1 --src .*ingest-func\.zip --only-show-errors$/);
    expect(r.listing).toMatch(/main\.js/);
    expect(r.listing).toMatch(/host\.json/);
    expect(r.stdout).toContain('auditflow: app1 lists 3 functions');
    expect(r.calls.join('\n')).not.toMatch(/key|sas|connection-string/i);
  });

  it('flex: fails pulumi up, saying so, when the app never lists a function', () => {
    const r = run('flex-publish', { AZ_FUNCTIONS: '0' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('auditflow: function listing failed 3 times');
  });

  it('y1: uploads with the deployer\'s login to the endpoint the account reports, retrying a refusal', () => {
    const r = run('upload-package', { AZ_FAIL_upload: '2' });
    expect(r.status, r.stderr).toBe(0);
    const uploads = r.calls.filter((c) => c.includes('storage blob upload'));
    expect(uploads).toHaveLength(3);
    expect(uploads[0]).toMatch(
      /^storage blob upload --auth-mode login --blob-endpoint https:\/\/st1\.blob\.core\.usgovcloudapi\.net\/ --container-name deployments --name ingest-func-0123456789abcdef\.zip --file .*ingest-func\.zip --content-type application\/zip --overwrite --only-show-errors$/,
    );
    expect(r.listing).toMatch(/package\.json/);
  });

  it('y1: gives up after the attempts allowed, naming the step', () => {
    const r = run('upload-package', { AZ_FAIL_upload: '9' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('auditflow: package upload failed 3 times');
  });

  it('y1: syncs triggers after the app exists and waits for the functions', () => {
    const r = run('sync-triggers', { AZ_FAIL_sync: '1' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls.filter((c) => c.includes('invoke-action'))[0]).toBe(
      'resource invoke-action --action syncfunctiontriggers --ids /subscriptions/s/resourceGroups/rg1/providers/Microsoft.Web/sites/app1 --only-show-errors',
    );
    expect(r.stdout).toContain('lists 3 functions');
  });

  it('y1: a failed delete only warns (the blob goes with the account)', () => {
    const r = run('delete-package', { AZ_FAIL_other: '9' });
    expect(r.status).toBe(0);
    expect(r.calls[0]).toMatch(/^storage blob delete --auth-mode login --blob-endpoint https:\/\/st1/);
    expect(r.stderr).toContain('could not delete ingest-func-0123456789abcdef.zip');
  });
});
