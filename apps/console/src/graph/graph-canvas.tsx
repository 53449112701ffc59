// The sigma canvas as a Preact component. The canvas is for the eyes; the node list beside it
// (entity pane) gives keyboard users the same select/expand actions.
import { useEffect, useRef } from 'preact/hooks';
import { renderGraph, type GraphRenderer } from './render-graph';
import type { EntityGraph } from './graph-types';

export function GraphCanvas(props: { graph: EntityGraph; center?: string; selected?: string; highlight: { nodes: Set<string>; edges: Set<string> }; onNodeClick: (id: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const renderer = useRef<GraphRenderer | undefined>(undefined);
  const click = useRef(props.onNodeClick);
  click.current = props.onNodeClick;
  useEffect(() => {
    if (!container.current || props.graph.nodes.length === 0) return;
    const r = renderGraph(container.current, props.graph, { ...(props.center ? { center: props.center } : {}), onNodeClick: (id) => click.current(id) });
    renderer.current = r;
    container.current.dataset.rendered = String(props.graph.nodes.length);
    // Where a node is drawn, in page pixels: lets the browser tests click a node on the canvas.
    const box = container.current;
    (window as unknown as { auditflowGraph?: unknown }).auditflowGraph = {
      position(id: string) {
        if (!r.graph.hasNode(id)) return undefined;
        const { x, y } = r.sigma.graphToViewport(r.graph.getNodeAttributes(id) as { x: number; y: number });
        const rect = box.getBoundingClientRect();
        return { x: rect.left + x, y: rect.top + y };
      },
    };
    return () => {
      r.destroy();
      renderer.current = undefined;
    };
  }, [props.graph, props.center]);
  useEffect(() => {
    renderer.current?.setHighlight(props.highlight.nodes, props.highlight.edges);
  }, [props.highlight, props.graph]);
  useEffect(() => {
    renderer.current?.setSelected(props.selected);
  }, [props.selected, props.graph]);
  return (
    <div
      ref={container}
      class="graph-canvas"
      role="img"
      aria-label={`Entity graph: ${props.graph.nodes.length} entities and ${props.graph.edges.length} relations. The list of entities beside it offers the same actions by keyboard.`}
    />
  );
}
