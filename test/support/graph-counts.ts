import type { GraphExecutor } from '../../src/graph/executor.ts';

/** Node counts by label and relationship counts by type: the graph's shape, to compare runs. */
export async function graphCounts(executor: GraphExecutor): Promise<Record<string, number>> {
  const nodes = await executor.readRows<{ label: string; n: number }>(
    'MATCH (n) WHERE NOT n:SchemaMigration UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label',
  );
  const rels = await executor.readRows<{ type: string; n: number }>('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type');
  return Object.fromEntries([...nodes.map((r) => [r.label, r.n]), ...rels.map((r) => [`:${r.type}`, r.n])]);
}
