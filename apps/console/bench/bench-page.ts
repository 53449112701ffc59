// Runs in the browser (bundled by tools/console-e2e/bench/graph-render.ts): a synthetic entity graph of N nodes drawn
// with the console's own renderer, timed to its first frame and to the end of its worker layout;
// the harness then drags it with the mouse and records the frame intervals.
import { renderGraph } from '../src/graph/render-graph';
import type { EntityGraph, GraphEdge, GraphNode } from '../src/graph/graph-types';

const KINDS = ['user', 'ip', 'object', 'operation', 'site', 'app'];
const OPS = ['FileDownloaded', 'UserLoggedIn', 'MailItemsAccessed', 'New-InboxRule', 'FileAccessed', 'Set-Mailbox'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function syntheticGraph(n: number): EntityGraph {
  const r = rng(n);
  const t = '2026-11-30T00:00:00.000Z';
  const nodes: GraphNode[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i === 0 ? 'user' : KINDS[Math.floor(r() * KINDS.length)]!;
    nodes.push({ id: `${kind}:n${i}`, kind, label: `n${i}@contoso.com`, count: 1 + Math.floor(r() ** 3 * 500), firstSeen: t, lastSeen: t });
  }
  const edges: GraphEdge[] = [];
  for (let i = 1; i < n; i++) {
    // a tree to the centre's neighbourhood plus random cross links: ~1.5 edges per node
    const parent = nodes[Math.floor(r() * Math.min(i, 1 + i / 4))]!;
    const links = [...new Set(r() < 0.5 ? [parent] : [parent, nodes[Math.floor(r() * i)]!])];
    for (const other of links) {
      const op = OPS[Math.floor(r() * OPS.length)]!;
      edges.push({ id: `acted-on|${other.id}|${nodes[i]!.id}|${op}`, source: other.id, target: nodes[i]!.id, kind: 'acted-on', operation: op, count: 1 + Math.floor(r() * 20), firstSeen: t, lastSeen: t, evidence: { ids: [], total: 1 } });
    }
  }
  return { nodes, edges, truncated: { nodes: 0, edges: 0 } };
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

async function frameIntervals(count: number, each?: (i: number) => void): Promise<number[]> {
  const out: number[] = [];
  let last = await frame();
  for (let i = 0; i < count; i++) {
    each?.(i);
    const now = await frame();
    out.push(now - last);
    last = now;
  }
  return out;
}

declare global {
  interface Window {
    benchFrameFloor(): Promise<number[]>;
    benchCpu(): number;
    benchGraph(n: number): Promise<{ nodes: number; edges: number; layoutMs: number; firstRenderMs: number; layoutSettledMs: number }>;
    benchStartFrames(): void;
    benchStopFrames(): number[];
    benchClose(): void;
  }
}

window.benchFrameFloor = () => frameIntervals(120);

/** A fixed amount of plain JS work (10M multiply-adds): how fast this machine is right now. */
window.benchCpu = () => {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 10_000_000; i++) x = (x * 1.000001 + i) % 1_000_003;
  const elapsed = performance.now() - t0;
  return x < 0 ? -1 : elapsed;
};

let recording: { last: number; out: number[]; on: boolean } | undefined;
window.benchStartFrames = () => {
  recording = { last: performance.now(), out: [], on: true };
  const tick = (now: number) => {
    if (!recording?.on) return;
    recording.out.push(now - recording.last);
    recording.last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};
window.benchStopFrames = () => {
  const out = recording?.out ?? [];
  if (recording) recording.on = false;
  return out.slice(1);
};
let current: { destroy(): void } | undefined;
window.benchClose = () => current?.destroy();

window.benchGraph = async (n: number) => {
  const container = document.getElementById('graph')!;
  container.innerHTML = '';
  const data = syntheticGraph(n);
  const t0 = performance.now();
  let settled: (ms: number) => void = () => undefined;
  const layoutDone = new Promise<number>((resolve) => (settled = resolve));
  const renderer = renderGraph(container, data, { center: data.nodes[0]!.id, onLayoutDone: () => settled(performance.now() - t0) });
  const tBuilt = performance.now();
  await frame();
  await frame();
  const firstRenderMs = performance.now() - t0;
  const layoutSettledMs = renderer.graph.order > 300 ? await layoutDone : firstRenderMs;
  current = renderer;
  return { nodes: renderer.graph.order, edges: renderer.graph.size, layoutMs: tBuilt - t0, firstRenderMs, layoutSettledMs };
};
