import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkpointPath } from '../src/cli/checkpoint.ts';
import { freePort } from '../src/graph/free-port.ts';
import { GraphExecutor } from '../src/graph/executor.ts';
import { startNeo4jProxy, type Neo4jProxy } from './support/neo4j-proxy.ts';
import { bearer, startTestApp, testAuth, testDriver, type TestApp } from './support/test-app.ts';
import { captureOutput, type Run } from './support/child-output.ts';

const ROOT = join(import.meta.dirname, '..');
/** NEO4J_REQUEST_TIMEOUT_MS of the processes started here. */
const REQUEST_TIMEOUT_MS = 2_000;
/** Slack for a loaded machine: these check that a bound holds, they are not benchmarks. */
const MARGIN_MS = 1_500;

/** CLI runs, killed after each test so that a failed assertion leaves none behind. */
const cliRuns = new Set<ChildProcess>();

/** `node <script>` with the test Neo4j's credentials, Neo4j at `neo4jUri`, and `env`. */
function run(script: string, args: string[], neo4jUri: string, env: Record<string, string> = {}): Run {
  const neo4j = inject('neo4j');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NEO4J_') && !key.startsWith('AUTH_')));
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'test',
      NEO4J_URI: neo4jUri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return captureOutput(child);
}

function cli(args: string[], neo4jUri: string): Run {
  const started = run('src/cli/main.ts', args, neo4jUri);
  cliRuns.add(started.child);
  return started;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

const exitWithin = (process: Run, ms: number) => Promise.race([process.exited, sleep(ms, 'still running' as const)]);

afterEach(() => {
  for (const child of cliRuns) child.kill('SIGKILL');
  cliRuns.clear();
});

describe('the API when Neo4j goes away', () => {
  let proxy: Neo4jProxy;
  let api: Run;
  let url: string;

  const readyz = () => timed(async () => (await fetch(`${url}/readyz`)).status);
  const sources = () =>
    timed(async () => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer('test-admin', 'admin') },
        body: JSON.stringify({ query: '{ sources { name } }' }),
      });
      return (await response.json()) as { data?: { sources: unknown[] } | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    });

  beforeAll(async () => {
    proxy = await startNeo4jProxy(inject('neo4j').uri);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = run('src/main.ts', [], proxy.uri, {
      PORT: String(port),
      LOG_LEVEL: 'warn',
      AUTH_JWT_SECRET: testAuth.verifier.kind === 'secret' ? testAuth.verifier.secret : '',
      AUTH_ISSUER: testAuth.issuer!,
      AUTH_AUDIENCE: testAuth.audience!,
    });
    for (const deadline = Date.now() + 60_000; ; await sleep(250)) {
      if (api.child.exitCode !== null) throw new Error(`API exited early: ${api.stderr()}`);
      if ((await fetch(`${url}/readyz`).then((r) => r.status, () => 0)) === 200) break;
      if (Date.now() > deadline) throw new Error('API did not become ready');
    }
  });
  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await proxy?.close();
  });

  it.each([
    ['stopped (connections refused)', () => proxy.refuse()],
    ['hung (connections accepted, never answered)', () => proxy.hang()],
  ])('answers /readyz 503 within 2 s and GraphQL SERVICE_UNAVAILABLE within the request timeout when Neo4j is %s', async (_how, takeAway) => {
    expect((await sources()).value.data?.sources.length).toBeGreaterThan(0);
    await takeAway();

    const ready = await readyz();
    expect(ready.value).toBe(503);
    expect(ready.ms).toBeLessThan(2_000);

    const query = await sources();
    expect(query.value.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(query.value.errors![0]!.message).toBe('Service temporarily unavailable');
    expect(query.ms).toBeLessThan(REQUEST_TIMEOUT_MS + MARGIN_MS);

    await proxy.forward();
    for (const deadline = Date.now() + 20_000; (await readyz()).value !== 200; await sleep(200)) {
      if (Date.now() > deadline) throw new Error('API did not recover when Neo4j came back');
    }
    expect((await sources()).value.data?.sources.length).toBeGreaterThan(0);
  });
});

describe('the CLI when Neo4j goes away', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** Made-up CRM contacts; the test checks no value of theirs reaches the error output. */
  async function contactsFile(count: number): Promise<{ file: string; values: string[] }> {
    const dir = await mkdtemp(join(tmpdir(), 'identity-graph-unavailable-'));
    dirs.push(dir);
    const rows = Array.from({ length: count }, (_, i) => ({
      Id: `003UNAV${String(i).padStart(11, '0')}`,
      FirstName: `Givenname${i}`,
      LastName: `Familyname${i}`,
      Email: `person.${i}@example.com`,
      LastModifiedDate: '2024-01-01T00:00:00.000+0000',
    }));
    const file = join(dir, 'contacts.ndjson');
    await writeFile(file, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
    return { file, values: rows.flatMap((row) => [row.Id, row.FirstName, row.LastName, row.Email]) };
  }

  const lastLine = (text: string) => text.trim().split('\n').at(-1)!;

  it('exits 1 with one line, and no stack, when nothing listens at NEO4J_URI', async () => {
    const { file } = await contactsFile(3);
    const { value: started, ms } = await timed(async () => {
      const started = cli(['import', '--source', 'crm', file], `bolt://127.0.0.1:${await freePort()}`);
      expect(await exitWithin(started, 15_000)).toBe(1);
      return started;
    });
    expect(started.stderr()).toMatch(/^Cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:\d+\. Start the product .*\n$/);
    expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 5_000);
  });

  it('stops an import cut off half-way with one line, and the next run resumes from the checkpoint', async () => {
    const total = 120;
    const { file, values } = await contactsFile(total);
    const proxy = await startNeo4jProxy(inject('neo4j').uri);
    try {
      const first = cli(['import', '--source', 'crm', '--chunk', '10', file], proxy.uri);
      for (const deadline = Date.now() + 60_000; ; await sleep(25)) {
        if (first.child.exitCode !== null) throw new Error(`import ended before it was cut off: ${first.stderr()}`);
        if (await readFile(checkpointPath(file), 'utf8').then(() => true, () => false)) break;
        if (Date.now() > deadline) throw new Error('no chunk committed');
      }
      await proxy.refuse();
      const { value: code, ms } = await timed(() => exitWithin(first, 30_000));
      expect(code).toBe(1);
      expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 5_000);
      const message = lastLine(first.stderr());
      expect(message).toMatch(/^Import stopped: Neo4j is not answering \(\d+ records committed\)\. Run the same command again to resume\.$/);
      expect(first.stderr()).not.toMatch(/^\s+at /m);
      expect(values.filter((value) => first.stderr().includes(value) || first.stdout().includes(value))).toEqual([]);
      const committed = Number(/\((\d+) records committed\)/.exec(message)![1]);
      expect(committed).toBeGreaterThan(0);
      expect(committed).toBeLessThan(total);
      const checkpoint = JSON.parse(await readFile(checkpointPath(file), 'utf8')) as { nextPosition: number };
      expect(checkpoint.nextPosition).toBe(committed);

      await proxy.forward();
      const second = cli(['import', '--source', 'crm', '--chunk', '10', file], proxy.uri);
      expect(await exitWithin(second, 120_000)).toBe(0);
      expect(second.stderr()).toContain(`Resuming after an interrupted import: skipping the ${committed} records already committed.`);
      expect(second.stdout()).toContain(`Imported ${total - committed} records into crm`);
    } finally {
      await proxy.close();
    }
    const driver = testDriver();
    try {
      const [row] = await new GraphExecutor(driver, 'neo4j').readRows<{ n: number }>("MATCH (r:SourceRecord) WHERE r.key STARTS WITH 'crm|003UNAV' RETURN count(r) AS n");
      expect(row!.n).toBe(total);
    } finally {
      await driver.close();
    }
  }, 180_000);
});

describe('sessions per request', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    const records = Array.from({ length: 300 }, (_, i) => ({
      Id: `003CAP${String(i).padStart(12, '0')}`,
      LastName: `Capname${i}`,
      LastModifiedDate: '2024-01-01T00:00:00.000+0000',
    }));
    const stored = await app.graphql<{ ingestBatch: { stored: number } }>('mutation($r: [JSON!]!) { ingestBatch(source: "crm", records: $r) { stored } }', { r: records });
    expect(stored.body.data?.ingestBatch.stored).toBe(records.length);
  });
  afterAll(async () => {
    await app?.stop();
  });

  // As many aliases as a person may send, each as large a page as the cost limit then allows.
  const fifteenCrosswalks = `{ ${Array.from({ length: 15 }, (_, i) => `c${i}: crosswalk(first: 60) { sourceRecordId customerId }`).join(' ')} }`;

  it('holds a query with 15 aliases of crosswalk to 4 sessions at once, while another client is answered promptly', async () => {
    app.executor.resetSessionPeak();
    const big = timed(() => app.graphql<Record<string, unknown[]>>(fifteenCrosswalks));
    const small = await timed(() => app.graphql<{ sources: Array<{ name: string }> }>('{ sources { name } }'));
    const { value: result } = await big;

    expect(result.body.errors).toBeUndefined();
    expect(Object.values(result.body.data!).map((rows) => rows.length)).toEqual(Array(15).fill(60));
    expect(small.value.body.data?.sources.length).toBeGreaterThan(0);
    expect(small.ms).toBeLessThan(2_000);
    // The other client's request had sessions of its own: at most its one on top of the four.
    expect(app.executor.sessionCounts().peak).toBeLessThanOrEqual(4 + 1);
    expect(app.executor.sessionCounts().open).toBe(0);

    app.executor.resetSessionPeak();
    await app.graphql(fifteenCrosswalks);
    expect(app.executor.sessionCounts().peak).toBe(4);
  });
});
