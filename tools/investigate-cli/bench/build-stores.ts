// Builds (or finds) the cached stores of the benchmark without measuring: `npm run bench:stores`.
import { cachedStore } from './bench-store';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);

async function main(): Promise<void> {
  for (const size of SIZES) await cachedStore(size, (l) => console.log(l));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
