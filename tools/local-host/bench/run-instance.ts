// Runs one orchestration of the sample app on a fresh local host (real sockets, SQLite in a temp
// dir) and sums the engine's own time over its episodes and those of its sub-orchestrations
// (instance ids `${id}:...`): history load, replay in the SDK and commit, as logged per episode.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalHost } from '../src/index';

const app = path.resolve(__dirname, '../test/fixtures/sample-app');

export interface Run {
  seconds: number;
  episodes: number;
  engineMs: number;
  eventsReplayed: number;
  /** The most history events one episode replayed. */
  largestReplay: number;
  output: unknown;
}

export async function runInstance(orchestrator: string, id: string, input: unknown, env: Record<string, string>): Promise<Run> {
  const dir = mkdtempSync(path.join(tmpdir(), 'local-host-bench-'));
  const r: Run = { seconds: 0, episodes: 0, engineMs: 0, eventsReplayed: 0, largestReplay: 0, output: undefined };
  const ours = (instanceId: unknown) => instanceId === id || (typeof instanceId === 'string' && instanceId.startsWith(`${id}:`));
  const host = await startLocalHost({
    appDir: app,
    port: 0,
    dbPath: path.join(dir, 'durable.db'),
    env: { SAMPLE_TICK_SCHEDULE: '0 0 0 1 1 *', ...env },
    log: (_level, message, fields) => {
      if (message !== 'episode' || !ours(fields?.instanceId)) return;
      const replayed = Number(fields?.historyEvents ?? 0);
      r.episodes++;
      r.engineMs += Number(fields?.ms ?? 0);
      r.eventsReplayed += replayed;
      r.largestReplay = Math.max(r.largestReplay, replayed);
    },
  });
  try {
    const base = `${host.url}/runtime/webhooks/durabletask`;
    const started = performance.now();
    await fetch(`${base}/orchestrators/${orchestrator}/${id}?code=${host.systemKey}`, { method: 'POST', body: JSON.stringify(input) });
    for (;;) {
      const res = await fetch(`${base}/instances/${id}?code=${host.systemKey}`);
      if (res.status === 200) {
        r.output = ((await res.json()) as { output: unknown }).output;
        break;
      }
      if (res.status === 400) throw new Error(await res.text());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    r.seconds = (performance.now() - started) / 1000;
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return r;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
