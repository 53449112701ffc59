// Replay cost per blob of one collection window at 100, 1,000 and 5,000 blobs (issue 13), in the
// sample app's two shapes of the app's window (pages of 100 blob refs, 8 blobs per storeBatch,
// all batches of a page at once, 2 ms per blob as a stand-in for fetch + insert, so completions
// trickle in as in the app):
// - split: the app's shape since issue 13, one window sub-orchestration that continues as new
//   once its activities reach 16 (BENCH_ACTIVITIES_PER_EXECUTION; the app's WINDOW_ACTIVITIES_PER_EXECUTION in
//   apps/ingest-func/src/collect/window-orchestrator.ts);
// - flat: the shape before, the whole page loop in one history (for reference).
// Engine time = the episodes' own time (history load, replay in the SDK, commit) over the parent
// and its children. Medians of 3 runs for split (BENCH_RUNS), BENCH_FLAT_RUNS (default 1) for
// flat, whose 5,000-blob run takes over a minute. Beside them, the floor measured in the same run:
// the engine's time per activity of an instant 1,000-activity fan-out (2 episodes, so no replay
// growth), times the activities per blob. Run: npm run bench (or npm run bench:replay).
import { readFileSync } from 'node:fs';
import { median, runInstance, type Run } from './run-instance';

const SIZES = [100, 1000, 5000];
const PAGE = 100;
const BATCH = 8;
const ACTIVITIES_PER_EXECUTION = Number(process.env.BENCH_ACTIVITIES_PER_EXECUTION ?? 16);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FLAT_RUNS = Number(process.env.BENCH_FLAT_RUNS ?? 1);
const ENV = { SAMPLE_STORE_MS_PER_BLOB: '2', SAMPLE_LIST_MS: '5' };

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function window(shape: 'split' | 'flat', blobs: number, run: number): Promise<Run> {
  const input = { blobs, pageSize: PAGE, batchSize: BATCH, activitiesPerExecution: ACTIVITIES_PER_EXECUTION };
  const r = await runInstance(shape === 'split' ? 'windowSplit' : 'windowShaped', `${shape}-${blobs}-${run}`, input, ENV);
  const stored = (r.output as { stored?: number } | null)?.stored;
  if (stored !== blobs) throw new Error(`${shape} ${blobs}: stored ${String(stored)}, not ${blobs}`);
  return r;
}

const perBlob = (r: Run, blobs: number) => r.engineMs / blobs;

async function main(): Promise<void> {
  console.log(`load average at start: ${loadavg()} (2 cores shared: read the ratios, not the absolute times)`);
  const floors: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await runInstance('fanOut', `floor-${i}`, { n: 1000 }, {});
    floors.push(r.engineMs / 1000);
  }
  const activitiesPerBlob = 1 / BATCH + 1 / PAGE;
  const floor = median(floors) * activitiesPerBlob;
  console.log(`floor: instant 1000-activity fan-out, engine ${median(floors).toFixed(4)} ms/activity = ${floor.toFixed(3)} ms/blob at ${activitiesPerBlob.toFixed(3)} activities/blob (median of ${RUNS})`);

  const results: Record<'split' | 'flat', Map<number, number>> = { split: new Map(), flat: new Map() };
  for (const [shape, runs] of [['split', RUNS], ['flat', FLAT_RUNS]] as const) {
    if (runs < 1) continue;
    console.log(`${shape === 'split' ? `split (window sub-orchestration, continueAsNew after the page reaching ${ACTIVITIES_PER_EXECUTION} activities)` : 'flat (the whole window in one history, the shape before issue 13)'}:`);
    for (const blobs of SIZES) {
      const rs: Run[] = [];
      for (let i = 0; i < runs; i++) rs.push(await window(shape, blobs, i));
      const costs = rs.map((r) => perBlob(r, blobs));
      const m = median(costs);
      const mid = rs[costs.indexOf([...costs].sort((a, b) => a - b)[Math.floor(costs.length / 2)]!)]!;
      results[shape].set(blobs, m);
      console.log(
        `  ${String(blobs).padStart(5)} blobs/window: engine ${m.toFixed(3)} ms/blob (runs ${costs.map((c) => c.toFixed(3)).join(', ')}; floor ${floor.toFixed(3)}), ` +
          `${mid.episodes} episodes, largest replay ${mid.largestReplay} events, ${(mid.eventsReplayed / blobs).toFixed(1)} events replayed/blob, ${mid.seconds.toFixed(2)} s wall`,
      );
    }
    const ratio = results[shape].get(5000)! / results[shape].get(100)!;
    console.log(`  ratio 5000/100: ${ratio.toFixed(2)}${shape === 'split' ? ' (goal: at most 2)' : ''}`);
  }
  console.log(`load average at end: ${loadavg()}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
