import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { generateDataset, mildCorruption, sourceKinds } from '../bench/generate/dataset.ts';
import { systemActor } from '../src/audit/audit.ts';
import { migrate } from '../src/graph/migrations/migrate.ts';
import { ingestStream } from '../src/ingest/bulk-ingest.ts';
import { createServices, seedReferenceData } from '../src/services.ts';
import { PlanScanningExecutor } from './support/plan-scans.ts';
import { emptyDatabase, testDriver } from './support/test-app.ts';

// Bug: lookups by key inside UNION subqueries, and NOT IN tests on a labelled neighbour,
// were planned as index scans once per key, so each batch grew slower with the database.
describe('query plans of ingest, resolution, golden records and merges', () => {
  let driver: Driver;
  let executor: PlanScanningExecutor;

  beforeAll(async () => {
    driver = testDriver();
    await emptyDatabase(driver);
    executor = new PlanScanningExecutor(driver, 'neo4j');
    await migrate(executor);
  });
  afterAll(async () => driver.close());

  it('seek or expand, never scan a label or an index, on a small database where scans look cheapest', async () => {
    const services = createServices(executor);
    await seedReferenceData(services);
    for (const source of sourceKinds) {
      const resolved = await services.sources.resolve(source);
      async function* items() {
        let position = 0;
        for (const record of generateDataset({ people: 150, seed: 5, sources: [source], corruption: mildCorruption })) yield { position: position++, payload: record.payload };
      }
      await ingestStream(services.ingest, resolved, items(), { chunkSize: 100 });
    }
    let singles = 0;
    for (const record of generateDataset({ people: 20, seed: 6, firstPerson: 150, corruption: mildCorruption })) {
      await services.ingest.ingest(record.source, [{ position: 0, payload: record.payload }]);
      if (++singles === 20) break;
    }
    // A merge, an unmerge and profile reads go through the golden-record and lineage queries.
    const [a, b] = (await executor.readRows<{ id: string }>("MATCH (c:Customer {status: 'active'}) RETURN c.id AS id ORDER BY c.id LIMIT 2")).map((r) => r.id);
    const merged = await services.merges.merge(a!, b!, systemActor, 'plan test', false);
    await services.merges.unmerge(merged.eventId!, systemActor, 'plan test', false);
    await services.customers.findByIds([a!, b!]);

    expect(singles).toBe(20);
    // Reading all of a label that stays tiny (migrations, settings, sources) is fine.
    const growing = [...executor.scans].filter(([, scans]) => scans.some((s) => !/[ :](SchemaMigration|MatchSettings|Source|AuditHead)\b/.test(s)));
    expect(Object.fromEntries(growing)).toEqual({});
  });
});
