// Issue 4's benchmark: end-to-end events/s and peak memory of a collection through the unmodified
// app in the local host (a child process, as in production one process per app), beside the
// limits measured in the same run on the same simulated tenant:
//   - raw fetch: the same blobs listed and fetched with the API client alone, nothing stored;
//   - raw insert: the same documents inserted into the store's REAL schema (every index, the
//     adapter's pragmas) with one prepared statement in large transactions: the best the store can
//     do; and the 4-column floor (id, partition key, time, JSON) for reference.
// Two backlogs at the same event rate (so blobs are the same size), 2 and 7 days long, show whether
// the host's peak memory grows with the backlog (it must not: only a blob at a time per activity
// is in memory, never the backlog).
// usage: npm run bench -w tools/e2e -- [--records 1000000] [--small-days 2] [--runs 3]
// (--runs N: each backlog N times, alternating, then the medians; the goals are on medians of 3)
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ManagementApiClient, createCredential } from '@auditflow/activity-api';
import { CONTENT_TYPES, MAX_WINDOW_MS, normalizeBlob, type ContentBlob, type ContentType } from '@auditflow/ingestion';
import { startSimulator, type RunningSimulator } from '@auditflow/o365-simulator';
import { startSqliteInsertLimit } from '@auditflow/storage';
import { appSettings, getInstance, openStore, startHostProcess, tempDir, waitFor } from '../test/harness';
import { cpuSplit, formatCpuSplit, type CpuSplit } from './cpu-split';

const HOUR = 3_600_000;
const DAYS = 7;
const RATE_LIMIT = 10_000; // the highest AUDITFLOW_RATE_LIMIT_PER_MINUTE accepts; the simulator has none here
const FETCH_CONCURRENCY = 8;

interface RunFigures {
  readonly published: number;
  readonly e2eStored: number;
  readonly e2eSeconds: number;
  readonly e2ePeakRssMiB: number;
  readonly cpu: CpuSplit;
  readonly rawFetched: number;
  readonly rawFetchSeconds: number;
  readonly rawInsertSeconds: number;
  readonly floorInsertSeconds: number;
}

function peakRssMiB(pid: number): number {
  // VmHWM: the peak resident set size of the process so far, in kB.
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

async function collectEndToEnd(sim: RunningSimulator): Promise<Pick<RunFigures, 'e2eStored' | 'e2eSeconds' | 'e2ePeakRssMiB' | 'cpu'>> {
  const dir = tempDir('bench');
  const settings = appSettings(sim, dir, { AUDITFLOW_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), AUDITFLOW_SCHEDULE: '*/2 * * * * *' });
  const profileDir = join(dir, 'cpu-profile');
  const started = Date.now();
  const host = await startHostProcess({ dir, settings, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  const pid = host.child.pid!;
  let peak = 0;
  const store = openStore(dir);
  try {
    await waitFor(
      'the collection to complete',
      host,
      async () => {
        peak = Math.max(peak, peakRssMiB(pid));
        // A reset connection while the host still runs is not the end of the run: a host whose
        // event loop was blocked past the HTTP keep-alive timeout drops the idle socket the next
        // poll arrived on (seen with the inline writer under load). Poll again.
        const status = await getInstance(host, `collect-${sim.tenantId}`).catch((error: unknown) => {
          if (host.child.exitCode === null && host.child.signalCode === null) return 'poll again' as const;
          throw error;
        });
        if (status === 'poll again') return undefined;
        if (status?.runtimeStatus === 'Failed') throw new Error(`collection failed: ${JSON.stringify(status.output)}`);
        if (status?.runtimeStatus !== 'Completed') return undefined;
        const now = sim.clock.now().getTime();
        for (const contentType of CONTENT_TYPES) {
          const watermark = await store.checkpoints.getWatermark(sim.tenantId, contentType);
          if (!watermark || now - Date.parse(watermark.value) > 13 * HOUR) return undefined;
        }
        return true;
      },
      3_600_000,
    );
    const seconds = (Date.now() - started) / 1000;
    peak = Math.max(peak, peakRssMiB(pid));
    const stored = await store.events.countEvents({ tenantId: sim.tenantId });
    await host.kill(); // SIGTERM: the host stops cleanly and node writes the profile
    return { e2eStored: stored, e2eSeconds: seconds, e2ePeakRssMiB: peak, cpu: cpuSplit(profileDir) };
  } finally {
    await host.kill();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The limits: fetch every blob with the client alone, and insert its documents as fast as the store can. */
async function measureLimits(
  sim: RunningSimulator,
  days: number,
): Promise<Pick<RunFigures, 'rawFetched' | 'rawFetchSeconds' | 'rawInsertSeconds' | 'floorInsertSeconds'>> {
  const dir = tempDir('bench-raw');
  const real = startSqliteInsertLimit({ schema: 'real', dir });
  const floor = startSqliteInsertLimit({ schema: 'four-column', dir });
  const credential = createCredential({
    authMode: 'client-secret',
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    authorityHost: sim.authorityHost,
    authorityCaPem: sim.authorityCaPem,
  });
  const client = new ManagementApiClient({ tenantId: sim.tenantId, credential, cloud: 'Custom', apiBaseUrl: sim.url, rateLimitPerMinute: RATE_LIMIT });
  let fetched = 0;
  let normalizeMs = 0;
  const started = Date.now();
  for (const contentType of CONTENT_TYPES) await client.startSubscription(contentType);
  const end = sim.clock.now().getTime() - 5 * 60_000;
  const blobs: { contentType: ContentType; blob: ContentBlob }[] = [];
  for (const contentType of CONTENT_TYPES) {
    for (let start = end - days * 24 * HOUR + 20 * 60_000; start < end; start += MAX_WINDOW_MS) {
      const window = { startTime: new Date(start).toISOString(), endTime: new Date(Math.min(start + MAX_WINDOW_MS, end)).toISOString() };
      for await (const page of client.listContent(contentType, window)) for (const blob of page) blobs.push({ contentType, blob });
    }
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: FETCH_CONCURRENCY }, async () => {
      while (next < blobs.length) {
        const { contentType, blob } = blobs[next++]!;
        let records;
        try {
          records = await client.fetchContent(blob.contentUri);
        } catch {
          continue; // lost content: the collector records a gap; the limit just skips it
        }
        fetched += records.length;
        const t = performance.now();
        const { documents } = normalizeBlob(records, { tenantId: sim.tenantId, contentType, contentId: blob.contentId, retentionDays: 90 });
        real.add(documents);
        floor.add(documents);
        normalizeMs += performance.now() - t;
      }
    }),
  );
  // fetch time without what the buffering and large transactions took on this thread
  const fetchSeconds = (Date.now() - started - normalizeMs) / 1000;
  const realResult = real.finish();
  const floorResult = floor.finish();
  rmSync(dir, { recursive: true, force: true });
  return { rawFetched: fetched, rawFetchSeconds: fetchSeconds, rawInsertSeconds: realResult.seconds, floorInsertSeconds: floorResult.seconds };
}

async function run(recordsPerHour: number, days: number): Promise<RunFigures> {
  const sim = await startSimulator({ seed: 42, users: 500, days, recordsPerHour });
  try {
    const published = sim.groundTruth().ids.size;
    console.log(`\n${published.toLocaleString('en-US')} unique records published over ${days} days`);
    const e2e = await collectEndToEnd(sim);
    console.log(`  end to end: ${e2e.e2eStored.toLocaleString('en-US')} stored in ${e2e.e2eSeconds.toFixed(1)} s`);
    const limits = await measureLimits(sim, days);
    return { published, ...e2e, ...limits };
  } finally {
    await sim.close();
  }
}

interface Rates {
  readonly e2e: number;
  readonly fetch: number;
  readonly insert: number;
  readonly floor: number;
  readonly peakRssMiB: number;
  readonly load: string;
}

function ratesOf(f: RunFigures, load: string): Rates {
  const rate = (n: number, s: number) => n / Math.max(s, 0.001);
  return {
    e2e: rate(f.e2eStored, f.e2eSeconds),
    fetch: rate(f.rawFetched, f.rawFetchSeconds),
    insert: rate(f.rawFetched, f.rawInsertSeconds),
    floor: rate(f.rawFetched, f.floorInsertSeconds),
    peakRssMiB: f.e2ePeakRssMiB,
    load,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function reportRun(label: string, f: RunFigures, r: Rates): void {
  console.log(`\n${label}: ${fmt(f.published)} records published, ${fmt(f.e2eStored)} stored (load average ${r.load})`);
  console.log(`  end to end (local host, SQLite)   ${fmt(r.e2e).padStart(9)} events/s   peak RSS ${r.peakRssMiB.toFixed(0)} MiB`);
  console.log(`  limit: raw fetch (client only)    ${fmt(r.fetch).padStart(9)} events/s   ratio ${(r.e2e / r.fetch).toFixed(2)}`);
  console.log(`  limit: raw insert, real schema    ${fmt(r.insert).padStart(9)} events/s   ratio ${(r.e2e / r.insert).toFixed(2)}   (large transactions, every index)`);
  console.log(`  reference: 4-column floor         ${fmt(r.floor).padStart(9)} events/s   ratio ${(r.e2e / r.floor).toFixed(2)}`);
  console.log(`  ${formatCpuSplit(f.cpu)}`);
  console.log(`  limit: min(fetch, insert)         ${fmt(Math.min(r.fetch, r.insert)).padStart(9)} events/s   ratio ${(r.e2e / Math.min(r.fetch, r.insert)).toFixed(2)}`);
}

/** Medians over the runs of one backlog; ratios are the median of each run's own ratio (one run's limits beside its own end-to-end figure). */
function reportMedians(label: string, runs: readonly Rates[]): void {
  const m = (pick: (r: Rates) => number) => median(runs.map(pick));
  console.log(`\n${label}, medians of ${runs.length} run(s) (load averages ${runs.map((r) => r.load).join(' / ')}):`);
  console.log(`  end to end ${fmt(m((r) => r.e2e))} events/s, raw fetch ${fmt(m((r) => r.fetch))}, raw insert (real schema) ${fmt(m((r) => r.insert))}, 4-column floor ${fmt(m((r) => r.floor))}`);
  console.log(`  end to end / raw insert, real schema: ${m((r) => r.e2e / r.insert).toFixed(2)} (goal >= 0.70); / min(fetch, insert): ${m((r) => r.e2e / Math.min(r.fetch, r.insert)).toFixed(2)}; peak RSS ${m((r) => r.peakRssMiB).toFixed(0)} MiB`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { records: { type: 'string', default: '1000000' }, 'small-days': { type: 'string', default: '2' }, runs: { type: 'string', default: '1' } },
  });
  const records = Number(values.records);
  const smallDays = Number(values['small-days']);
  const runs = Number(values.runs);
  if (!Number.isInteger(records) || records <= 0 || !Number.isInteger(smallDays) || smallDays < 1 || smallDays >= DAYS || !Number.isInteger(runs) || runs < 1) {
    throw new TypeError(`--records must be a positive whole number, --small-days a whole number from 1 to ${DAYS - 1} and --runs a whole number >= 1 (3 for medians)`);
  }
  const recordsPerHour = Math.ceil(records / (DAYS * 24));
  console.log(`auditflow end-to-end benchmark: ${recordsPerHour.toLocaleString('en-US')} records/h over ${smallDays} and ${DAYS} days, rate budget ${RATE_LIMIT}/min, ${runs} run(s) of each backlog; ${availableParallelism()} cores, load average ${loadavg()}`);
  const small: Rates[] = [];
  const large: Rates[] = [];
  const published = { small: 0, large: 0 };
  for (let i = 0; i < runs; i++) {
    // Alternating the backlogs: a change in the machine's load hits both alike.
    for (const [days, into, key] of [[smallDays, small, 'small'], [DAYS, large, 'large']] as const) {
      const f = await run(recordsPerHour, days);
      const r = ratesOf(f, loadavg());
      reportRun(`${days}-day backlog, run ${i + 1} of ${runs}`, f, r);
      into.push(r);
      published[key] = f.published;
    }
  }
  reportMedians(`${smallDays}-day backlog`, small);
  reportMedians(`${DAYS}-day backlog`, large);
  const rssSmall = median(small.map((r) => r.peakRssMiB));
  const rssLarge = median(large.map((r) => r.peakRssMiB));
  console.log(`\npeak RSS of the host (medians): ${rssSmall.toFixed(0)} MiB for ${fmt(published.small)} records, ${rssLarge.toFixed(0)} MiB for ${fmt(published.large)} (x${(rssLarge / rssSmall).toFixed(2)} for x${(published.large / published.small).toFixed(1)} the backlog; goal <= x1.20)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
