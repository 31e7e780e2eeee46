import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { generateDataset, mildCorruption, sourceKinds } from '../bench/generate/dataset.ts';
import { systemActor } from '../src/audit/audit.ts';
import { ALL_CANNOT_LINKS, ALL_SPLIT_SIDES, MEMBERSHIPS, SUPERSEDE_OPEN_REVIEWS } from '../src/match/bulk-resolve.cypher.ts';
import { ALL_MUST_LINKS } from '../src/membership/decisions.cypher.ts';
import { migrate } from '../src/graph/migrations/migrate.ts';
import { ingestStream } from '../src/ingest/bulk-ingest.ts';
import { createServices, seedReferenceData } from '../src/services.ts';
import { PlanScanningExecutor } from './support/plan-scans.ts';
import { emptyDatabase, testDriver } from './support/test-app.ts';

// Bug: lookups by key inside UNION subqueries, and NOT IN tests on a labelled neighbour,
// were planned as index scans once per key, so each batch grew slower with the database.
/** A record key is `source|sourceRecordId`. */
const refOf = (key: string) => ({ source: key.slice(0, key.indexOf('|')), sourceRecordId: key.slice(key.indexOf('|') + 1) });

describe('query plans of ingest, resolution, golden records, merges, review and audit', () => {
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
    // Rejections over the per-source cap: the oldest are dropped through the (source, lastSeenAt) index.
    const capped = createServices(executor, { ingestLimits: { maxRejectionsPerSource: 5 } });
    for (const round of [0, 1]) {
      const junk = Array.from({ length: 4 }, (_, n) => ({ position: n, payload: `plan test junk ${round}-${n}` }));
      expect((await capped.ingest.ingest('crm', junk)).rejected).toHaveLength(4);
    }
    expect((await services.sources.resolve('crm')).info.droppedRejectionCount).toBeGreaterThanOrEqual(3);

    // Data-quality issues: written with their records, replaced by the next version, listed and counted.
    const flawed = (n: number, at: string, Birthdate: string) => ({
      Id: `003PLANQ${String(n).padStart(10, '0')}`, LastName: `Plan${n}`, Email: `plan.quality${n}@example.com`, Birthdate, MailingCity: 'York', MailingCountry: 'Atlantis', LastModifiedDate: at,
    });
    const withIssues = await services.ingest.ingest('crm', [0, 1, 2].map((n) => ({ position: n, payload: flawed(n, '2024-05-01T10:00:00.000+0000', '19081309') })));
    expect(withIssues.dataQualityIssues).toHaveLength(6);
    await services.ingest.ingest('crm', [0, 1].map((n) => ({ position: n, payload: flawed(n, '2024-05-02T10:00:00.000+0000', '1980-01-01') })));
    const page = await services.dataQuality.list({ source: 'crm', first: 2 });
    expect(page).toHaveLength(2);
    await services.dataQuality.list({ source: 'crm', first: 10, after: page[0]!.id });
    await services.dataQuality.list({ first: 10 });
    await services.dataQuality.summary('crm');
    await services.dataQuality.summary(null);

    // A rejection that names its record, superseded by the valid version stored after it; one a steward dismisses.
    const planContact = (LastModifiedDate: string) => ({ Id: '003PLANR0000000001', LastName: 'Plan', LastModifiedDate });
    expect((await services.ingest.ingest('crm', [{ position: 0, payload: planContact('not a time') }])).rejected).toHaveLength(1);
    await services.ingest.ingest('crm', [{ position: 0, payload: planContact('2024-05-01T10:00:00.000+0000') }]);
    const [toDismiss] = (await services.ingest.ingest('crm', [{ position: 0, payload: 'plan test junk to dismiss' }])).rejected;
    await services.rejections.dismiss(toDismiss!.rejectedRecordId, 'plan test', systemActor);

    // A merge, an unmerge and profile reads go through the golden-record and lineage queries.
    const [a, b] = (await executor.readRows<{ id: string }>("MATCH (c:Customer {status: 'active'}) RETURN c.id AS id ORDER BY c.id LIMIT 2")).map((r) => r.id);
    const merged = await services.merges.merge(a!, b!, systemActor, 'plan test', false);
    await services.merges.unmerge(merged.eventId!, systemActor, 'plan test', false);
    await services.customers.findByIds([a!, b!]);
    await services.golden.goldenOf([a!, b!]);
    await services.golden.pin(a!, 'familyName', 'Pinned', systemActor, 'plan test');
    await services.golden.unpin(a!, 'familyName', systemActor, 'plan test');
    await services.golden.history([a!], 'familyName');
    await services.lineage.mergePath(a!);
    await services.merges.split(a!, [], 'new', systemActor, null, true).catch(() => undefined);

    // Steward decisions: listed, a cannot-link lifted, a split undone (its decision lifted), a must-link lifted.
    // The test's own lookups go around the plan-checking executor.
    const [c, d] = (await driver.executeQuery("MATCH (c:Customer {status: 'active'}) WHERE NOT c.id IN $ab RETURN c.id AS id ORDER BY c.id LIMIT 2", { ab: [a!, b!] })).records.map((r) => r.get('id') as string);
    const again = await services.merges.merge(c!, d!, systemActor, 'plan test', false);
    const [mustLink] = await services.decisions.list(again.survivor.id);
    const recordsOfA = (await driver.executeQuery('MATCH (:Customer {id: $id})<-[:BELONGS_TO]-(r) RETURN r.key AS key ORDER BY key', { id: again.survivor.id })).records.map((r) => r.get('key') as string);
    const [x, y] = [refOf(recordsOfA[0]!), refOf(recordsOfA.at(-1)!)];
    const { decisionId } = await services.match.markDifferent(x, y, systemActor, 'plan test');
    await services.decisions.lift(decisionId, systemActor, 'plan test');
    const splitOff = await services.merges.split(again.survivor.id, [recordsOfA.at(-1)!], 'new', systemActor, 'plan test', false);
    await services.merges.unmerge(splitOff.eventIds[0]!, systemActor, 'plan test', false);
    if (mustLink) await services.decisions.lift(mustLink.id, systemActor, 'plan test').catch(() => undefined);
    await services.decisions.list(again.survivor.id);

    // Stewards: the review queue (filtered, a second page), an assignment, explanations, a
    // decision each way (by record pair, by item id); then a re-resolution.
    for (const order of ['SCORE', 'AGE'] as const) {
      const page = await services.reviews.list({ order, source: 'crm', first: 10, minProbability: 0, maxProbability: 1, olderThan: '2100-01-01T00:00:00Z' });
      if (page.length > 0) await services.reviews.list({ order, first: 10, after: page.at(-1)!.cursor });
    }
    await services.reviews.stats();
    const open = await services.reviews.list({ first: 2 });
    if (open.length > 0) {
      await services.reviews.assign(open[0]!.id, 'steward-1', systemActor);
      await services.reviews.list({ assignee: 'steward-1', first: 10 });
      await services.reviews.list({ unassigned: true, first: 10 });
      await services.reviews.get(open[0]!.id);
      const pairs = open.flatMap((item) => item.pairs.map((p) => ({ a: p.aKey, b: p.bKey })));
      // The last pair was never scored: explained on request.
      await services.match.explainPairs([...pairs, { a: pairs[0]!.a, b: pairs.at(-1)!.b }]);
      await services.reviews.decide([{ a: refOf(open[0]!.pairs[0]!.aKey), b: refOf(open[0]!.pairs[0]!.bKey) }], 'approve', systemActor, 'plan test');
    }
    if (open.length > 1) await services.reviews.decideItems([open[1]!.id], 'reject', systemActor, 'plan test');
    await services.match.crosswalk('crm', 50, null);
    await services.bulkResolve.preview();
    await services.bulkResolve.resolveAll(systemActor, { force: true });
    // Jobs: a re-resolution as a job (pages saved and read back, finished), listed, read, its page log; the synchronous run under the same lock.
    const job = (await services.jobs.runHere('RESOLVE_ALL', { force: true }, systemActor)).job;
    expect(job.status).toBe('SUCCEEDED');
    await services.jobs.list({ kind: 'RESOLVE_ALL', status: 'SUCCEEDED', first: 5 });
    await services.jobs.get(job.id);
    await services.jobs.pageLog(job.id);
    await services.jobs.runNow('RESOLVE_ALL', { force: true }, systemActor);

    // Auditors: sealing, verifying, the trail and one customer's access log.
    await services.audit.verify();
    await services.audit.entries({ customerId: a!, first: 10 });
    await services.audit.accessLog([a!], '2020-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
    expect(open.length).toBeGreaterThan(1);

    expect(singles).toBe(20);
    // Reading all of a label that stays small is fine: migrations, settings, sources, and
    // audit entries not yet sealed (the label is taken off when they are).
    const small = /[ :](SchemaMigration|MatchSettings|Source|AuditHead|AuditUnsealed)\b/;
    // resolveAll reads every membership and steward decision, and supersedes every open review, by design.
    const wholeGraphByDesign = [ALL_CANNOT_LINKS, ALL_SPLIT_SIDES, ALL_MUST_LINKS, MEMBERSHIPS, SUPERSEDE_OPEN_REVIEWS].map((q) => q.trim().replace(/\s+/g, ' ').slice(0, 140));
    const growing = [...executor.scans].filter(([query, scans]) => !wholeGraphByDesign.includes(query) && scans.some((s) => !small.test(s)));
    expect(Object.fromEntries(growing)).toEqual({});
    // Long by design: it runs every use case under PROFILE, slower still when the machine is shared.
  }, 240_000);
});
