import { describe, expect, it } from 'vitest';
import { GraphCollector, nodeIdOf } from './identity-graph.ts';

describe('GraphCollector', () => {
  it('stops at the node limit, says so, and keeps only edges whose ends are in', () => {
    const g = new GraphCollector(2);
    expect(g.node({ id: 'a', kind: 'customer', label: 'a' })).toBe(true);
    expect(g.node({ id: 'b', kind: 'source_record', label: 'b' })).toBe(true);
    expect(g.node({ id: 'c', kind: 'identifier', label: 'c' })).toBe(false);
    g.edge('b', 'a', 'BELONGS_TO');
    g.edge('b', 'c', 'HAS_IDENTIFIER');
    const result = g.result();
    expect(result.truncated).toBe(true);
    expect(result.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(result.edges).toEqual([{ from: 'b', to: 'a', kind: 'BELONGS_TO' }]);
  });

  it('merges a node seen twice: its record keys and hub mark', () => {
    const g = new GraphCollector(10);
    g.node({ id: 'i', kind: 'identifier', label: 'x', recordKeys: ['r1'] });
    g.node({ id: 'i', kind: 'identifier', label: 'x', recordKeys: ['r1', 'r2'], hub: true });
    g.edge('i', 'i', 'HAS_IDENTIFIER');
    g.edge('i', 'i', 'HAS_IDENTIFIER');
    const { nodes, edges, truncated } = g.result();
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({ recordKeys: ['r1', 'r2'], hub: true });
    expect(edges).toHaveLength(1);
    expect(truncated).toBe(false);
  });

  it('never puts an identifier value in a node id', () => {
    expect(nodeIdOf.identifier('email:jane@example.com')).toMatch(/^identifier:[0-9a-f]{24}$/);
  });
});
