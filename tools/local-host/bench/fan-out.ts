// Prints how long fan-outs of N activities take through the local host (real sockets, SQLite on
// a temp dir) and how many orchestrator episodes they needed. Run: npm run bench
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalHost } from '../src/index';

const app = path.resolve(__dirname, '../test/fixtures/sample-app');

async function main(): Promise<void> {
  // fanOut: instant activities; slowFanOut: 20 ms each, so completions trickle in (10 at a time)
  const runs = [100, 1000, 3000, 10000].map((n) => ({ orchestrator: 'fanOut', n })).concat([{ orchestrator: 'slowFanOut', n: 3000 }]);
  for (const { orchestrator, n } of runs) {
    const dir = mkdtempSync(path.join(tmpdir(), 'local-host-bench-'));
    let episodes = 0;
    const host = await startLocalHost({
      appDir: app,
      port: 0,
      dbPath: path.join(dir, 'durable.db'),
      env: { SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *', SAMPLE_SLOW_MS: '20' },
      log: (_level, message) => {
        if (message === 'episode') episodes++;
      },
    });
    const base = `${host.url}/runtime/webhooks/durabletask`;
    const started = performance.now();
    await fetch(`${base}/orchestrators/${orchestrator}/bench-${n}?code=${host.systemKey}`, { method: 'POST', body: JSON.stringify({ n }) });
    for (;;) {
      const r = await fetch(`${base}/instances/bench-${n}?code=${host.systemKey}`);
      if (r.status === 200) break;
      if (r.status === 400) throw new Error(await r.text());
      await new Promise((res) => setTimeout(res, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`${orchestrator.padEnd(10)} ${String(n).padStart(6)} activities: ${seconds.toFixed(2)} s, ${episodes} orchestrator episodes, ${Math.round(n / seconds)} activities/s`);
    await host.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
