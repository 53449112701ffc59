// Prints the durable engine's fan-out figures through the local host: how long fan-outs of N
// activities take and how many orchestrator episodes they needed. The replay cost per blob of a
// window is bench/window-replay.ts (npm run bench runs both).
import { runInstance } from './run-instance';

async function main(): Promise<void> {
  // fanOut: instant activities; slowFanOut: 20 ms each, so completions trickle in (10 at a time)
  const fanOuts = [100, 1000, 3000, 10000].map((n) => ({ orchestrator: 'fanOut', n })).concat([{ orchestrator: 'slowFanOut', n: 3000 }]);
  for (const { orchestrator, n } of fanOuts) {
    const r = await runInstance(orchestrator, `bench-${n}`, { n }, { SAMPLE_SLOW_MS: '20' });
    console.log(`${orchestrator.padEnd(10)} ${String(n).padStart(6)} activities: ${r.seconds.toFixed(2)} s, ${r.episodes} orchestrator episodes, ${Math.round(n / r.seconds)} activities/s`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
