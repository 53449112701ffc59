// Benchmark: time to the first rendered frame of 500, 2,000 and 10,000-node entity graphs with the
// console's renderer (sigma + graphology; ring positions first, ForceAtlas2 in a web worker for
// graphs above 300 nodes) in headless chromium,
// and frame times while panning. Printed beside the frame floor measured in the same run: the
// interval between two animation frames on an empty page (nothing draws faster). No assertion.
// `npx nx run console-e2e:bench` (or `npm run bench`).
import { build } from 'esbuild';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '../src/browser';

const SIZES = [500, 2_000, 10_000];

/** What apps/console/bench/bench-page.ts puts on window. */
interface BenchWindow {
  benchFrameFloor(): Promise<number[]>;
  benchCpu(): number;
  benchGraph(n: number): Promise<{ nodes: number; edges: number; layoutMs: number; firstRenderMs: number; layoutSettledMs: number }>;
  benchStartFrames(): void;
  benchStopFrames(): number[];
  benchClose(): void;
}
const here = resolve(__dirname);

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  const bundle = await build({
    entryPoints: [join(here, '../../../apps/console/bench/bench-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><style>body{margin:0}#graph{width:1000px;height:700px}</style><div id="graph"></div>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const floor = stats(await page.evaluate(() => (window as unknown as BenchWindow).benchFrameFloor()));
    const cpu = await page.evaluate(() => (window as unknown as BenchWindow).benchCpu());
    console.log(`graph render benchmark (headless chromium ${browser.version()}, viewport 1280x800, canvas 1000x700)`);
    console.log(`  frame floor (empty page, requestAnimationFrame interval): p50 ${ms(floor.p50)}, p95 ${ms(floor.p95)}`);
    console.log(`  machine right now: 10M plain JS multiply-adds in ${ms(cpu)} (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
    for (const n of SIZES) {
      const r = await page.evaluate((size) => (window as unknown as BenchWindow).benchGraph(size), n);
      // a real drag with the mouse (sigma hides labels, and for big graphs edges, while moving)
      await page.mouse.move(500, 350);
      await page.mouse.down();
      await page.evaluate(() => (window as unknown as BenchWindow).benchStartFrames());
      for (let i = 0; i < 60; i++) await page.mouse.move(500 + 200 * Math.sin(i / 8), 350 + 150 * Math.cos(i / 8));
      const frames = await page.evaluate(() => (window as unknown as BenchWindow).benchStopFrames());
      await page.mouse.up();
      await page.evaluate(() => (window as unknown as BenchWindow).benchClose());
      const pan = stats(frames.length > 0 ? frames : [Number.NaN]);
      console.log(
        `  ${String(r.nodes).padStart(6)} nodes ${String(r.edges).padStart(6)} edges: first render ${ms(r.firstRenderMs)} (graph build ${ms(r.layoutMs)}), layout settled ${ms(r.layoutSettledMs)}; ` +
          `pan frames p50 ${ms(pan.p50)}, p95 ${ms(pan.p95)}, max ${ms(pan.max)} (${(pan.p50 / floor.p50).toFixed(2)}x the floor)`,
      );
    }
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
