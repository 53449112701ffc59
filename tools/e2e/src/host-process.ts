// The local host as a CHILD process for end-to-end tests (so it can be SIGKILLed): the built
// Functions app inside it on 127.0.0.1 and a free port, its keys, and the Durable management API
// it serves. Shared by the e2e and the console's browser tests (@auditflow/e2e).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
const hostMain = join(repoRoot, 'tools/local-host/dist/main.js');
const appDir = join(repoRoot, 'apps/ingest-func/dist');
/** Test-only keys the host is started with (never real ones). */
export const FUNCTION_KEY = 'e2e-function-key';
export const SYSTEM_KEY = 'e2e-system-key';

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface HostProcess {
  readonly url: string;
  readonly functionKey: string;
  /** The durabletask_extension system key: the management API takes it, not the function key. */
  readonly systemKey: string;
  readonly child: ChildProcess;
  /** Everything the host printed, for failure messages. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startHostProcess(options: {
  dir: string;
  settings: Record<string, string>;
  clockOffsetInMs?: number;
  /** Extra node options for the host process (e.g. `--cpu-prof` in the benchmark). */
  nodeArgs?: readonly string[];
  /** Extra arguments of the local host's CLI (e.g. `--accept-new-event-store`). */
  hostArgs?: readonly string[];
}): Promise<HostProcess> {
  const port = await freePort();
  const functionKey = FUNCTION_KEY;
  const systemKey = SYSTEM_KEY;
  const envFile = join(options.dir, 'local.settings.json');
  writeFileSync(envFile, JSON.stringify({ Values: options.settings }), { mode: 0o600 });
  const args = [...(options.nodeArgs ?? []), hostMain, '--app', appDir, '--port', String(port), '--db', join(options.dir, 'durable.db'), '--function-key', functionKey, '--system-key', systemKey, '--env-file', envFile, ...(options.hostArgs ?? [])];
  if (options.clockOffsetInMs) args.push('--clock-offset-ms', String(options.clockOffsetInMs));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`local host exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/runtime/webhooks/durabletask/instances?code=${systemKey}`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`local host did not answer within 30 s:\n${output}`);
    await sleep(100);
  }
  return {
    url,
    functionKey,
    systemKey,
    child,
    output: () => output,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await once(child, 'exit');
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export interface InstanceStatus {
  readonly runtimeStatus?: string;
  readonly output?: unknown;
  readonly createdTime?: string;
  readonly lastUpdatedTime?: string;
}

/**
 * A request to the Durable management API (`/runtime/webhooks/durabletask/...`) with the key
 * that API takes: the one place the e2e tests name it.
 */
export function management(host: HostProcess, path: string, init: RequestInit = {}): Promise<Response> {
  const separator = path.includes('?') ? '&' : '?';
  return fetch(`${host.url}/runtime/webhooks/durabletask/${path}${separator}code=${encodeURIComponent(host.systemKey)}`, init);
}

export async function getInstance(host: HostProcess, instanceId: string): Promise<InstanceStatus | undefined> {
  const response = await management(host, `instances/${encodeURIComponent(instanceId)}`);
  if (response.status === 404) return undefined;
  return (await response.json()) as InstanceStatus;
}

/** Polls until `check` returns a value, failing with the host's output after `timeoutInMs`. */
export async function waitFor<T>(what: string, host: HostProcess | undefined, check: () => Promise<T | undefined>, timeoutInMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutInMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- host output (tail) ---\n${host?.output().slice(-4000) ?? ''}`);
    await sleep(250);
  }
}
