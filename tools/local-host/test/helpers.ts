// Shared helpers of the local host tests: the sample app, temp dirs, polling, HTTP calls.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalHost, type LocalHost } from '../src/index';

export const sampleApp = path.resolve(__dirname, 'fixtures/sample-app');
export const MGMT = '/runtime/webhooks/durabletask';

export interface LogEntry {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `local-host-${prefix}-`));
}

export async function startSample(extra: { env?: Record<string, string>; functionKey?: string; dir?: string } = {}): Promise<{ host: LocalHost; logs: LogEntry[]; dir: string }> {
  const dir = extra.dir ?? tempDir('test');
  const logs: LogEntry[] = [];
  const host = await startLocalHost({
    appDir: sampleApp,
    port: 0,
    dbPath: path.join(dir, 'durable.db'),
    env: { SAMPLE_TICK_SCHEDULE: '*/1 * * * * *', ...extra.env },
    ...(extra.functionKey ? { functionKey: extra.functionKey } : {}),
    log: (level, message, fields) => logs.push({ level, message, ...(fields ? { fields } : {}) }),
  });
  return { host, logs, dir };
}

/**
 * An HTTP call with the key the path needs: the system key (`durabletask_extension`) for the
 * management API, the function key elsewhere; `null` sends none, a string sends that one.
 */
export async function call(host: LocalHost, method: string, pathAndQuery: string, body?: unknown, key?: string | null): Promise<{ status: number; body: unknown; headers: Headers }> {
  const url = new URL(pathAndQuery, host.url);
  const code = key === undefined ? (url.pathname.startsWith(MGMT) ? host.systemKey : host.functionKey) : key;
  if (code !== null) url.searchParams.set('code', code);
  const response = await fetch(url, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export interface Status {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  output: unknown;
  customStatus: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  historyEvents?: { EventType: string; FunctionName?: string; Result?: unknown }[];
}

export async function status(host: LocalHost, id: string, query = ''): Promise<{ status: number; body: Status }> {
  const r = await call(host, 'GET', `${MGMT}/instances/${encodeURIComponent(id)}${query}`);
  return { status: r.status, body: r.body as Status };
}

/** Polls until the instance is Completed/Failed/Terminated (or `until` says so). */
export async function waitForInstance(host: LocalHost, id: string, until: (s: Status) => boolean = isFinished, timeoutInMs = 30_000): Promise<Status> {
  const deadline = Date.now() + timeoutInMs;
  for (;;) {
    const r = await status(host, id);
    if (r.status !== 404 && until(r.body)) return r.body;
    if (Date.now() > deadline) throw new Error(`instance ${id} did not get there in time: ${JSON.stringify(r.body)}`);
    await sleep(50);
  }
}

export function isFinished(s: Status): boolean {
  return ['Completed', 'Failed', 'Terminated'].includes(s.runtimeStatus);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
