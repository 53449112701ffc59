// Crash recovery: the host runs as a CHILD process (the CLI through tsx), is SIGKILLed in the middle
// of a fan-out and a durable timer, and restarted on the same database: the fan-out completes with
// every activity result exactly once, the timer is re-armed and fires at its time.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalHost } from '../src/index';
import { call, MGMT, sampleApp, sleep, status, tempDir, waitForInstance } from './helpers';

const repoRoot = path.resolve(__dirname, '../../..');
const mainTs = path.resolve(__dirname, '../src/main.ts');
const KEY = 'crash-test-key';
const SYSTEM_KEY = 'crash-test-system-key';
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL');
      await once(c, 'exit');
    }
  }
});

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as { port: number };
  s.close();
  await once(s, 'close');
  return port;
}

async function spawnHost(dir: string, port: number, extraArgs: string[] = []): Promise<{ host: LocalHost; child: ChildProcess; output: () => string }> {
  const args = ['--import', 'tsx', mainTs, '--app', sampleApp, '--port', String(port), '--db', path.join(dir, 'durable.db'), '--function-key', KEY, '--system-key', SYSTEM_KEY, '--env-file', path.join(dir, 'local.settings.json'), ...extraArgs];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const host: LocalHost = { url: `http://127.0.0.1:${port}`, functionKey: KEY, systemKey: SYSTEM_KEY, stop: async () => undefined };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`host exited: ${output}`);
    try {
      if ((await call(host, 'GET', `${MGMT}/instances`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`host did not start: ${output}`);
    await sleep(100);
  }
  return { host, child, output: () => output };
}

describe('crash recovery', () => {
  it('finishes a fan-out and a timer after SIGKILL and restart on the same database', async () => {
    const dir = tempDir('crash');
    writeFileSync(path.join(dir, 'local.settings.json'), JSON.stringify({ Values: { SAMPLE_SLOW_MS: '150', SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *' } }));
    const port = await freePort();
    const first = await spawnHost(dir, port);
    const n = 60;
    expect((await call(first.host, 'POST', `${MGMT}/orchestrators/timer/crash-timer`, { delayMs: 2500 })).status).toBe(202);
    expect((await call(first.host, 'POST', `${MGMT}/orchestrators/slowFanOut/crash-fan`, { n })).status).toBe(202);
    // kill once some activities completed, long before all did
    await waitForInstance(first.host, 'crash-fan', (s) => s.runtimeStatus === 'Running', 10_000);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const h = (await status(first.host, 'crash-fan', '?showHistory=true')).body.historyEvents ?? [];
      if (h.filter((e) => e.EventType === 'TaskCompleted').length >= 10) break;
      if (Date.now() > deadline) throw new Error(`no progress: ${first.output()}`);
      await sleep(20);
    }
    expect((await status(first.host, 'crash-timer')).body.runtimeStatus).toBe('Running'); // still waiting on its timer
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');

    const second = await spawnHost(dir, port);
    const fan = await waitForInstance(second.host, 'crash-fan', undefined, 30_000);
    expect(fan.runtimeStatus).toBe('Completed');
    const results = fan.output as number[];
    expect(results).toHaveLength(n);
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(second.output()).toContain('durable engine recovering');

    const timer = await waitForInstance(second.host, 'crash-timer', undefined, 30_000);
    expect(timer.runtimeStatus).toBe('Completed');
    expect((timer.output as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(2500);

    second.child.kill('SIGTERM');
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});

describe('crash recovery of a sub-orchestration that continues as new', () => {
  it('re-attaches the parent to the same child after SIGKILL mid-window: every blob counted once', async () => {
    const dir = tempDir('crash-split');
    writeFileSync(path.join(dir, 'local.settings.json'), JSON.stringify({ Values: { SAMPLE_STORE_MS_PER_BLOB: '10', SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *' } }));
    const port = await freePort();
    const first = await spawnHost(dir, port);
    const input = { blobs: 60, pageSize: 10, batchSize: 4, activitiesPerExecution: 8, windows: 2 };
    expect((await call(first.host, 'POST', `${MGMT}/orchestrators/windowSplit/crash-split`, input)).status).toBe(202);
    // kill while the first window's child is in its second execution (of 3)
    await waitForInstance(first.host, 'crash-split:window-0', (s) => ((s.input as { execution?: number } | null)?.execution ?? 0) >= 2, 30_000);
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');

    const second = await spawnHost(dir, port);
    const done = await waitForInstance(second.host, 'crash-split', undefined, 60_000);
    expect(done).toMatchObject({ runtimeStatus: 'Completed', output: { stored: 120 } });
    for (const w of [0, 1]) {
      expect((await status(second.host, `crash-split:window-${w}`)).body).toMatchObject({ runtimeStatus: 'Completed', output: { stored: 60, executions: 3, parent: 'crash-split' } });
    }
    second.child.kill('SIGTERM');
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 120_000);
});

describe('CLI', () => {
  it('shifts the whole process clock with --clock-offset-ms', async () => {
    const dir = tempDir('clock');
    writeFileSync(path.join(dir, 'local.settings.json'), JSON.stringify({ Values: { SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *' } }));
    const offset = 9 * 24 * 3_600_000;
    const { host } = await spawnHost(dir, await freePort(), ['--clock-offset-ms', String(offset)]);
    const ping = (await call(host, 'GET', '/api/ping', undefined, null)).body as { now: number };
    expect(Math.abs(ping.now - (Date.now() + offset))).toBeLessThan(5_000);
    const r = await call(host, 'POST', `${MGMT}/orchestrators/fanOut/clock-1`, { n: 1 });
    expect(r.status).toBe(202);
    const done = await waitForInstance(host, 'clock-1');
    expect(Math.abs(Date.parse(done.createdTime) - (Date.now() + offset))).toBeLessThan(5_000);
  });

  it('refuses a second host process on the same data directory (exit 1, the message names the directory and the first host)', async () => {
    const dir = tempDir('two-hosts');
    writeFileSync(path.join(dir, 'local.settings.json'), JSON.stringify({ Values: { SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *' } }));
    const first = await spawnHost(dir, await freePort());
    const second = spawn(process.execPath, ['--import', 'tsx', mainTs, '--app', sampleApp, '--port', String(await freePort()), '--db', path.join(dir, 'durable.db'), '--env-file', path.join(dir, 'local.settings.json')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(second);
    let stderr = '';
    second.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(second, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('DataDirectoryInUse');
    expect(stderr).toContain(dir);
    expect(stderr).toContain(`pid ${first.child.pid}`);
    expect((await call(first.host, 'GET', `${MGMT}/instances`)).status).toBe(200);
  });

  it('exits non-zero with a clear message on bad flags', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', mainTs, '--app', sampleApp, '--port', 'abc', '--db', '/tmp/x.db'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be an integer');
    const missing = spawn(process.execPath, ['--import', 'tsx', mainTs, '--port', '1'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(missing);
    let err2 = '';
    missing.stderr!.on('data', (d: Buffer) => (err2 += d.toString()));
    expect(((await once(missing, 'exit')) as [number | null])[0]).toBe(2);
    expect(err2).toContain('--app is required');
  });
});
