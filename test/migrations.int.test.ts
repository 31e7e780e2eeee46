import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { GraphExecutor } from '../src/graph/executor.ts';
import { migrations } from '../src/graph/migrations/index.ts';
import { migrate } from '../src/graph/migrations/migrate.ts';
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

  it('applies a new migration appended later, and only that one', async () => {
    const extra = { version: 9_999, name: 'test-extra', statements: ['CREATE INDEX test_extra IF NOT EXISTS FOR (c:Customer) ON (c.updatedAt)'] };
    const report = await migrate(executor, [...migrations, extra]);
    expect(report.applied).toEqual(['9999-test-extra']);
    await executor.runSchema('DROP INDEX test_extra IF EXISTS');
    await executor.writeRows('MATCH (m:SchemaMigration {version: 9999}) DELETE m');
  });
});
