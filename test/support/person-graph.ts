import type { ValueCodec } from '../../src/privacy/codec.ts';
import { plainValue } from '../../src/privacy/export/export-section.ts';
import type { TestApp } from './test-app.ts';

export type GraphNode = { elementId: string; labels: string[]; props: Record<string, unknown> };

/** Properties that name a node for property links: what other nodes refer to it by. */
const NAMING = ['id', 'key', 'sourceRecordId'];
/** Reference data every person shares, never data about one (the sources' definitions, the chain's head). */
const REFERENCE = new Set(['Source', 'AuditHead', 'SchemaMigration', 'OutboxSequence', 'EnrichmentNamespace']);

/**
 * Everything held about the person whose customer is `customerId`, found from the graph
 * and not from a list of kinds: the customer and every customer merged into it, then
 * every node reachable through any relationship, stopping at other people (their records
 * and customers) and reference data; then every node, of any label, with a property whose
 * value names a node already found (a customer id, a record or identifier key, a source
 * record id), and what is reachable from those; until nothing new turns up.
 */
export async function personGraph(app: TestApp, customerId: string): Promise<{ nodes: GraphNode[]; foreign: Set<string> }> {
  const [scope] = await app.executor.readRows<{ ids: string[]; keys: string[] }>(
    `MATCH (c:Customer {id: $id}) OPTIONAL MATCH (c)<-[:MERGED_INTO*1..50]-(m:Customer)
     WITH c, collect(m.id) AS merged
     RETURN [c.id] + merged AS ids, [(c)<-[:BELONGS_TO]-(r:SourceRecord) | r.key] AS keys`,
    { id: customerId },
  );
  const ours = new Set([...scope!.ids, ...scope!.keys]);
  const [others] = await app.executor.readRows<{ values: string[] }>(
    `CALL () { MATCH (c:Customer) WHERE NOT c.id IN $ids RETURN c.id AS v UNION MATCH (r:SourceRecord) WHERE NOT r.key IN $keys RETURN r.key AS v
               UNION MATCH (r:SourceRecord) WHERE NOT r.key IN $keys RETURN r.sourceRecordId AS v }
     RETURN collect(v) AS values`,
    { ids: scope!.ids, keys: scope!.keys },
  );
  const foreign = new Set(others!.values);
  const isForeign = (node: GraphNode) =>
    node.labels.some((l) => REFERENCE.has(l)) ||
    (node.labels.includes('Customer') && !ours.has(String(node.props['id']))) ||
    (node.labels.includes('SourceRecord') && !ours.has(String(node.props['key'])));
  const found = new Map<string, GraphNode>();
  let frontier = (await app.executor.readRows<{ e: string }>('MATCH (c:Customer) WHERE c.id IN $ids RETURN elementId(c) AS e', { ids: scope!.ids })).map((r) => r.e);
  const readNodes = async (elementIds: string[]) =>
    app.executor.readRows<GraphNode>('MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS elementId, labels(n) AS labels, properties(n) AS props', { ids: elementIds });
  for (const node of await readNodes(frontier)) found.set(node.elementId, node);
  for (;;) {
    while (frontier.length > 0) {
      const next = await app.executor.readRows<GraphNode>(
        'MATCH (n)-[]-(m) WHERE elementId(n) IN $ids RETURN DISTINCT elementId(m) AS elementId, labels(m) AS labels, properties(m) AS props',
        { ids: frontier },
      );
      frontier = [];
      for (const node of next) {
        if (found.has(node.elementId) || isForeign(node)) continue;
        found.set(node.elementId, node);
        frontier.push(node.elementId);
      }
    }
    // Property links: any node that names one found.
    const names = new Set([...found.values()].flatMap((n) => NAMING.flatMap((p) => (typeof n.props[p] === 'string' ? [n.props[p] as string] : []))));
    const all = await app.executor.readRows<GraphNode>('MATCH (n) RETURN elementId(n) AS elementId, labels(n) AS labels, properties(n) AS props');
    for (const node of all) {
      if (found.has(node.elementId) || isForeign(node)) continue;
      const values = Object.values(node.props).flatMap((v) => (Array.isArray(v) ? v : [v]));
      if (!values.some((v) => typeof v === 'string' && names.has(v))) continue;
      found.set(node.elementId, node);
      frontier.push(node.elementId);
    }
    if (frontier.length === 0) return { nodes: [...found.values()], foreign };
  }
}

/** Every string and number inside a JSON value, as text. */
export function leavesOf(value: unknown, out: string[] = []): string[] {
  if (value === null || value === undefined || typeof value === 'boolean') return out;
  if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const v of value) leavesOf(v, out);
  else if (typeof value === 'object') for (const v of Object.values(value)) leavesOf(v, out);
  return out;
}

/**
 * What of the person's graph an export leaves out: every value of every property of every
 * node found (decoded as the person reads it), but properties the export's sections
 * declare they omit and list entries that name other people.
 */
export function missingFromExport(nodes: readonly GraphNode[], foreign: ReadonlySet<string>, document: unknown, codec: ValueCodec, omitted: ReadonlySet<string>): string[] {
  const exported = new Set(leavesOf(document));
  const missing: string[] = [];
  for (const node of nodes) {
    for (const [name, value] of Object.entries(node.props)) {
      if (omitted.has(name)) continue;
      for (const leaf of leavesOf(plainValue(value, codec))) {
        if (foreign.has(leaf) || exported.has(leaf)) continue;
        missing.push(`${node.labels.join(':')}.${name}`);
        break;
      }
    }
  }
  return [...new Set(missing)].sort();
}
