// The console's real-browser test bed: the simulated tenant in this process, the built app in
// the local host as a child process, one collection cycle done, then the host restarted with a
// schedule that does not fire (the counts stay still while the browser checks them), and
// Debian's chromium through playwright-core.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulatorSettings } from '@auditflow/demo';
import { FUNCTION_KEY, getInstance, startHostProcess, waitFor, type HostProcess } from '@auditflow/e2e';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@auditflow/o365-simulator';
import { openSqliteStore } from '@auditflow/storage';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../src/browser';

export { FUNCTION_KEY, repoRoot, sleep, waitFor, type HostProcess } from '@auditflow/e2e';
/** Midnight on 1 January: never during a test run. */
export const QUIET_SCHEDULE = '0 0 0 1 1 *';

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
  let host = await startHostProcess({ dir, settings });
  const collectId = `collect-${sim.tenantId}`;
  await waitFor('the first cycle to complete', host, async () => {
    const s = await getInstance(host, collectId);
    if (s?.runtimeStatus === 'Failed') throw new Error(`cycle failed: ${JSON.stringify(s.output)}`);
    return s?.runtimeStatus === 'Completed' ? s : undefined;
  });
  await host.kill();
  const quiet = { ...settings, AUDITFLOW_SCHEDULE: QUIET_SCHEDULE };
  host = await startHostProcess({ dir, settings: quiet });
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
