// Draws an entity graph with sigma (WebGL) over graphology: node size = count, edge label =
// operation (or the relation), node label = kind and name (so the kind never rests on colour),
// a short ForceAtlas2 run from ring positions (fewer iterations the bigger the graph, so the first
// frame stays fast), and highlight of a finding's evidence through the reducers.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import Sigma from 'sigma';
import { nodeSize, ringPositions } from './graph-model';
import type { EntityGraph } from './graph-types';

/** Graphic colours, each at least 3:1 against white (WCAG non-text contrast). */
export const KIND_COLORS: Readonly<Record<string, string>> = {
  user: '#0b5394',
  ip: '#a14800',
  app: '#6a3d9a',
  object: '#2f6b2f',
  site: '#00696b',
  mailbox: '#8a2b5c',
  operation: '#555555',
  role: '#9b1c1c',
  'sensitive-type': '#b0005a',
  policy: '#5c4b00',
  domain: '#3d5a80',
  team: '#44546a',
};
const HIGHLIGHT = '#d40000';
const FADED = '#c8c8c8';

export interface GraphRendererOptions {
  readonly center?: string;
  readonly onNodeClick?: (id: string) => void;
  /** Layout iterations; default by size. */
  readonly iterations?: number;
  /**
   * Graphs above this many nodes are drawn at once from ring positions and laid out by
   * ForceAtlas2 in a web worker for `workerBudgetMs` (the first frame does not wait for the
   * layout); smaller ones are laid out before the first frame. Default 300.
   */
  readonly syncLayoutMaxNodes?: number;
  readonly workerBudgetMs?: number;
  /** Called when the worker layout stopped (benchmark). */
  readonly onLayoutDone?: () => void;
}

export interface GraphRenderer {
  readonly sigma: Sigma;
  readonly graph: Graph;
  setHighlight(nodes: ReadonlySet<string>, edges: ReadonlySet<string>): void;
  setSelected(id: string | undefined): void;
  destroy(): void;
}

/** ForceAtlas2 iterations from ring positions: fewer the bigger the graph (see the bench). */
export function layoutIterations(nodes: number): number {
  if (nodes <= 200) return 150;
  if (nodes <= 1000) return 40;
  if (nodes <= 3000) return 15;
  return 4;
}

export function buildGraphology(data: EntityGraph, center: string | undefined, iterations?: number, layout = true): Graph {
  const graph = new Graph({ multi: true, type: 'directed', allowSelfLoops: true });
  const max = data.nodes.reduce((m, n) => Math.max(m, n.count), 1);
  const positions = ringPositions(data, center);
  for (const n of data.nodes) {
    const p = positions.get(n.id) ?? { x: 0, y: 0 };
    const flags = [n.flags?.external ? 'external' : '', n.flags?.guest ? 'guest' : '', n.flags?.watched ? 'watched' : ''].filter(Boolean).join(', ');
    graph.addNode(n.id, {
      x: p.x,
      y: p.y,
      size: nodeSize(n.count, max),
      label: `${n.kind}: ${n.label}${flags ? ` (${flags})` : ''} ×${n.count}`,
      color: KIND_COLORS[n.kind] ?? '#333333',
      kind: n.kind,
    });
  }
  for (const e of data.edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target) || graph.hasEdge(e.id)) continue;
    graph.addEdgeWithKey(e.id, e.source, e.target, {
      label: `${e.operation ?? e.kind}${e.count > 1 ? ` ×${e.count}` : ''}`,
      size: 1 + Math.min(4, Math.log2(e.count)),
      color: '#7a7a7a',
    });
  }
  const n = graph.order;
  if (layout && n > 1) {
    forceAtlas2.assign(graph, {
      iterations: iterations ?? layoutIterations(n),
      settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: n > 500, adjustSizes: false },
    });
  }
  return graph;
}

export function renderGraph(container: HTMLElement, data: EntityGraph, options: GraphRendererOptions = {}): GraphRenderer {
  const inWorker = data.nodes.length > (options.syncLayoutMaxNodes ?? 300);
  const graph = buildGraphology(data, options.center, options.iterations, !inWorker);
  let highlightNodes: ReadonlySet<string> = new Set();
  let highlightEdges: ReadonlySet<string> = new Set();
  let selected: string | undefined;
  const large = graph.order > 1500;
  const sigma = new Sigma(graph, container, {
    renderEdgeLabels: !large,
    defaultEdgeType: 'arrow',
    labelRenderedSizeThreshold: large ? 12 : 6,
    labelFont: 'system-ui, DejaVu Sans, sans-serif',
    edgeLabelFont: 'system-ui, DejaVu Sans, sans-serif',
    labelColor: { color: '#1a1a1a' },
    edgeLabelColor: { color: '#333333' },
    hideEdgesOnMove: large,
    hideLabelsOnMove: graph.order > 300,
    zIndex: true,
    nodeReducer: (node, attrs) => {
      const lit = highlightNodes.size === 0 || highlightNodes.has(node);
      return {
        ...attrs,
        color: lit ? (highlightNodes.has(node) ? HIGHLIGHT : attrs.color) : FADED,
        highlighted: node === selected || highlightNodes.has(node),
        zIndex: lit ? 1 : 0,
        ...(highlightNodes.has(node) ? { label: `★ ${attrs.label}` } : {}),
      };
    },
    edgeReducer: (edge, attrs) => {
      if (highlightEdges.size === 0) return attrs;
      const lit = highlightEdges.has(edge);
      return { ...attrs, color: lit ? HIGHLIGHT : FADED, size: lit ? 4 : 1, zIndex: lit ? 1 : 0, ...(lit ? { label: `★ ${attrs.label}`, forceLabel: true } : {}) };
    },
  });
  if (options.onNodeClick) sigma.on('clickNode', ({ node }) => options.onNodeClick!(node));
  let worker: FA2LayoutSupervisor | undefined;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;
  if (inWorker && graph.order > 1) {
    worker = new FA2LayoutSupervisor(graph, { settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: true } });
    worker.start();
    stopTimer = setTimeout(() => {
      worker?.stop();
      options.onLayoutDone?.();
    }, options.workerBudgetMs ?? Math.min(8000, 1500 + graph.order / 2));
  }
  return {
    sigma,
    graph,
    setHighlight(nodes, edges) {
      highlightNodes = nodes;
      highlightEdges = edges;
      sigma.refresh();
    },
    setSelected(id) {
      selected = id;
      sigma.refresh();
    },
    destroy() {
      if (stopTimer) clearTimeout(stopTimer);
      worker?.kill();
      sigma.kill();
    },
  };
}
