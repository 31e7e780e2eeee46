import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/audit.ts';
import type { GraphExecutor, Tx } from '../src/graph/executor.ts';
import { BulkResolveService } from '../src/match/bulk-resolve.service.ts';
import { defaultModel } from '../src/match/default-model.ts';
import { defaultResolveBounds } from '../src/match/resolve-all-preview.ts';
import { ASSIGN_RECORDS } from '../src/membership/membership.cypher.ts';
import { CRM, LEDGER, ingestRows, resetWithShippedModel } from './support/golden-sources.ts';
import { NO_VIOLATIONS, membershipViolations } from './support/membership-invariants.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/** The executor, except that the n-th membership write (a chunk of resolveAll's moves) fails. */
function failingOnChunk(executor: GraphExecutor, n: number): GraphExecutor {
  let chunks = 0;
  return new Proxy(executor, {
    get(target, prop, receiver) {
      if (prop !== 'write') return Reflect.get(target, prop, receiver);
      return <T>(work: (tx: Tx) => Promise<T>) =>
        target.write((tx) =>
          work(
            new Proxy(tx, {
              get(t, p, r) {
                if (p !== 'run') return Reflect.get(t, p, r);
                return (query: string, params?: Record<string, unknown>) => {
                  if (query === ASSIGN_RECORDS && ++chunks === n) throw new Error('killed mid-write');
                  return t.run(query, params);
                };
              },
            }),
          ),
        );
    },
  });
}

describe('resolveAll writes each chunk whole', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  beforeEach(() => resetWithShippedModel(app));
  afterAll(async () => app.stop());

  it('stopped between chunks, leaves no empty customer and no move without its lineage event; run again, it finishes the change', async () => {
    const given = ['Amara', 'Bastien', 'Chiara', 'Dmitri', 'Eshe', 'Farrukh', 'Greta', 'Hiroshi', 'Ines', 'Jarrah'];
    const family = ['Okonkwo', 'Villeneuve', 'Marchetti'];
    const postcodes = ['SW1A 1AA', 'LS1 4AP', 'M1 1AE'];
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: `w${i}`, given: given[i % 10]!, family: family[Math.floor(i / 10)]!, dob: `19${60 + i}-04-12`, postcode: postcodes[Math.floor(i / 10)]! }));
    await ingestRows(app, CRM.name, rows.map((r) => ({ ...r, email: `${r.id}@crm.example.com` })));
    await ingestRows(app, LEDGER.name, rows.map((r) => ({ ...r, id: `l${r.id}`, email: `${r.id}@ledger.example.com` })));
    const customersBefore = Number((await app.executor.readRows<{ n: number }>("MATCH (c:Customer {status: 'active'}) RETURN count(c) AS n"))[0]!.n);
    expect(customersBefore).toBe(30);

    // A stricter model takes the two records of each person apart: 30 moves, 10 per chunk.
    app.services.resolution.use({ model: { ...defaultModel(), version: 'strict-1', thresholds: { link: 1 - 1e-15, review: 0.5 } } });
    const bounds = { ...defaultResolveBounds(200), maxMergedAwayPercent: 100 };
    const preview = await app.services.bulkResolve.preview();
    expect(preview.split).toBeGreaterThanOrEqual(30);
    const stopped = new BulkResolveService(failingOnChunk(app.executor, 2), app.services.resolution, app.services.golden, bounds, { membershipChunk: 10 });
    await expect(stopped.resolveAll(systemActor, { force: true })).rejects.toThrow();

    // One chunk written whole, nothing of the second.
    expect(await membershipViolations(app.executor)).toEqual(NO_VIOLATIONS);
    const [moved] = await app.executor.readRows<{ records: number; customers: number; withoutEvent: number }>(`
      MATCH (r:SourceRecord)-[b:BELONGS_TO]->(c:Customer) WHERE b.rule STARTS WITH 'resolve-all'
      WITH r, c, EXISTS { MATCH (e:LineageEvent)-[:MOVED_TO]->(c) WHERE r.key IN e.recordKeys } AS hasEvent
      RETURN count(r) AS records, count(DISTINCT c) AS customers, sum(CASE WHEN hasEvent THEN 0 ELSE 1 END) AS withoutEvent`);
    expect(Number(moved!.records)).toBe(10);
    expect(Number(moved!.withoutEvent)).toBe(0);

    const finished = new BulkResolveService(app.executor, app.services.resolution, app.services.golden, bounds, { membershipChunk: 10 });
    await finished.resolveAll(systemActor, { force: true });
    expect(await membershipViolations(app.executor)).toEqual(NO_VIOLATIONS);
    const after = await app.services.bulkResolve.preview();
    expect({ merged: after.merged, split: after.split }).toEqual({ merged: 0, split: 0 });
    const customersAfter = Number((await app.executor.readRows<{ n: number }>("MATCH (c:Customer {status: 'active'}) RETURN count(c) AS n"))[0]!.n);
    expect(customersAfter).toBe(60);
  });
});
