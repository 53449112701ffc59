// The console's real-browser test bed: the simulated tenant in this process, the built app in
// the local host as a child process, one collection cycle done, then the host restarted with a
// schedule that does not fire (the counts stay still while the browser checks them), and
// Debian's chromium through playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simulatorSettings } from '@auditflow/demo';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@auditflow/o365-simulator';
import { openSqliteStore } from '@auditflow/storage';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../src/browser';

export const repoRoot = resolve(__dirname, '../../..');
const hostMain = join(repoRoot, 'tools/local-host/dist/main.js');
const appDir = join(repoRoot, 'apps/ingest-func/dist');
/** Midnight on 1 January: never during a test run. */
export const QUIET_SCHEDULE = '0 0 0 1 1 *';
export const FUNCTION_KEY = 'console-e2e-function-key';
/** The Durable management API's own key (durabletask_extension), not the function key. */
export const SYSTEM_KEY = 'console-e2e-system-key';

export interface HostProcess {
  readonly url: string;
  output(): string;
  kill(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startHost(dir: string, settings: Record<string, string>): Promise<HostProcess> {
  const port = await freePort();
  const envFile = join(dir, 'local.settings.json');
  writeFileSync(envFile, JSON.stringify({ Values: settings }), { mode: 0o600 });
  const args = [hostMain, '--app', appDir, '--port', String(port), '--db', join(dir, 'durable.db'), '--function-key', FUNCTION_KEY, '--system-key', SYSTEM_KEY, '--env-file', envFile];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`local host exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/console/assets/app.css`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`local host did not serve the console within 30 s:\n${output}`);
    await sleep(100);
  }
  return {
    url,
    output: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export async function instanceStatus(host: HostProcess, id: string): Promise<{ runtimeStatus?: string; output?: unknown } | undefined> {
  const response = await fetch(`${host.url}/runtime/webhooks/durabletask/instances/${encodeURIComponent(id)}`, { headers: { 'x-functions-key': SYSTEM_KEY } });
  if (response.status !== 200 && response.status !== 202 && response.status !== 400 && response.status !== 404) {
    throw new Error(`management API answered ${response.status}: ${await response.text()}`);
  }
  return response.status === 404 ? undefined : ((await response.json()) as { runtimeStatus?: string });
}

export async function waitFor<T>(what: string, host: HostProcess | undefined, check: () => Promise<T | undefined>, timeoutInMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutInMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- host output (tail) ---\n${host?.output().slice(-4000) ?? ''}`);
    await sleep(250);
  }
}

export interface Bed {
  readonly sim: RunningSimulator;
  readonly dir: string;
  host: HostProcess;
  readonly browser: Browser;
  readonly settings: Record<string, string>;
  readonly store: ReturnType<typeof openSqliteStore>;
  close(): Promise<void>;
}

/** Simulator + one completed collection + a quiet host + chromium. */
export async function startBed(simOptions: SimulatorOptions): Promise<Bed> {
  const sim = await startSimulator(simOptions);
  const dir = mkdtempSync(join(tmpdir(), 'auditflow-console-e2e-'));
  const settings = { ...simulatorSettings(sim, dir, '*/2 * * * * *'), AUDITFLOW_FIRST_RUN_LOOKBACK_HOURS: String(Math.min(168, (simOptions.days ?? 2) * 24)) };
  let host = await startHost(dir, settings);
  const collectId = `collect-${sim.tenantId}`;
  await waitFor('the first cycle to complete', host, async () => {
    const s = await instanceStatus(host, collectId);
    if (s?.runtimeStatus === 'Failed') throw new Error(`cycle failed: ${JSON.stringify(s.output)}`);
    return s?.runtimeStatus === 'Completed' ? s : undefined;
  });
  await host.kill();
  const quiet = { ...settings, AUDITFLOW_SCHEDULE: QUIET_SCHEDULE };
  host = await startHost(dir, quiet);
  const store = openSqliteStore({ path: join(dir, 'auditflow.db') });
  const browser = await launchChromium();
  return {
    sim,
    dir,
    host,
    browser,
    settings: quiet,
    store,
    async close() {
      await browser.close();
      await host.kill();
      store.close();
      await sim.close();
    },
  };
}

/** A page that records every console error and uncaught exception. */
export async function newPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return { page, errors };
}

/** Signs in through the sign-in page (the key typed once), leaving the session cookie in `context`. */
export async function signIn(page: Page, baseUrl: string, next = '/console'): Promise<void> {
  await page.goto(`${baseUrl}${next}`);
  await page.waitForURL(/\/console\/sign-in/);
  await page.getByLabel('Function key').fill(FUNCTION_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.includes('sign-in'));
}

const shotDir = join(tmpdir(), 'auditflow-console-screenshots');

/**
 * A screenshot under the OS temp folder (path printed); copied into the repo only when
 * CONSOLE_SCREENSHOTS_DIR asks (so a CI run never dirties the checkout).
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(shotDir, { recursive: true });
  const file = join(shotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`screenshot: ${file}`);
  const into = process.env.CONSOLE_SCREENSHOTS_DIR;
  if (into) {
    mkdirSync(into, { recursive: true });
    copyFileSync(file, join(into, `${name}.png`));
  }
  return file;
}
