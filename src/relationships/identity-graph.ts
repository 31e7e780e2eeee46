import { createHash } from 'node:crypto';
import type { MaskKind } from '../auth/mask.ts';

export type GraphNodeKind = 'customer' | 'source_record' | 'identifier' | 'household' | 'organisation' | 'lineage_event';
export type GraphEdgeKind = 'BELONGS_TO' | 'HAS_IDENTIFIER' | 'MEMBER_OF' | 'AFFILIATED_WITH' | 'MOVED_FROM' | 'MOVED_TO' | 'MERGED_INTO';

/** A personal part of a label, masked by role when read (personal-fields.ts, shape 'graph-label'). */
export type PersonalLabel = { prefix: string; value: string; kind: MaskKind };
export type GraphNode = {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** An identifier, household or organisation shared by more than the hub bound: drawn, not followed. */
  hub: boolean;
  /** The id the rest of the API knows the node by (customer id, record key, household id); null for identifiers, whose key is personal. */
  ref: string | null;
  /** Records whose customers own the label's personal value: who must be verified to see it in clear. */
  recordKeys: string[];
  personal: PersonalLabel | null;
};
export type GraphEdge = { from: string; to: string; kind: GraphEdgeKind };
export type IdentityGraph = { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean };

/** Node ids never carry a personal value: an identifier's node id is a digest of its key. */
export const nodeIdOf = {
  customer: (id: string) => `customer:${id}`,
  record: (key: string) => `record:${key}`,
  identifier: (key: string) => `identifier:${createHash('sha256').update(key).digest('hex').slice(0, 24)}`,
  household: (id: string) => `household:${id}`,
  organisation: (id: string) => `organisation:${id}`,
  event: (id: string) => `event:${id}`,
};

/**
 * Collects the nodes and edges of an identity graph up to a node limit: a node past the
 * limit is left out and the graph marked truncated; an edge is kept only when both its
 * ends are in. Adding a node twice merges what is known of it (its record keys, hub).
 * @example const g = new GraphCollector(2); g.node({...}); g.node({...}); g.node({...}); g.result().truncated // true
 */
export class GraphCollector {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  private truncated = false;
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  get full(): boolean {
    return this.nodes.size >= this.limit;
  }

  /** Adds the node (or merges into it); false when the limit left it out. */
  node(node: Omit<GraphNode, 'recordKeys' | 'personal' | 'hub' | 'ref'> & Partial<GraphNode>): boolean {
    const known = this.nodes.get(node.id);
    if (known) {
      for (const key of node.recordKeys ?? []) if (!known.recordKeys.includes(key)) known.recordKeys.push(key);
      known.hub ||= node.hub ?? false;
      return true;
    }
    if (this.full) {
      this.truncated = true;
      return false;
    }
    this.nodes.set(node.id, { hub: false, ref: null, personal: null, ...node, recordKeys: [...(node.recordKeys ?? [])] });
    return true;
  }

  edge(from: string, to: string, kind: GraphEdgeKind): void {
    if (!this.nodes.has(from) || !this.nodes.has(to)) return;
    this.edges.set(`${from}>${kind}>${to}`, { from, to, kind });
  }

  /** Marks the graph cut short by something other than the node limit (a frontier not followed). */
  cut(): void {
    this.truncated = true;
  }

  result(): IdentityGraph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()], truncated: this.truncated };
  }
}
