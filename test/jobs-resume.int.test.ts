import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { freePort } from '../src/graph/free-port.ts';
import { systemActor } from '../src/audit/audit.ts';
import { createServices, type Services } from '../src/services.ts';
import { captureOutput, type Run } from './support/child-output.ts';
import { ingestGeneratedPeople, JOB_FIELDS, partitionOf, pollUntil, type JobView } from './support/jobs.ts';
import { bearerFor, startTestApp, testCodec, type TestApp } from './support/test-app.ts';

const ROOT = join(import.meta.dirname, '..');
/** An admin of a process started with NODE_ENV=test and no AUTH_* settings: the development secret. */
const admin = bearerFor(loadConfig({ NODE_ENV: 'test' }).auth, 'resume-test', 'admin');
const LEASE_MS = 3_000;
const PEOPLE = 2_000; // about 4,300 records: five pages of scoring

const running = new Set<ChildProcess>();

/** The real API (`node src/main.ts`) on the test Neo4j, with short job leases. */
async function startApi(port: number): Promise<Run> {
  const neo4j = inject('neo4j');
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NEO4J_')));
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: 'test', PORT: String(port), NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password, JOB_LEASE_MS: String(LEASE_MS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const run = captureOutput(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited early: ${run.stderr()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return run;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error('API did not become ready');
}

async function gql<D>(port: number, query: string, variables: Record<string, unknown> = {}): Promise<D> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: D; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

describe('a RESOLVE_ALL job survives the death of its API process', () => {
  let app: TestApp;
  let services: Services;
  let records: number;

  beforeAll(async () => {
    app = await startTestApp();
    // The API processes it starts encrypt with the development key file: so do these services.
    services = createServices(app.executor, { codec: testCodec() });
    records = await ingestGeneratedPeople(services, PEOPLE, 7);
  }, 240_000);
  afterEach(() => {
    for (const child of running) child.kill('SIGKILL');
  });
  afterAll(async () => app.stop());

  it('resumes after a SIGKILL from its last committed page, scoring no page twice, and ends with the clustering of an uninterrupted run', async () => {
    const port = await freePort();
    const first = await startApi(port);
    const job = (await gql<{ startJob: JobView }>(port, `mutation { startJob(kind: RESOLVE_ALL) { ${JOB_FIELDS} } }`)).startJob;
    const readJob = async () => (await gql<{ job: JobView }>(port, `query($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`, { id: job.id })).job;
    // Killed with at least one page committed and more to score.
    const seen = await pollUntil(readJob, (j) => j.processed >= 1000 || !['QUEUED', 'RUNNING'].includes(j.status), 120_000, 50);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(seen).toMatchObject({ status: 'RUNNING', phase: 'scoring', total: records });
    const committed = await services.jobs.pageLog(job.id);
    expect(committed.length).toBeGreaterThanOrEqual(1);
    expect(committed.length).toBeLessThan(Math.ceil(records / 1000));
    const atKill = await services.jobs.get(job.id);
    expect(atKill).toMatchObject({ status: 'RUNNING', processed: committed.length * 1000, resumes: 0 });

    // A new process takes the job over once the dead one's lease has run out.
    const killedAt = Date.now();
    const second = await startApi(port);
    const readyAt = Date.now();
    await pollUntil(readJob, (j) => j.resumes === 1, 60_000, 100);
    const takenAt = Date.now();
    const done = await pollUntil(readJob, (j) => !['QUEUED', 'RUNNING'].includes(j.status), 180_000, 250);
    const doneAt = Date.now();
    expect(done).toMatchObject({ status: 'SUCCEEDED', processed: records, total: records, resumes: 1, error: null });
    expect(second.stdout()).toContain('"msg":"resuming a job whose process stopped"');
    expect(second.stdout()).toContain(`"processed":${committed.length * 1000}`);

    // Every page once: the first attempt's pages as they were, the second scored only the rest.
    const pages = await services.jobs.pageLog(job.id);
    expect(pages.map((p) => p.index)).toEqual(Array.from({ length: Math.ceil(records / 1000) }, (_, i) => i));
    expect(pages.filter((p) => p.attempt === 1)).toEqual(committed);
    expect(pages.filter((p) => p.attempt === 2).map((p) => p.index)).toEqual(pages.slice(committed.length).map((p) => p.index));
    expect(pages.reduce((sum, p) => sum + p.records, 0)).toBe(records);
    expect(new Set(pages.map((p) => p.owner)).size).toBe(2);

    // An uninterrupted run over the same records finds nothing left to change.
    const resumed = await partitionOf(app.executor);
    second.child.kill('SIGTERM');
    await second.exited;
    const again = (await services.jobs.runHere('RESOLVE_ALL', {}, systemActor)).job;
    expect(again.status).toBe('SUCCEEDED');
    expect(again.result).toMatchObject({ records, mergedAway: 0, newCustomers: 0 });
    expect(await partitionOf(app.executor)).toEqual(resumed);
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    process.stdout.write(
      `resume: ${records} records, killed after ${committed.length} of ${pages.length} pages; restarted API ready in ${s(readyAt - killedAt)}, ` +
        `took the job over ${s(takenAt - readyAt)} later, finished ${s(doneAt - takenAt)} after that\n`,
    );
  }, 420_000);
});
