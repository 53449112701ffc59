// Prints the durable engine's figures through the local host (real sockets, SQLite on a temp
// dir): how long fan-outs of N activities take and how many orchestrator episodes they needed,
// then the replay cost per blob of a window shaped like the app's content-type run (pages of
// blob refs, stored 8 per activity, 8 activities at a time) at 100, 1,000 and 5,000 blobs.
// Run: npm run bench
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalHost } from '../src/index';

const app = path.resolve(__dirname, '../test/fixtures/sample-app');

interface Run {
  seconds: number;
  episodes: number;
  engineMs: number;
  eventsReplayed: number;
}

async function run(orchestrator: string, id: string, input: unknown, env: Record<string, string>): Promise<Run> {
  const dir = mkdtempSync(path.join(tmpdir(), 'local-host-bench-'));
  const r: Run = { seconds: 0, episodes: 0, engineMs: 0, eventsReplayed: 0 };
  const host = await startLocalHost({
    appDir: app,
    port: 0,
    dbPath: path.join(dir, 'durable.db'),
    env: { SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *', ...env },
    log: (_level, message, fields) => {
      if (message !== 'episode' || fields?.instanceId !== id) return;
      r.episodes++;
      r.engineMs += Number(fields.ms ?? 0);
      r.eventsReplayed += Number(fields.historyEvents ?? 0);
    },
  });
  const base = `${host.url}/runtime/webhooks/durabletask`;
  const started = performance.now();
  await fetch(`${base}/orchestrators/${orchestrator}/${id}?code=${host.systemKey}`, { method: 'POST', body: JSON.stringify(input) });
  for (;;) {
    const res = await fetch(`${base}/instances/${id}?code=${host.systemKey}`);
    if (res.status === 200) break;
    if (res.status === 400) throw new Error(await res.text());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  r.seconds = (performance.now() - started) / 1000;
  await host.stop();
  return r;
}

async function main(): Promise<void> {
  // fanOut: instant activities; slowFanOut: 20 ms each, so completions trickle in (10 at a time)
  const fanOuts = [100, 1000, 3000, 10000].map((n) => ({ orchestrator: 'fanOut', n })).concat([{ orchestrator: 'slowFanOut', n: 3000 }]);
  for (const { orchestrator, n } of fanOuts) {
    const r = await run(orchestrator, `bench-${n}`, { n }, { SAMPLE_SLOW_MS: '20' });
    console.log(`${orchestrator.padEnd(10)} ${String(n).padStart(6)} activities: ${r.seconds.toFixed(2)} s, ${r.episodes} orchestrator episodes, ${Math.round(n / r.seconds)} activities/s`);
  }
  // Engine time = the episodes' own time (load history, replay in the SDK, commit); the activities
  // sleep 2 ms per blob (a stand-in for fetch + insert) so completions trickle in as in the app.
  console.log('window-shaped run (pages of 100 blob refs, 8 blobs per storeBatch, maxConcurrentActivityFunctions 10):');
  for (const blobs of [100, 1000, 5000]) {
    const r = await run('windowShaped', `window-${blobs}`, { blobs, pageSize: 100, batchSize: 8 }, { SAMPLE_STORE_MS_PER_BLOB: '2', SAMPLE_LIST_MS: '5' });
    console.log(
      `  ${String(blobs).padStart(5)} blobs/window: ${r.seconds.toFixed(2)} s wall, ${r.episodes} episodes, engine ${(r.engineMs / blobs).toFixed(3)} ms/blob, ` +
        `${Math.round(r.eventsReplayed / blobs)} history events replayed/blob (${r.eventsReplayed} in all)`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
