import { describe, expect, it } from 'vitest';
import { evidenceHighlight, mergeGraphs, nodeSize, ringPositions } from './graph-model';
import type { EntityGraph, EntityKind, GraphEdge, GraphNode } from './graph-types';

const node = (id: string, count = 1): GraphNode => ({ id, kind: id.split(':')[0] as EntityKind, label: id, count, firstSeen: '2026-11-30T00:00:00Z', lastSeen: '2026-11-30T01:00:00Z' });
const edge = (source: string, target: string, ids: string[], operation?: string): GraphEdge => ({
  id: `k|${source}|${target}|${operation ?? ''}`, source, target, kind: 'acted-on', ...(operation ? { operation } : {}), count: ids.length, firstSeen: '2026-11-30T00:00:00Z', lastSeen: '2026-11-30T01:00:00Z', evidence: { ids, total: ids.length },
});
const graph = (nodes: GraphNode[], edges: GraphEdge[]): EntityGraph => ({ nodes, edges, truncated: { nodes: 0, edges: 0 } });

describe('graph model', () => {
  it('merges an expansion by id, newer counts winning, dropping edges to missing nodes', () => {
    const view = graph([node('user:a', 1), node('ip:1.2.3.4')], [edge('user:a', 'ip:1.2.3.4', ['e1'])]);
    const more = graph([node('user:a', 5), node('object:f')], [edge('user:a', 'object:f', ['e2'], 'FileDownloaded'), edge('user:a', 'user:ghost', ['e3'])]);
    const merged = mergeGraphs(view, more);
    expect(merged.nodes.map((n) => [n.id, n.count]).sort()).toEqual([['ip:1.2.3.4', 1], ['object:f', 1], ['user:a', 5]]);
    expect(merged.edges.map((e) => e.target).sort()).toEqual(['ip:1.2.3.4', 'object:f']);
  });

  it('sizes nodes by count, monotonically, within bounds', () => {
    expect(nodeSize(0, 100)).toBe(4);
    expect(nodeSize(10, 100)).toBeLessThan(nodeSize(100, 100));
    expect(nodeSize(100, 100)).toBeLessThanOrEqual(18);
  });

  it('highlights the edges that carry a finding\'s evidence and its entities', () => {
    const g = graph([node('user:a'), node('user:x'), node('ip:1.2.3.4'), node('object:f')], [edge('user:a', 'user:x', ['e1'], 'New-InboxRule'), edge('user:a', 'ip:1.2.3.4', ['e2']), edge('user:a', 'object:f', ['e3'])]);
    const h = evidenceHighlight(g, { entities: [{ id: 'user:a' }], evidenceIds: ['e1', 'e9'] });
    expect([...h.edges]).toEqual(['k|user:a|user:x|New-InboxRule']);
    expect([...h.nodes].sort()).toEqual(['user:a', 'user:x']);
    expect(evidenceHighlight(g, undefined).nodes.size).toBe(0);
  });

  it('places the centre at the origin and hop rings around it', () => {
    const g = graph([node('user:a'), node('ip:1'), node('object:f'), node('site:s')], [edge('user:a', 'ip:1', ['1']), edge('ip:1', 'object:f', ['2'])]);
    const p = ringPositions(g, 'user:a');
    expect(p.get('user:a')).toEqual({ x: 0, y: 0 });
    const r = (id: string) => Math.hypot(p.get(id)!.x, p.get(id)!.y);
    expect(r('ip:1')).toBeLessThan(r('object:f'));
    expect(r('object:f')).toBeLessThan(r('site:s'));
  });
});
