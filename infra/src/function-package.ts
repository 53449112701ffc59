// The Functions package that the stack publishes: the built folder of apps/ingest-func
// (CONTRACTS.md section 6). Checked before anything is created, so `pulumi up` stops with a message
// that says what to run instead of deploying an app that cannot start.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class FunctionPackageError extends Error {
  readonly code = 'FunctionPackageNotReady';
  readonly statusCode = 400;
  constructor(message: string) {
    super(message);
    this.name = 'FunctionPackageError';
  }
}

export interface FunctionPackage {
  /** Absolute path of the folder that is zipped and uploaded. */
  readonly dir: string;
  /** Blob name with a content hash: a new build gets a new URL (and publish trigger). */
  readonly blobName: string;
  /** host.json's extensions.durableTask.hubName: the task hub the stack provisions (one name, in one file). */
  readonly taskHubName: string;
}

const REQUIRED_FILES = ['main.js', 'package.json', 'host.json'] as const;
// What decides the code that runs; node_modules follows from package.json (+ lock).
const HASHED_FILES = [...REQUIRED_FILES, 'package-lock.json'] as const;

/** Default: `apps/ingest-func/dist`, relative to the Pulumi project folder (infra/, the cwd of `pulumi up`). */
export function defaultPackageDir(projectDir: string = process.cwd()): string {
  return resolve(projectDir, '../apps/ingest-func/dist');
}

export function locateFunctionPackage(dir: string): FunctionPackage {
  const absolute = resolve(dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new FunctionPackageError(
      `the Functions package folder ${absolute} does not exist: build it first (npm run build -w apps/ingest-func, or npx nx run ingest-func:build), or set auditflow:packageDir`,
    );
  }
  const missing = REQUIRED_FILES.filter((f) => !existsSync(join(absolute, f)));
  if (missing.length > 0) {
    throw new FunctionPackageError(`the Functions package folder ${absolute} lacks ${missing.join(', ')}: rebuild apps/ingest-func`);
  }
  const manifest = JSON.parse(readFileSync(join(absolute, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  // main.js keeps npm packages external and run-from-package does no npm install in Azure.
  if (Object.keys(manifest.dependencies ?? {}).length > 0 && !existsSync(join(absolute, 'node_modules'))) {
    throw new FunctionPackageError(
      `the Functions package folder ${absolute} has dependencies but no node_modules: run \`npm install --omit=dev --no-package-lock --workspaces=false\` inside it before pulumi up`,
    );
  }
  const taskHubName = readHubName(join(absolute, 'host.json'));
  const hash = createHash('sha256');
  for (const file of HASHED_FILES) {
    const path = join(absolute, file);
    if (existsSync(path)) hash.update(file).update('\0').update(readFileSync(path)).update('\0');
  }
  return { dir: absolute, blobName: `ingest-func-${hash.digest('hex').slice(0, 16)}.zip`, taskHubName };
}

// Task hub names: 3-45 letters, digits and hyphens, starting with a letter (Durable Functions' rule
// for the Azure Storage provider, which the scheduler's names also satisfy).
const HUB_NAME = /^[A-Za-z][A-Za-z0-9-]{2,44}$/;

function readHubName(hostJsonPath: string): string {
  let hubName: unknown;
  try {
    hubName = (JSON.parse(readFileSync(hostJsonPath, 'utf8')) as { extensions?: { durableTask?: { hubName?: unknown } } }).extensions?.durableTask?.hubName;
  } catch (error) {
    throw new FunctionPackageError(`${hostJsonPath} is not valid JSON (${(error as Error).message}): rebuild apps/ingest-func`);
  }
  if (typeof hubName !== 'string' || !HUB_NAME.test(hubName)) {
    throw new FunctionPackageError(
      `${hostJsonPath} names no task hub the stack can provision (extensions.durableTask.hubName is ${JSON.stringify(hubName)}): set it to 3-45 letters, digits and hyphens`,
    );
  }
  return hubName;
}
