import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { GraphExecutor } from '../src/graph/executor.ts';
import { migrations } from '../src/graph/migrations/index.ts';
import { migrate } from '../src/graph/migrations/migrate.ts';
import { mergeMembership } from '../src/graph/migrations/0006-merge-membership.ts';
import { membershipDecisions } from '../src/graph/migrations/0012-membership-decisions.ts';
import { blockedByRule } from '../src/graph/migrations/0019-blocked-by-rule.ts';
import { emptyDatabase, testDriver } from './support/test-app.ts';

describe('schema migrations', () => {
  let driver: Driver;
  let executor: GraphExecutor;

  beforeAll(async () => {
    driver = testDriver();
    executor = new GraphExecutor(driver, 'neo4j');
    await emptyDatabase(driver);
  });
  afterAll(async () => driver.close());

  const schemaSnapshot = async () => ({
    constraints: (await executor.readRows<{ name: string; type: string; labels: string[]; props: string[] }>(
      'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes AS labels, properties AS props RETURN name, type, labels, props ORDER BY name',
    )),
    indexes: (await executor.readRows<{ name: string }>('SHOW INDEXES YIELD name RETURN name ORDER BY name')).map((r) => r.name),
    recorded: await executor.readRows<{ version: number; checksum: string }>(
      'MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum ORDER BY version',
    ),
  });

  it('applies every migration once and a second run changes nothing', async () => {
    const first = await migrate(executor);
    expect(first.current).toHaveLength(migrations.length);
    const afterFirst = await schemaSnapshot();
    expect(afterFirst.constraints.map((c) => c.name)).toContain('customer_id_unique');
    expect(afterFirst.constraints.find((c) => c.name === 'customer_id_unique')).toMatchObject({
      type: 'UNIQUENESS',
      labels: ['Customer'],
      props: ['id'],
    });
    expect(afterFirst.recorded.map((r) => r.version)).toEqual(migrations.map((m) => m.version));

    const second = await migrate(executor);
    expect(second.applied).toEqual([]);
    expect(second.current).toEqual(first.current);
    expect(await schemaSnapshot()).toEqual(afterFirst);
  });

  it('enforces the customer id constraint it created', async () => {
    await executor.writeRows("CREATE (:Customer {id: 'cus_dup', createdAt: datetime(), updatedAt: datetime()})");
    await expect(
      executor.writeRows("CREATE (:Customer {id: 'cus_dup', createdAt: datetime(), updatedAt: datetime()})"),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const edited = migrations.map((m, i) =>
      i === 0 ? { ...m, statements: [...m.statements, 'CREATE INDEX edited_later IF NOT EXISTS FOR (c:Customer) ON (c.updatedAt)'] } : m,
    );
    await expect(migrate(executor, edited)).rejects.toThrow(/changed after it was applied/);
    const indexes = await executor.readRows<{ name: string }>('SHOW INDEXES YIELD name RETURN name');
    expect(indexes.map((r) => r.name)).not.toContain('edited_later');
  });

  it('names on each membership the latest merge that brought the record, for records merged before 0006', async () => {
    // Two merges moved r1 (the later one wins), one moved r2; r3 was never merged.
    await executor.writeRows(`
      CREATE (a:Customer {id: 'cus_m_a'}), (b:Customer {id: 'cus_m_b'}), (c:Customer {id: 'cus_m_c'})
      CREATE (r1:SourceRecord {key: 'm|r1'})-[:BELONGS_TO]->(c), (r2:SourceRecord {key: 'm|r2'})-[:BELONGS_TO]->(c),
             (r3:SourceRecord {key: 'm|r3'})-[:BELONGS_TO]->(c)
      CREATE (e1:LineageEvent {id: 'lin_m1', kind: 'merge', at: datetime('2024-01-01T00:00:00Z'), recordKeys: ['m|r1']}),
             (e2:LineageEvent {id: 'lin_m2', kind: 'merge', at: datetime('2024-02-01T00:00:00Z'), recordKeys: ['m|r1', 'm|r2']})
      CREATE (e1)-[:MOVED_FROM]->(a), (e1)-[:MOVED_TO]->(c), (e2)-[:MOVED_FROM]->(b), (e2)-[:MOVED_TO]->(c)`);
    for (const statement of mergeMembership.statements) await executor.runSchema(statement);
    const rows = await executor.readRows<{ key: string; via: string | null }>(
      "MATCH (r:SourceRecord)-[b:BELONGS_TO]->(:Customer {id: 'cus_m_c'}) RETURN r.key AS key, b.viaMerge AS via ORDER BY key",
    );
    expect(rows).toEqual([{ key: 'm|r1', via: 'lin_m2' }, { key: 'm|r2', via: 'lin_m2' }, { key: 'm|r3', via: null }]);
    await executor.writeRows("MATCH (n) WHERE n.key STARTS WITH 'm|' OR n.id IN ['cus_m_a', 'cus_m_b', 'cus_m_c', 'lin_m1', 'lin_m2'] DETACH DELETE n");
  });

  it('gives every MERGED_INTO one shape and every cannot-link an id, for data written before 0012', async () => {
    // The three shapes the three writers left: resolution's (with evidence), bulk's, by hand (neither actor nor reason).
    await executor.writeRows(`
      CREATE (s:Customer {id: 'cus_n_s', status: 'active'}), (x:Customer {id: 'cus_n_x', status: 'merged', updatedAt: datetime('2024-03-01T00:00:00Z')}),
             (y:Customer {id: 'cus_n_y', status: 'merged'}), (z:Customer {id: 'cus_n_z', status: 'merged'})
      CREATE (x)-[:MERGED_INTO {at: datetime('2024-01-01T00:00:00Z'), by: 'system', reason: 'resolution', evidence: '[]', eventId: 'lin_n1'}]->(s),
             (y)-[:MERGED_INTO {at: datetime('2024-01-02T00:00:00Z'), by: 'system', reason: 'resolve-all', eventId: 'lin_n2'}]->(s),
             (z)-[:MERGED_INTO {at: datetime('2024-01-03T00:00:00Z'), eventId: 'lin_n3'}]->(s)
      CREATE (:LineageEvent {id: 'lin_n3', kind: 'merge', actor: 'ada', role: 'steward', reason: 'same person', at: datetime('2024-01-03T00:00:00Z')})
      CREATE (:SourceRecord {key: 'n|a'})-[:CANNOT_LINK {at: datetime(), by: 'ada'}]->(:SourceRecord {key: 'n|b'})`);
    for (const statement of membershipDecisions.statements) await executor.runSchema(statement);
    const shapes = await executor.readRows<{ from: string; props: string[]; by: string; role: string; reason: string }>(
      "MATCH (c:Customer)-[m:MERGED_INTO]->(:Customer {id: 'cus_n_s'}) RETURN c.id AS from, keys(m) AS props, m.by AS by, m.role AS role, m.reason AS reason ORDER BY from",
    );
    expect(shapes.map((r) => r.props.toSorted())).toEqual(Array(3).fill(['at', 'by', 'eventId', 'reason', 'role']));
    expect(shapes.find((r) => r.from === 'cus_n_z')).toMatchObject({ by: 'ada', role: 'steward', reason: 'same person' });
    const [link] = await executor.readRows<{ id: string }>("MATCH (:SourceRecord {key: 'n|a'})-[c:CANNOT_LINK]->() RETURN c.id AS id");
    expect(link!.id).toMatch(/^cnl_[0-9a-f]{20}$/);
    await executor.writeRows("MATCH (n) WHERE n.key STARTS WITH 'n|' OR n.id STARTS WITH 'cus_n_' OR n.id = 'lin_n3' DETACH DELETE n");
  });

  it('cuts a stored blockedBy to its rule name, for pairs scored before 0019', async () => {
    await executor.writeRows(`
      CREATE (:SourceRecord {key: 'b|1'})-[:MATCHED {blockedBy: 'given+family:ann|kerr'}]->(:SourceRecord {key: 'b|2'}),
             (:SourceRecord {key: 'b|3'})-[:MATCHED {blockedBy: 'identifier:email'}]->(:SourceRecord {key: 'b|4'})`);
    for (const statement of blockedByRule.statements) await executor.runSchema(statement);
    const rows = await executor.readRows<{ by: string }>("MATCH (a:SourceRecord)-[m:MATCHED]->() WHERE a.key STARTS WITH 'b|' RETURN m.blockedBy AS by ORDER BY a.key");
    expect(rows.map((r) => r.by)).toEqual(['given+family', 'identifier:email']);
    await executor.writeRows("MATCH (n:SourceRecord) WHERE n.key STARTS WITH 'b|' DETACH DELETE n");
  });

  it('applies a new migration appended later, and only that one', async () => {
    const extra = { version: 9_999, name: 'test-extra', statements: ['CREATE INDEX test_extra IF NOT EXISTS FOR (c:Customer) ON (c.updatedAt)'] };
    const report = await migrate(executor, [...migrations, extra]);
    expect(report.applied).toEqual(['9999-test-extra']);
    await executor.runSchema('DROP INDEX test_extra IF EXISTS');
    await executor.writeRows('MATCH (m:SchemaMigration {version: 9999}) DELETE m');
  });
});
