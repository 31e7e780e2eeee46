import { graphql } from '../../gql/index.ts';
import type { IdentityGraphQuery } from '../../gql/graphql.ts';

export const IdentityGraphDocument = graphql(`
  query IdentityGraph($id: ID!, $depth: Int) {
    identityGraph(customerId: $id, depth: $depth) {
      nodes { id kind label hub ref }
      edges { from to kind }
      truncated
    }
  }
`);

export type GraphNode = IdentityGraphQuery['identityGraph']['nodes'][number];
export type GraphEdge = IdentityGraphQuery['identityGraph']['edges'][number];
export type Graph = { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean };

export const edgeId = (e: GraphEdge) => `${e.from}->${e.kind}->${e.to}`;

/** Adds what an expansion found, each node and edge once: a node seen twice keeps the hub mark if either had it. */
export function mergeGraphs(into: Graph, more: Graph): Graph {
  const nodes = new Map(into.nodes.map((n) => [n.id, n]));
  for (const n of more.nodes) {
    const known = nodes.get(n.id);
    nodes.set(n.id, known ? { ...known, hub: known.hub || n.hub } : n);
  }
  const edges = new Map(into.edges.map((e) => [edgeId(e), e]));
  for (const e of more.edges) edges.set(edgeId(e), e);
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: into.truncated || more.truncated };
}

/** Colours by kind, with a name for the legend; each is readable on white and tells kinds apart without red/green alone. */
export const kinds: Record<string, { label: string; colour: string; shape: string }> = {
  CUSTOMER: { label: 'Customer', colour: '#0550ae', shape: 'ellipse' },
  SOURCE_RECORD: { label: 'Source record', colour: '#8250df', shape: 'round-rectangle' },
  IDENTIFIER: { label: 'Identifier', colour: '#1a7f37', shape: 'ellipse' },
  HOUSEHOLD: { label: 'Household', colour: '#bc4c00', shape: 'hexagon' },
  ORGANISATION: { label: 'Organisation', colour: '#6e7781', shape: 'rectangle' },
  LINEAGE_EVENT: { label: 'Merge or split event', colour: '#cf222e', shape: 'triangle' },
};

export const edgeLabels: Record<string, string> = {
  BELONGS_TO: 'belongs to',
  HAS_IDENTIFIER: 'carries',
  MEMBER_OF: 'lives in',
  AFFILIATED_WITH: 'is affiliated with',
  MOVED_FROM: 'moved records from',
  MOVED_TO: 'moved records to',
  MERGED_INTO: 'merged into',
};
