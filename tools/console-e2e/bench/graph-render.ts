// Benchmark: time to the first rendered frame of 500, 2,000 and 10,000-node entity graphs with the
// console's renderer (sigma + graphology; ring positions first, ForceAtlas2 in a web worker for
// graphs above 300 nodes) in headless chromium, and the frame time while panning (a mouse drag,
// one move per frame, after the layout settled), printed beside, from the same run: the idle
// frame time of the same page (the graph drawn, nothing moving), the same drag over a 1-node
// graph (what any drawing frame costs here: with no GPU, chromium rasterizes WebGL in software
// on the shared cores) and the time sigma itself spends per frame. No assertion: a verdict line
// says whether 2,000 nodes pan within the budget. `npx nx run console-e2e:bench` (or `npm run bench`).
import { build } from 'esbuild';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../src/browser';

/** 1 node: what a drawing frame costs on this machine now, whatever the graph (the floor for panning). */
const SIZES = [1, 500, 2_000, 10_000];
const FRAMES = 120;
/** A frame budget for "usable" while panning: 20 frames a second. */
const USABLE_FRAME_MS = 50;
const here = resolve(__dirname);

interface Drawn { nodes: number; edges: number; layoutMs: number; firstRenderMs: number; layoutSettledMs: number }
interface Frames { intervals: number[]; renders: number[] }

/** Calls window.auditflowBench[name] (apps/console/bench/bench-page.ts) in the page. */
function call<T>(page: Page, name: string, arg?: number): Promise<T> {
  return page.evaluate(([n, a]) => (window as unknown as { auditflowBench: Record<string, (x?: number) => unknown> }).auditflowBench[n as string]!(a as number | undefined), [name, arg] as const) as Promise<T>;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? Number.NaN };
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
    const floor = stats(await call<number[]>(page, 'frameFloor'));
    const cpu = await call<number>(page, 'cpu');
    console.log(`graph render benchmark (headless chromium ${browser.version()}, viewport 1280x800, canvas 1000x700, ${FRAMES} frames each)`);
    console.log(`  empty page frame interval: p50 ${ms(floor.p50)}, p95 ${ms(floor.p95)}`);
    console.log(`  machine right now: 10M plain JS multiply-adds in ${ms(cpu)}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
    let verdict = '';
    let floorPan = stats([Number.NaN]);
    for (const n of SIZES) {
      const r = await call<Drawn>(page, 'graph', n);
      const idle = await call<Frames>(page, 'idleFrames', FRAMES);
      const pan = await call<Frames>(page, 'panFrames', FRAMES);
      const idleF = stats(idle.intervals);
      const panF = stats(pan.intervals);
      const render = stats(pan.renders.length > 0 ? pan.renders : [Number.NaN]);
      console.log(
        `  ${String(r.nodes).padStart(6)} nodes ${String(r.edges).padStart(6)} edges: first render ${ms(r.firstRenderMs)} (graph build ${ms(r.layoutMs)}), layout settled ${ms(r.layoutSettledMs)}\n` +
          `         panning frames p50 ${ms(panF.p50)}, p95 ${ms(panF.p95)}, max ${ms(panF.max)} | idle frames of the same page p50 ${ms(idleF.p50)}, p95 ${ms(idleF.p95)} | ` +
          `sigma render per frame p50 ${ms(render.p50)}, p95 ${ms(render.p95)} (${pan.renders.length} renders)`,
      );
      if (n === 1) floorPan = panF;
      if (n === 2_000) {
        const usable = panF.p95 < USABLE_FRAME_MS;
        const own = panF.p50 - floorPan.p50;
        verdict =
          `  verdict: 2,000 nodes ${usable ? 'ARE' : 'are NOT'} usable while panning on this machine now (p95 frame ${ms(panF.p95)} ${usable ? '<' : '>='} ${USABLE_FRAME_MS} ms); ` +
          `over the 1-node drag (p50 ${ms(floorPan.p50)}) the graph adds ${ms(own)} per frame at the median${own < USABLE_FRAME_MS ? `, within the budget: the rest is this machine's software rendering and load` : ''}; sigma's own render p95 ${ms(render.p95)}`;
      }
    }
    await call<void>(page, 'close');
    console.log(verdict);
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
