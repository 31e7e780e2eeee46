import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/graph/migrations/migrate.ts';
import { createServices, seedReferenceData, type Services } from '../src/services.ts';
import { runCli } from './support/cli.ts';
import { Gate, ingestGeneratedPeople, JOB_FIELDS, partitionOf, pollUntil, type JobView } from './support/jobs.ts';
import { bearer, emptyDatabase, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.ts';

const START = `mutation($kind: JobKind!, $options: JSON) { startJob(kind: $kind, options: $options) { ${JOB_FIELDS} } }`;
const JOB = `query($id: ID!) { job(id: $id) { ${JOB_FIELDS} result { __typename ... on ResolveReport { records customers keptIds newCustomers mergedAway links reviews heldBack modelVersion } ... on TrainResult { modelVersion records model } } } }`;
const REPORT = 'records customers keptIds newCustomers mergedAway links reviews heldBack modelVersion';
const PEOPLE = 600; // about 1,230 records: two pages of scoring
const PERSONAL = 'Quillfeather';

type Scoring = (rows: ReadonlyArray<{ key: string }>) => Promise<void>;

describe('long operations as jobs', () => {
  let app: TestApp;
  let services: Services;
  let records: number;
  /** Runs before resolution scores each batch of records (a page of resolveAll, or an ingest chunk). */
  let beforeScoring: Scoring | null = null;
  const steward = bearer('steward-1', 'steward');

  const code = (res: GraphQLResponse) => res.body.errors?.[0]?.extensions?.['code'];
  const startJob = (kind: string, options?: unknown, headers = steward) => app.graphql<{ startJob: JobView }>(START, { kind, options }, headers);
  const readJob = async (id: string) => {
    const res = await app.graphql<{ job: JobView & { result: Record<string, unknown> | null } }>(JOB, { id });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.job;
  };
  const finished = (id: string, timeoutMs = 120_000) => pollUntil(() => readJob(id), (j) => !['QUEUED', 'RUNNING'].includes(j.status), timeoutMs);
  let held: Gate | null = null;
  /** Holds resolveAll before it scores its second page, until the gate opens. */
  const holdSecondPage = (gate: Gate) => {
    let pages = 0;
    held = gate;
    gate.close();
    beforeScoring = async (rows) => {
      if (rows.length > 0 && ++pages === 2) await gate.pass();
    };
  };

  beforeAll(async () => {
    app = await startTestApp({
      alterServices: (s) => {
        const score = s.resolution.scoreRecords.bind(s.resolution);
        s.resolution.scoreRecords = async (tx, rows, options) => {
          await beforeScoring?.(rows);
          return score(tx, rows, options);
        };
      },
    });
    // Stored without resolving them, so that re-resolution has every customer to make.
    services = createServices(app.executor, { afterStore: async () => undefined });
    records = await ingestGeneratedPeople(services, PEOPLE);
  }, 240_000);
  // A failed test must not leave a job waiting at its gate, holding its kind for the next.
  afterEach(() => {
    held?.open();
    beforeScoring = null;
  });
  afterAll(async () => app.stop());

  it('startJob returns before the work is done; job(id) shows it RUNNING with progress, then SUCCEEDED with the result resolveAll gives', async () => {
    const gate = new Gate();
    holdSecondPage(gate);
    const started = await startJob('RESOLVE_ALL');
    expect(started.body.errors).toBeUndefined();
    const job = started.body.data!.startJob;
    expect(job).toMatchObject({ kind: 'RESOLVE_ALL', processed: 0, actor: 'steward-1', finishedAt: null, error: null });
    expect(['QUEUED', 'RUNNING']).toContain(job.status);

    // The second page waits for the gate: the job is half way, and says so.
    await pollUntil(async () => gate.arrivals, (n) => n === 1);
    const halfway = await readJob(job.id);
    expect(halfway).toMatchObject({ status: 'RUNNING', phase: 'scoring', processed: 1000, total: records, result: null });
    expect(halfway.progress).toBeGreaterThan(0.5);
    expect(halfway.progress).toBeLessThan(0.8);
    expect(halfway.startedAt).not.toBeNull();
    gate.open();
    const done = await finished(job.id);
    beforeScoring = null;
    expect(done).toMatchObject({ status: 'SUCCEEDED', progress: 1, processed: records, error: null, resumes: 0 });
    expect(done.finishedAt).not.toBeNull();
    const byJob = await partitionOf(app.executor);
    const trail = await app.graphql<{ auditTrail: Array<{ operation: string; actor: string; detail: Record<string, unknown> }> }>(
      '{ auditTrail(operations: [JOB_START, JOB_FINISH, RESOLVE_ALL], first: 10) { operation actor detail } }',
      {},
      bearer('auditor-1', 'auditor'),
    );
    expect(trail.body.data!.auditTrail.map((e) => [e.operation, e.actor])).toEqual([
      ['JOB_FINISH', 'steward-1'],
      ['RESOLVE_ALL', 'steward-1'],
      ['JOB_START', 'steward-1'],
    ]);
    expect(trail.body.data!.auditTrail[0]!.detail).toMatchObject({ job: job.id, kind: 'RESOLVE_ALL', status: 'SUCCEEDED' });

    // The same records again, from the start, re-resolved by the synchronous mutation.
    await emptyDatabase(app.driver);
    await migrate(app.executor);
    await seedReferenceData(services);
    expect(await ingestGeneratedPeople(services, PEOPLE)).toBe(records);
    const sync = await app.graphql<{ resolveAll: Record<string, unknown> }>(`mutation { resolveAll { ${REPORT} } }`, {}, steward);
    expect(sync.body.errors).toBeUndefined();
    const { __typename, ...report } = done.result!;
    expect(__typename).toBe('ResolveReport');
    expect(report).toEqual(sync.body.data!.resolveAll);
    expect(report).toMatchObject({ records, keptIds: 0, mergedAway: 0 });
    expect(report['newCustomers']).toBe(report['customers']);
    expect(report['links']).toBeGreaterThan(100);
    expect(await partitionOf(app.executor)).toEqual(byJob);
  }, 300_000);

  it('starts one job of a kind at a time: of concurrent starts exactly one runs, the others and resolveAll get CONFLICT naming it', async () => {
    const gate = new Gate();
    holdSecondPage(gate);
    const attempts = await Promise.all(Array.from({ length: 5 }, () => startJob('RESOLVE_ALL')));
    const winners = attempts.filter((a) => a.body.data?.startJob);
    expect(winners).toHaveLength(1);
    const id = winners[0]!.body.data!.startJob.id;
    const losers = attempts.filter((a) => !a.body.data?.startJob);
    expect(losers.map(code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
    for (const loser of losers) expect(loser.body.errors![0]!.message).toContain(`A RESOLVE_ALL job is already running: ${id}, started by steward-1`);
    const sync = await app.graphql('mutation { resolveAll { records } }', {}, steward);
    expect(code(sync)).toBe('CONFLICT');
    expect(sync.body.errors![0]!.message).toContain(id);
    const cli = await runCli(['resolve']).done;
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`A RESOLVE_ALL job is already running: ${id}`);
    const listed = await app.graphql<{ jobs: Array<{ id: string }> }>('{ jobs(kind: RESOLVE_ALL, status: RUNNING) { id } }', {}, steward);
    expect(listed.body.data!.jobs).toEqual([{ id }]);
    // The losers left nothing behind: one lock, the job's.
    expect(await app.executor.readRows("MATCH (l:JobLock) RETURN l.kind AS kind")).toEqual([{ kind: 'RESOLVE_ALL' }]);
    gate.open();
    expect((await finished(id)).status).toBe('SUCCEEDED');
    beforeScoring = null;
    expect(await app.executor.readRows('MATCH (l:JobLock) RETURN l.kind AS kind')).toEqual([]);
  }, 240_000);

  it('cancelJob stops a job at its next page: CANCELLED, nothing re-resolved, and the kind free again', async () => {
    const gate = new Gate();
    holdSecondPage(gate);
    const before = await partitionOf(app.executor);
    const { id } = (await startJob('RESOLVE_ALL')).body.data!.startJob;
    await pollUntil(async () => gate.arrivals, (n) => n === 1);
    const agent = await app.graphql('mutation($id: ID!) { cancelJob(id: $id) { id } }', { id }, bearer('agent-1', 'agent'));
    expect(code(agent)).toBe('FORBIDDEN');
    const cancel = await app.graphql<{ cancelJob: JobView }>('mutation($id: ID!) { cancelJob(id: $id) { id status cancelRequested } }', { id }, steward);
    expect(cancel.body.data!.cancelJob).toEqual({ id, status: 'RUNNING', cancelRequested: true });
    gate.open();
    const done = await finished(id);
    beforeScoring = null;
    // The page it was scoring commits; it stops before planning, so nothing is written.
    expect(done).toMatchObject({ status: 'CANCELLED', phase: 'scoring', cancelRequested: true, result: null });
    expect(await partitionOf(app.executor)).toEqual(before);
    const again = await app.graphql('mutation($id: ID!) { cancelJob(id: $id) { id } }', { id }, steward);
    expect(code(again)).toBe('CONFLICT');
    const next = await startJob('RESOLVE_ALL');
    expect(next.body.errors).toBeUndefined();
    expect((await finished(next.body.data!.startJob.id)).status).toBe('SUCCEEDED');
  }, 240_000);

  it('a failed job shows its code and a safe sentence, never the personal data of the error, and frees its kind', async () => {
    let pages = 0;
    beforeScoring = async (rows) => {
      if (rows.length > 0 && ++pages === 2) throw new Error(`cannot score ${PERSONAL}, jane.${PERSONAL.toLowerCase()}@example.com`);
    };
    const { id } = (await startJob('RESOLVE_ALL')).body.data!.startJob;
    const failed = await finished(id);
    beforeScoring = null;
    expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'INTERNAL', phase: 'scoring', processed: 1000, result: null });
    expect(failed.error).toBe('The job failed unexpectedly; the API log has the details under its job id.');
    expect(JSON.stringify(failed)).not.toMatch(new RegExp(PERSONAL, 'i'));
    const next = await startJob('RESOLVE_ALL');
    expect(next.body.errors).toBeUndefined();
    expect((await finished(next.body.data!.startJob.id)).status).toBe('SUCCEEDED');
  }, 240_000);

  it('lets admins and stewards follow jobs, stewards start RESOLVE_ALL but not TRAIN, and no one else do either; options are checked', async () => {
    for (const who of [bearer('agent-1', 'agent'), bearer('auditor-1', 'auditor'), bearer('marketer-1', 'marketer')]) {
      expect(code(await app.graphql('{ jobs { id } }', {}, who))).toBe('FORBIDDEN');
      expect(code(await app.graphql('{ job(id: "job_x") { id } }', {}, who))).toBe('FORBIDDEN');
      expect(code(await startJob('RESOLVE_ALL', undefined, who))).toBe('FORBIDDEN');
    }
    expect(code(await startJob('TRAIN'))).toBe('FORBIDDEN');
    const bad = await startJob('RESOLVE_ALL', { forse: true });
    expect(code(bad)).toBe('BAD_USER_INPUT');
    expect(bad.body.errors![0]!.extensions!['field']).toEqual(['options', 'forse']);
    expect(code(await startJob('TRAIN', { randomPairs: 'many' }, bearer('admin-1', 'admin')))).toBe('BAD_USER_INPUT');
    expect((await app.graphql<{ job: null }>('{ job(id: "job_none") { id } }', {}, steward)).body.data).toEqual({ job: null });
  });

  it('TRAIN trains on the records as the CLI does and stores the model by version', async () => {
    const started = await startJob('TRAIN', { randomPairs: 50_000 }, bearer('admin-1', 'admin'));
    expect(started.body.errors).toBeUndefined();
    const done = await finished(started.body.data!.startJob.id, 180_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', phase: 'checked', progress: 1, total: 6, processed: 6, error: null });
    const result = done.result as { __typename: string; modelVersion: string; records: number; model: { version: string } };
    expect(result.__typename).toBe('TrainResult');
    expect(result.records).toBe(records);
    expect(result.model.version).toBe(result.modelVersion);
    expect(result.modelVersion).toMatch(/^trained-/);
  }, 240_000);

  it('npm run cli -- resolve runs a job with progress lines on stderr; job ID and jobs show it', async () => {
    const run = await runCli(['resolve']).done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Resolved ${records} records into \\d+ customers with model default-3`, 'm'));
    expect(run.stderr).toMatch(/^RESOLVE_ALL scoring: 1000\/\d+ records \(\d+ records\/s, ETA \d+ s\)$/m);
    expect(run.stderr).toMatch(/^RESOLVE_ALL writing: \d+\/\d+ records/m);
    const list = await runCli(['jobs', '--kind', 'resolve-all', '--first', '1']).done;
    expect(list.code).toBe(0);
    const id = /^(job_[0-9a-f]{20})\s+RESOLVE_ALL\s+SUCCEEDED\s+100%/m.exec(list.stdout)?.[1];
    expect(id, list.stdout).toBeDefined();
    const shown = await runCli(['job', id!]).done;
    expect(shown.stdout).toContain(`${id}  RESOLVE_ALL  SUCCEEDED`);
    expect(shown.stdout).toMatch(new RegExp(`progress  100\\.0%  writing  ${records}/${records}`));
    expect(shown.stdout).toMatch(/result {4}\{"records":\d+/);
    expect((await runCli(['job', 'job_none']).done).code).toBe(1);
  }, 180_000);
});
