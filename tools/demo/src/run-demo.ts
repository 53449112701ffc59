// `npm start`: the simulated tenant, the unmodified Functions app in the local host, one
// collection cycle watched live, then a summary checked against the simulator's ground truth.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { envName, loadConfig, SETTINGS, settingsToEnv, type AuditflowConfig } from '@auditflow/config';
import type { ContentType } from '@auditflow/ingestion';
import { startLocalHost, type LocalHost } from '@auditflow/local-host';
import { ipCountryCsv, startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import { openSqliteStore } from '@auditflow/storage';
import type { DemoOptions } from './args';
import { cycleVerdict } from './cycle-verdict';
import { prepareDataDir } from './data-dir';
import { formatFindings, readFindings } from './findings-summary';
import { hostLogFile } from './host-log';
import { formatProgress, readProgress, type ContentTypeProgress } from './progress';

/**
 * The app's request budget in the demo. The real API allows about 2,000 requests per minute; the
 * demo compresses time, so it lets the client go faster and keeps the simulated tenant's limit
 * BELOW that budget: throttling (AF429 on 403 and 429) really happens and must be honoured.
 */
export const DEMO_RATE_LIMIT_PER_MINUTE = 6000;

/** Faults on by default: the point of the demo is that they do not matter. */
export const DEMO_FAULTS = {
  rateLimitPerMinute: 4000,
  throttleStatus: 'mixed' as const,
  serverErrorRate: 0.02,
  truncatedBodyRate: 0.01,
  connectionResetRate: 0.01,
  expiredBlobRate: 0.002,
};

export interface GroundTruthCheck {
  readonly contentType: ContentType;
  readonly expected: number;
  readonly missing: number;
  readonly unexpected: number;
}

export interface DemoResult {
  readonly ok: boolean;
  readonly runtimeStatus: string;
  readonly elapsedInMs: number;
  readonly progress: ContentTypeProgress[];
  readonly truth?: GroundTruthCheck[];
  /** Why the cycle is not a success (content types not subscribed or not collected). */
  readonly problems: string[];
}

type Print = (line: string) => void;

export function simulatorSettings(sim: RunningSimulator, dataDir: string, schedule: string): Record<string, string> {
  // The simulator's token authority speaks https with a certificate it made at start: trust it.
  const caPath = join(dataDir, 'authority-ca.pem');
  writeFileSync(caPath, sim.authorityCaPem);
  // Where the simulated tenant's IPs are, as an operator would give a GeoIP export.
  const ipCountryPath = join(dataDir, 'ip-country.csv');
  writeFileSync(ipCountryPath, ipCountryCsv());
  return settingsToEnv(
    {
      tenantId: sim.tenantId,
      cloud: 'Custom',
      apiBaseUrl: sim.url,
      authorityHost: sim.authorityHost,
      authorityCaPath: caPath,
      ipCountryFile: ipCountryPath,
      authMode: 'client-secret',
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      store: 'sqlite',
      sqlitePath: join(dataDir, 'auditflow.db'),
      schedule,
      firstRunLookbackHours: 168,
    },
    // The simulator's own throwaway secret: the local settings file is the app's only way in.
    { includeSecrets: true },
  );
}

function realSettings(dataDir: string, schedule: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { name } of SETTINGS) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  env[envName('sqlitePath')] ??= join(dataDir, 'auditflow.db');
  env[envName('schedule')] ??= schedule;
  return env;
}

async function instanceStatus(host: LocalHost, instanceId: string): Promise<{ runtimeStatus?: string; output?: unknown }> {
  // The key in a header, never in the URL (URLs end up in logs).
  const url = `${host.url}/runtime/webhooks/durabletask/instances/${encodeURIComponent(instanceId)}`;
  const response = await fetch(url, { headers: { 'x-functions-key': host.systemKey } });
  if (response.status === 404) return {};
  return (await response.json()) as { runtimeStatus?: string; output?: unknown };
}

async function checkGroundTruth(
  sim: RunningSimulator,
  config: AuditflowConfig,
  storeIds: (ct: ContentType) => AsyncIterable<string>,
  progress: readonly ContentTypeProgress[],
): Promise<GroundTruthCheck[]> {
  const checks: GroundTruthCheck[] = [];
  for (const row of progress) {
    // Everything listed before the watermark must be stored; nothing may be stored that the
    // tenant never published.
    const before = row.watermark ? sim.groundTruth({ contentType: row.contentType, to: new Date(row.watermark) }) : undefined;
    const all = sim.groundTruth({ contentType: row.contentType });
    const stored = new Set<string>();
    for await (const id of storeIds(row.contentType)) stored.add(id);
    let missing = 0;
    for (const id of before?.ids ?? []) if (!stored.has(id)) missing += 1;
    let unexpected = 0;
    for (const id of stored) if (!all.ids.has(id)) unexpected += 1;
    checks.push({ contentType: row.contentType, expected: before?.ids.size ?? 0, missing, unexpected });
  }
  void config;
  return checks;
}

export async function runDemo(options: DemoOptions, print: Print = console.log): Promise<DemoResult> {
  const dataDir = prepareDataDir(options);
  const hostLog = hostLogFile(dataDir, print);

  let sim: RunningSimulator | undefined;
  let host: LocalHost | undefined;
  let store: ReturnType<typeof openSqliteStore> | undefined;
  try {
    let settings: Record<string, string>;
    if (options.real) {
      settings = realSettings(dataDir, options.schedule);
    } else {
      sim = await startSimulator({
        seed: options.seed,
        users: options.users,
        days: options.days,
        recordsPerHour: options.recordsPerHour,
        stories: options.stories,
        ...(options.faults ? { faults: DEMO_FAULTS } : {}),
      });
      print(`simulated tenant ${sim.tenantId} at ${sim.url} (${options.days} days, ~${options.recordsPerHour} records/h, faults ${options.faults ? 'on' : 'off'}, attack stories ${options.stories ? 'seeded' : 'off'})`);
      settings = { ...simulatorSettings(sim, dataDir, options.schedule), [envName('rateLimitPerMinute')]: String(DEMO_RATE_LIMIT_PER_MINUTE) };
    }
    const config = loadConfig(settings);
    host = await startLocalHost({
      appDir: resolve(__dirname, '../../../apps/ingest-func/dist'),
      port: options.port,
      dbPath: join(dataDir, 'durable.db'),
      env: settings,
      log: hostLog.write,
    });
    print(`functions app running at ${host.url} (function key for /api in ${join(dataDir, 'function-key')}, durabletask_extension system key for the Durable API in ${join(dataDir, 'durabletask_extension')})`);
    print(`console: ${host.url}/console (sign in once with the function key)`);
    if (config.store !== 'sqlite') {
      print('the store is Cosmos DB: live progress is shown through GET /api/status only');
    }
    store = config.store === 'sqlite' ? openSqliteStore({ path: config.sqlitePath }) : undefined;

    const instanceId = `collect-${config.tenantId}`;
    const started = Date.now();
    let progress: ContentTypeProgress[] = [];
    let status: { runtimeStatus?: string; output?: unknown } = {};
    let lastPrint = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      status = await instanceStatus(host, instanceId);
      if (store) progress = await readProgress(config.tenantId, config.contentTypes, store.events, store.checkpoints);
      const done = status.runtimeStatus === 'Completed' || status.runtimeStatus === 'Failed' || status.runtimeStatus === 'Terminated';
      if (store && (done || Date.now() - lastPrint >= 5000)) {
        lastPrint = Date.now();
        print(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${status.runtimeStatus ?? 'waiting for the timer'} (host: ${hostLog.counts.warn} warnings, ${hostLog.counts.error} errors)`);
        for (const line of formatProgress(progress, Date.now() - started)) print(line);
      }
      if (done) break;
      if (Date.now() - started > options.timeoutInMs) {
        status = { runtimeStatus: 'TimedOut' };
        break;
      }
    }
    const elapsedInMs = Date.now() - started;
    const truth = sim && store ? await checkGroundTruth(sim, config, (ct) => store!.events.listEventIds(config.tenantId, ct), progress) : undefined;
    const verdict = cycleVerdict(status.runtimeStatus, status.output);
    const ok = verdict.ok && (truth ?? []).every((t) => t.missing === 0 && t.unexpected === 0);
    printSummary(print, progress, truth, elapsedInMs, status);
    for (const problem of verdict.problems) print(`  NOT COLLECTING: ${problem}`);
    try {
      const { findings, more } = await readFindings(host.url, host.functionKey);
      const others = await readFindings(host.url, host.functionKey, 1000, 'medium,low');
      for (const line of formatFindings(findings, more, others.findings)) print(line);
    } catch (error) {
      print(`  findings: could not be read (${(error as Error).message})`);
    }
    if (sim) print(faultSummary(sim));
    print(`  host log: ${hostLog.path} (${hostLog.counts.warn} warnings, ${hostLog.counts.error} errors)`);
    if (options.serve && host) {
      print(`serving: console ${host.url}/console, ${host.url}/api/status, POST ${host.url}/api/rerun, Durable API ${host.url}/runtime/webhooks/durabletask/instances (system key in ${join(dataDir, 'durabletask_extension')}; Ctrl-C stops)`);
      await new Promise<void>((r) => process.once('SIGINT', () => r()));
    }
    return { ok, runtimeStatus: status.runtimeStatus ?? 'unknown', elapsedInMs, progress, problems: verdict.problems, ...(truth ? { truth } : {}) };
  } finally {
    await host?.stop();
    await store?.close();
    await sim?.close();
  }
}

function printSummary(
  print: Print,
  progress: readonly ContentTypeProgress[],
  truth: readonly GroundTruthCheck[] | undefined,
  elapsedInMs: number,
  status: { runtimeStatus?: string; output?: unknown },
): void {
  const fmt = (n: number) => n.toLocaleString('en-US');
  print('');
  print(`collection ${status.runtimeStatus ?? 'unknown'} in ${(elapsedInMs / 1000).toFixed(1)} s`);
  print(`  ${'content type'.padEnd(27)} ${'stored'.padStart(9)} ${'received'.padStart(9)} ${'dupes'.padStart(7)} ${'rejected'.padStart(8)} ${'lost blobs'.padStart(10)} ${'gaps'.padStart(5)}  watermark`);
  let stored = 0;
  for (const r of progress) {
    stored += r.recordsStored;
    const dupes = Math.max(r.recordsReceived - r.recordsRejected - r.recordsStored, 0);
    print(
      `  ${r.contentType.padEnd(27)} ${fmt(r.recordsStored).padStart(9)} ${fmt(r.recordsReceived).padStart(9)} ${fmt(dupes).padStart(7)} ` +
        `${fmt(r.recordsRejected).padStart(8)} ${fmt(r.blobsLost).padStart(10)} ${String(r.gaps).padStart(5)}  ${r.watermark ?? '-'}`,
    );
  }
  print(`  ${fmt(stored)} unique events, ${fmt(Math.round(stored / Math.max(elapsedInMs / 1000, 0.001)))} events/s`);
  for (const t of truth ?? []) {
    const verdict = t.missing === 0 && t.unexpected === 0 ? 'matches' : 'DIFFERS FROM';
    print(`  ${t.contentType.padEnd(27)} ${verdict} the simulator's ground truth below the watermark (${fmt(t.expected)} ids, ${t.missing} missing, ${t.unexpected} unexpected)`);
  }
}

/** What the simulated tenant threw at the collector, from its own counters. */
export function faultSummary(sim: RunningSimulator): string {
  const stats = sim.stats();
  const fmt = (n: number) => n.toLocaleString('en-US');
  const count = (pred: (status: number) => boolean) =>
    Object.entries(stats.byStatus).reduce((sum, [status, n]) => (pred(Number(status)) ? sum + n : sum), 0);
  return (
    `  the simulated tenant answered ${fmt(stats.requests)} API requests: ${fmt(stats.throttled)} throttled, ` +
    `${fmt(count((s) => s >= 500))} server errors, ${fmt(count((s) => s === 0))} connection resets`
  );
}
