import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, PRESET_FAULTS } from '../src/cli-args';

describe('CLI arguments', () => {
  it('defaults to port 7070 without faults', () => {
    const cli = parseCliArgs([]);
    expect(cli.simulator.port).toBe(7070);
    expect(cli.simulator.faults).toEqual({});
  });

  it('reads data flags, the fault preset and single knobs that override it', () => {
    const cli = parseCliArgs(['--port', '0', '--seed', '9', '--users', '3', '--days', '2', '--records-per-hour', '50', '--faults', '--server-error-rate', '0.1', '--throttle-status', '403']);
    expect(cli.simulator).toMatchObject({ port: 0, seed: 9, users: 3, days: 2, recordsPerHour: 50 });
    expect(cli.simulator.faults).toEqual({ ...PRESET_FAULTS, serverErrorRate: 0.1, throttleStatus: 403 });
    expect(parseCliArgs(['--no-faults', '--relist-rate', '0']).simulator.faults).toEqual({ relistRate: 0 });
  });

  it('refuses bad values and unknown flags', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port needs a number/);
    expect(() => parseCliArgs(['--throttle-status', '500'])).toThrow(/403, 429 or mixed/);
    expect(() => parseCliArgs(['--nope'])).toThrow();
  });

  it('runs from source, prints the endpoints and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'o365-sim-cli-'));
    const caOut = join(dir, 'ca.pem');
    const tsx = resolve(__dirname, '../../../node_modules/.bin/tsx');
    const child = spawn(tsx, ['src/main.ts', '--port', '0', '--days', '1', '--ca-out', caOut], { cwd: resolve(__dirname, '..') });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const deadline = Date.now() + 30_000;
    while (!out.includes('Ctrl+C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/AUDITFLOW_API_BASE_URL=http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/AUDITFLOW_AUTHORITY_HOST=https:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('AUDITFLOW_TENANT_ID=');
    expect(out).toContain('AUDITFLOW_CLIENT_ID=');
    expect(existsSync(caOut) && readFileSync(caOut, 'utf8')).toContain('BEGIN CERTIFICATE');
    const code = await new Promise<number | null>((r) => {
      child.on('exit', (c) => r(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(out).toContain('SIGTERM: stopping');
  });
});
