import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refreshViewIfStale, refreshViewJob } from '../src/jobs/refresh-view.job.ts';
import { JobService } from '../src/jobs/job.service.ts';
import type { JobModel } from '../src/jobs/job.ts';
import { createServices, seedReferenceData } from '../src/services.ts';
import { customerViewOf, VIEW_VERSION } from '../src/view/customer-view.ts';
import { customersOf, ingestPeople, registerPeople, type PersonRow } from './support/people-source.ts';
import { bearer, emptyDatabase, startTestApp, testCodec, type TestApp } from './support/test-app.ts';

// A base as an upgrade finds it: customers built by ingest, then their derived read
// properties and stamp removed as a release before migrations 0015 and 0020 left them.
const people: PersonRow[] = [
  { id: 'p1', given: 'Ada', family: 'Lovelace', email: 'ada@example.com', dob: '1815-12-10', city: 'London', postcode: 'SW1A 1AA', street: '1 St James' },
  { id: 'p2', given: 'Grace', family: 'Hopper', email: 'grace@example.com', city: 'Arlington', postcode: 'W1A 0AX', street: '2 Navy Row' },
  { id: 'p3', given: 'Alan', family: 'Turing', email: 'alan@example.com', city: 'Manchester', postcode: 'M1 1AE', street: '3 Oxford Rd' },
  { id: 'p4', given: 'Edsger', family: 'Dijkstra', email: 'edsger@example.com', city: 'Leeds', postcode: 'LS1 1UR', street: '4 Park Sq' },
  { id: 'p5', given: 'Barbara', family: 'Liskov', email: 'barbara@example.com', city: 'London', postcode: 'EC1A 1BB', street: '5 Old St' },
  { id: 'p6', given: 'Babs', family: 'Liskov', email: 'b.liskov@example.org', city: 'Boston', postcode: 'LS2 9JT', street: '9 Other Rd' },
];
const DERIVED = 'c.searchNames, c.searchSounds, c.searchPostcodes, c.searchDob, c.searchTerms, c.segmentGivenName, c.segmentFamilyName, c.segmentCountry, c.segmentPostcode, c.segmentCity, c.viewVersion';
const SEARCH = 'query($q: String) { searchCustomers(query: $q, first: 20) { edges { node { id } } } }';
const steward = bearer('view-steward', 'steward');

describe('refreshing customers views after an upgrade (REFRESH_VIEW)', () => {
  let app: TestApp;
  let ids: Record<string, string>;
  let marketer: Record<string, string>;

  /** Removes the derived properties and the stamp of the customers given (all when null), as a base before 0015/0020. */
  const strip = (only: string[] | null = null) => app.executor.writeRows(`MATCH (c:Customer) WHERE $only IS NULL OR c.id IN $only REMOVE ${DERIVED}`, { only });
  /**
   * Every customer's properties, by id. The encoded clear names (searchTerms) are compared
   * decoded: the encrypting codec draws a fresh IV each write, so the same view rewritten
   * differs in ciphertext only. Every other property is compared as stored.
   */
  const customers = async (): Promise<Record<string, Record<string, unknown>>> =>
    Object.fromEntries(
      (await app.executor.readRows<{ id: string; props: Record<string, unknown> }>('MATCH (c:Customer) RETURN c.id AS id, properties(c) AS props ORDER BY id')).map((r) => [
        r.id,
        { ...r.props, ...(typeof r.props['searchTerms'] === 'string' ? { searchTerms: testCodec().decode(r.props['searchTerms']) } : {}) },
      ]),
    );
  const counts = async () =>
    (await app.executor.readRows<{ golden: number; lineage: number; outbox: number; decisions: number }>(
      'RETURN COUNT { (:GoldenChange) } AS golden, COUNT { (:LineageEvent) } AS lineage, COUNT { (:OutboxEvent) } AS outbox, COUNT { (:SplitDecision) } + COUNT { (:MustLinkDecision) } AS decisions',
    ))[0]!;
  const auditIds = async () => new Set((await app.executor.readRows<{ id: string }>('MATCH (e:AuditEntry) RETURN e.id AS id')).map((r) => r.id));
  const newAuditOperations = async (before: Set<string>) =>
    (await app.executor.readRows<{ id: string; operation: string }>('MATCH (e:AuditEntry) RETURN e.id AS id, e.operation AS operation')).filter((e) => !before.has(e.id)).map((e) => e.operation).sort();
  const found = async (q: string) => {
    const res = await app.graphql<{ searchCustomers: { edges: Array<{ node: { id: string } }> } }>(SEARCH, { q }, steward);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.searchCustomers.edges.map((e) => e.node.id).sort();
  };
  const segmentCount = async (definition: unknown) => {
    const res = await app.graphql<{ createSegment: { count: number } }>('mutation($d: JSON!) { createSegment(input: { name: "view", definition: $d }) { count } }', { d: definition }, marketer);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.createSegment.count;
  };
  const startJob = async (): Promise<JobModel> => {
    const res = await app.graphql<{ startJob: JobModel }>('mutation { startJob(kind: REFRESH_VIEW) { id status kind } }', {}, steward);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.startJob;
  };
  type Followed = { id: string; status: string; processed: number; total: number; result: { viewVersion: number; scanned: number; refreshed: number } | null };
  const finished = async (id: string): Promise<Followed> => {
    for (let i = 0; i < 200; i++) {
      const res = await app.graphql<{ job: Followed }>(
        'query($id: ID!) { job(id: $id) { id status processed total result { ... on RefreshViewResult { viewVersion scanned refreshed } } } }',
        { id },
        steward,
      );
      const job = res.body.data!.job;
      if (!['QUEUED', 'RUNNING'].includes(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`job ${id} did not finish`);
  };
  /** Every customer's derived properties are what the one derivation gives for its stored golden record and records, at VIEW_VERSION. */
  const expectViewsFollowGolden = async () => {
    const all = await customers();
    const inputs = await app.executor.read((tx) => app.services.golden.inputs(tx, Object.keys(all)));
    for (const [id, props] of Object.entries(all)) {
      const input = inputs.get(id)!;
      // The app's codec: tokens are keyed hashes (deterministic), the clear names encrypted (compared decoded, as customers() reads them).
      const view = customerViewOf(input.status === 'merged' ? null : input.golden, input.records.flatMap((r) => r.person.names), testCodec());
      const terms = view.terms === null ? null : testCodec().decode(view.terms);
      const expected = { searchNames: view.names, searchSounds: view.sounds, searchPostcodes: view.postcodes, searchDob: view.dob, searchTerms: terms, ...view, viewVersion: VIEW_VERSION };
      for (const key of ['names', 'sounds', 'postcodes', 'dob', 'terms'] as const) delete (expected as Record<string, unknown>)[key];
      for (const [key, value] of Object.entries(expected)) expect({ id, key, value: props[key] ?? null }).toEqual({ id, key, value });
    }
  };

  beforeAll(async () => {
    app = await startTestApp();
    marketer = await app.authHeaders('view-marketer', 'marketer');
  }, 120_000);
  afterAll(async () => app?.stop());

  beforeEach(async () => {
    await emptyDatabase(app.driver);
    await seedReferenceData(createServices(app.executor));
    await registerPeople(app);
    await ingestPeople(app, people);
    ids = Object.fromEntries(Object.entries(await customersOf(app, people.map((p) => p.id))).map(([k, v]) => [k, v!]));
    // The two Liskovs become one: a merged-away customer in the base.
    const merged = await app.graphql('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person") { survivor { id } } }', { a: ids['p5'], b: ids['p6'] }, steward);
    expect(merged.body.errors).toBeUndefined();
  }, 120_000);

  it('finds stripped customers by search and counts them in segments again, with golden records, lineage and audit untouched', async () => {
    const before = await customers();
    expect(Object.values(before).every((c) => c['viewVersion'] === VIEW_VERSION)).toBe(true);
    const london = { attribute: 'city', op: 'eq', value: 'London' };
    const liskov = { attribute: 'familyName', op: 'eq', value: 'liskov' };
    const counted = [await segmentCount(london), await segmentCount(liskov)];
    expect(counted[0]).toBeGreaterThanOrEqual(1);
    expect(counted[1]).toBe(1);
    await strip();
    expect(await found('lovelace')).toEqual([]);
    expect([await segmentCount(london), await segmentCount(liskov)]).toEqual([0, 0]);
    expect((await app.services.view.counts()).stale).toBe(6);
    const churn = await counts();
    const audit = await auditIds();

    const job = await finished((await startJob()).id);

    expect(job).toMatchObject({ status: 'SUCCEEDED', processed: 6, total: 6, result: { viewVersion: VIEW_VERSION, scanned: 6, refreshed: 6 } });
    // Each customer is as the golden refresh had left it: same golden record, timestamps and derived properties.
    expect(await customers()).toEqual(before);
    expect(await counts()).toEqual(churn);
    expect(await newAuditOperations(audit)).toEqual(['job.finish', 'job.start']);
    await expectViewsFollowGolden();
    expect(await found('lovelace')).toEqual([ids['p1']]);
    expect(await found('hopper')).toEqual([ids['p2']]);
    expect([await segmentCount(london), await segmentCount(liskov)]).toEqual(counted);
    expect((await app.services.view.counts()).stale).toBe(0);
    const listed = await app.graphql<{ jobs: Array<{ id: string }> }>('{ jobs(kind: REFRESH_VIEW) { id } }', {}, steward);
    expect(listed.body.data!.jobs.map((j) => j.id)).toEqual([job.id]);
  });

  it('skips customers already stamped, and a second run writes nothing', async () => {
    const before = await customers();
    await strip([ids['p1']!, ids['p3']!]);
    const first = await finished((await startJob()).id);
    expect(first.result).toEqual({ viewVersion: VIEW_VERSION, scanned: 6, refreshed: 2 });
    const after = await customers();
    expect(after).toEqual(before);
    const churn = await counts();
    const audit = await auditIds();
    const second = await finished((await startJob()).id);
    expect(second.result).toEqual({ viewVersion: VIEW_VERSION, scanned: 6, refreshed: 0 });
    expect(await customers()).toEqual(after);
    expect(await counts()).toEqual(churn);
    expect(await newAuditOperations(audit)).toEqual(['job.finish', 'job.start']);
  });

  it('rewrites customers stamped with an older version, not those stamped with a newer one', async () => {
    await app.executor.writeRows('MATCH (c:Customer {id: $id}) SET c.viewVersion = $older, c.searchNames = null, c.searchSounds = null', { id: ids['p2'], older: VIEW_VERSION - 1 });
    await app.executor.writeRows('MATCH (c:Customer {id: $id}) SET c.viewVersion = $newer, c.searchNames = null, c.searchSounds = null', { id: ids['p3'], newer: VIEW_VERSION + 1 });
    const job = await finished((await startJob()).id);
    expect(job.result).toEqual({ viewVersion: VIEW_VERSION, scanned: 6, refreshed: 1 });
    expect(await found('hopper')).toEqual([ids['p2']]);
    // A newer release's process stamped it: its derivations are not this process's to undo.
    expect(await found('turing')).toEqual([]);
  });

  it('resumes after the last committed page when its process stops, doing no page twice', async () => {
    await strip();
    const leaseMs = 1_000;
    const first = new JobService(app.executor, [refreshViewJob(app.services.view, app.executor, 2)], { leaseMs });
    let stopping: Promise<void> | null = null;
    const stopped = await first.runHere('REFRESH_VIEW', {}, { id: 'ops', role: 'admin', requestId: null }, (job) => {
      if (job.processed >= 2 && !stopping) stopping = first.stopAll();
    });
    await stopping;
    expect(stopped.stopped).toBe('shutdown');
    expect((await app.services.view.counts()).stale).toBeGreaterThan(0);
    // The lease was given back, but a heartbeat in flight may renew it once: past one lease it is stale in any case.
    await new Promise((resolve) => setTimeout(resolve, leaseMs + 250));
    const second = new JobService(app.executor, [refreshViewJob(app.services.view, app.executor, 2)], { leaseMs });
    const resumed = await second.runHere('REFRESH_VIEW', {}, { id: 'ops', role: 'admin', requestId: null });
    expect(resumed.resumed).toBe(true);
    expect(resumed.job).toMatchObject({ id: stopped.job.id, status: 'SUCCEEDED', resumes: 1, result: { viewVersion: VIEW_VERSION, scanned: 6, refreshed: 6 } });
    const log = await second.pageLog(stopped.job.id);
    expect(log.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(log[0]!.attempt).toBe(1);
    expect(log.at(-1)!.attempt).toBe(2);
    await expectViewsFollowGolden();
  });

  it('is started at start-up by one of several processes when a customer is stale, and by none when none is', async () => {
    await strip([ids['p4']!]);
    // Three API processes; the job they start waits for `open` so that it is still running when the others try (a real base takes minutes).
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const processes = [0, 1, 2].map(() => {
      const handler = refreshViewJob(app.services.view, app.executor);
      return new JobService(app.executor, [{ ...handler, run: async (context) => gate.then(() => handler.run(context)) }]);
    });
    const started = await Promise.all(processes.map((jobs) => refreshViewIfStale(jobs, app.services.view)));
    const jobs = started.filter((j): j is JobModel => j !== null);
    expect(jobs).toHaveLength(1);
    open();
    const job = await finished(jobs[0]!.id);
    expect(job.result).toEqual({ viewVersion: VIEW_VERSION, scanned: 6, refreshed: 1 });
    expect(await found('dijkstra')).toEqual([ids['p4']]);
    expect(await Promise.all(processes.map((jobs) => refreshViewIfStale(jobs, app.services.view)))).toEqual([null, null, null]);
    const listed = await app.graphql<{ jobs: Array<{ id: string; actor: string }> }>('{ jobs(kind: REFRESH_VIEW) { id actor } }', {}, steward);
    expect(listed.body.data!.jobs).toEqual([{ id: job.id, actor: 'system' }]);
  });
});
