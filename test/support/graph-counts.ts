import type { GraphExecutor } from '../../src/graph/executor.ts';

/**
 * Node counts by label and relationship counts by type: the data graph's shape, to compare
 * runs. The history kept beside it (audit entries, golden-value changes, change events) is left out: it
 * records the path taken, which differs between runs that end in the same data.
 */
export async function graphCounts(executor: GraphExecutor): Promise<Record<string, number>> {
  const nodes = await executor.readRows<{ label: string; n: number }>(
    'MATCH (n) WHERE NOT (n:SchemaMigration OR n:AuditEntry OR n:AuditHead OR n:GoldenChange OR n:OutboxEvent) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label',
  );
  const rels = await executor.readRows<{ type: string; n: number }>('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type');
  return Object.fromEntries([...nodes.map((r) => [r.label, r.n]), ...rels.map((r) => [`:${r.type}`, r.n])]);
}
