// Runs in the browser (bundled by tools/console-e2e/bench/graph-render.ts): a synthetic entity
// graph of N nodes drawn with the console's own renderer, timed to its first frame and to the end
// of its worker layout; then its frames idle and while the camera pans (each frame moves it), with
// the time sigma spends rendering each frame.
import { renderGraph, type GraphRenderer } from '../src/graph/render-graph';
import type { EntityGraph, EntityKind, GraphEdge, GraphNode } from '../src/graph/graph-types';

const KINDS: readonly EntityKind[] = ['user', 'ip', 'object', 'operation', 'site', 'app'];
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

/** Frame intervals over `count` animation frames; `each` runs before every frame (a camera move). */
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

let current: GraphRenderer | undefined;

/**
 * Frames of the drawn graph: idle (nothing moves: the floor for this page), or dragged the way a
 * user pans, by mouse events dispatched in the page each frame (sigma's own mouse captor moves
 * the camera and, above 1,500 nodes, hides edges while moving, as for a real drag; in-page events
 * have no round trip through the test driver to wait for).
 */
async function graphFrames(count: number, pan: boolean): Promise<{ intervals: number[]; renders: number[] }> {
  const renderer = current;
  if (!renderer) throw new Error('draw a graph first (graph(n))');
  const renders: number[] = [];
  let started = 0;
  const before = () => (started = performance.now());
  const after = () => renders.push(performance.now() - started);
  renderer.sigma.on('beforeRender', before);
  renderer.sigma.on('afterRender', after);
  const container = renderer.sigma.getContainer();
  const box = container.getBoundingClientRect();
  const [cx, cy] = [box.left + box.width / 2, box.top + box.height / 2];
  const mouse = (type: string, target: EventTarget, i: number) => {
    const angle = (2 * Math.PI * i) / count;
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0, buttons: type === 'mouseup' ? 0 : 1, clientX: cx + 200 * Math.sin(angle), clientY: cy + 150 * (1 - Math.cos(angle)) }));
  };
  if (pan) mouse('mousedown', container.lastElementChild ?? container, 0);
  const intervals = await frameIntervals(count, pan ? (i) => mouse('mousemove', document, i + 1) : undefined);
  if (pan) mouse('mouseup', document, count);
  renderer.sigma.off('beforeRender', before);
  renderer.sigma.off('afterRender', after);
  return { intervals, renders };
}

/** What the runner (tools/console-e2e/bench/graph-render.ts) calls, by name, on window.auditflowBench. */
const bench = {
  /** Frame intervals of an empty page: nothing draws faster on this machine right now. */
  frameFloor: () => frameIntervals(120),
  /** A fixed amount of plain JS work (10M multiply-adds): how fast this machine is right now. */
  cpu: () => {
    const t0 = performance.now();
    let x = 0;
    for (let i = 0; i < 10_000_000; i++) x = (x * 1.000001 + i) % 1_000_003;
    const elapsed = performance.now() - t0;
    return x < 0 ? -1 : elapsed;
  },
  graph: async (n: number) => {
    current?.destroy();
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
  },
  idleFrames: (count: number) => graphFrames(count, false),
  panFrames: (count: number) => graphFrames(count, true),
  close: () => {
    current?.destroy();
    current = undefined;
  },
};

(window as unknown as { auditflowBench: typeof bench }).auditflowBench = bench;
