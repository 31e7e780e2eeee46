import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { migrations } from '../src/graph/migrations/index.ts';
import { migrationLabel } from '../src/graph/migrations/migration.ts';
import { freePort } from '../src/graph/free-port.ts';
import { GraphExecutor } from '../src/graph/executor.ts';
import { loadConfig } from '../src/config.ts';
import { bearerFor, testDriver } from './support/test-app.ts';
import { captureOutput, type Run } from './support/child-output.ts';

/** An admin of a process started with NODE_ENV=test and no AUTH_* settings: the development secret. */
const devAdmin = bearerFor(loadConfig({ NODE_ENV: 'test' }).auth, 'process-test', 'admin');

const ROOT = join(import.meta.dirname, '..');


const running = new Set<ChildProcess>();

/** Starts the API as `node src/main.ts`, or as the README's `npm start` when asked. */
function runApi(env: Record<string, string | undefined>, via: 'node' | 'npm start' = 'node'): Run {
  const cleanEnv = Object.fromEntries(
    Object.entries({ ...process.env, ...env }).filter(
      ([key, value]) => value !== undefined && !(key.startsWith('NEO4J_') && !(key in env)),
    ),
  ) as Record<string, string>;
  const [command, args] = via === 'node' ? [process.execPath, ['src/main.ts']] : ['npm', ['start', '--silent']];
  const child = spawn(command, args, { cwd: ROOT, env: cleanEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return captureOutput(child);
}

async function waitUntilReady(url: string, run: Run, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`API exited early (${run.child.exitCode})`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error('API did not become ready in time');
}

const javaProcessesUsing = (dataDir: string): string[] => {
  try {
    return execFileSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
};

describe('the API process', () => {
  const dirs: string[] = [];
  // A failed assertion must not leave an API (and its Neo4j) running behind the suite.
  afterEach(() => {
    for (const child of running) child.kill('SIGKILL');
  });
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['PORT', 'not-a-port'],
    ['NEO4J_URI', 'http://localhost:7474'],
    ['LOG_LEVEL', 'loud'],
    ['NEO4J_LOCAL_HEAP', 'lots'],
  ])('exits non-zero naming %s when it is malformed', async (variable, value) => {
    const run = runApi({ [variable]: value, NEO4J_PASSWORD: 'a-long-enough-password' });
    expect(await run.exited).toBe(78);
    expect(run.stderr()).toMatch(new RegExp(`^Invalid configuration: ${variable} must be .+\\n$`));
    expect(run.stderr()).not.toContain(value);
  });

  it('exits non-zero naming NEO4J_PASSWORD when NEO4J_URI is set without it', async () => {
    const run = runApi({ NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: undefined });
    expect(await run.exited).toBe(78);
    expect(run.stderr()).toContain('NEO4J_PASSWORD');
  });

  it('serves on a given Neo4j and shuts down cleanly on SIGTERM', async () => {
    const neo4j = inject('neo4j');
    const port = await freePort();
    const run = runApi({ PORT: String(port), NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password, NODE_ENV: 'test' });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(url, run, 60_000);
    // A write appends an audit entry; stopping seals it and logs the new head as an anchor.
    const contact = { Id: '003PROC00000000001', FirstName: 'Given', LastName: 'Family', LastModifiedDate: '2024-01-01T00:00:00.000+0000' };
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...devAdmin },
      body: JSON.stringify({ query: 'mutation($r: [JSON!]!) { ingestBatch(source: "crm", records: $r) { stored } }', variables: { r: [contact] } }),
    });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('"msg":"stopped"');
    // The last head logged (the sealer may have logged earlier ones while the API ran).
    const anchor = [...run.stdout().matchAll(/"auditAnchor":"(\d+):([0-9a-f]{64})","msg":"audit chain sealed"/g)].at(-1) ?? null;
    expect(anchor).not.toBeNull();
    const driver = testDriver();
    try {
      const [head] = await new GraphExecutor(driver, 'neo4j').readRows<{ seq: number; hash: string }>("MATCH (h:AuditHead {id: 'chain'}) RETURN h.seq AS seq, h.hash AS hash");
      expect(head).toEqual({ seq: Number(anchor![1]), hash: anchor![2] });
    } finally {
      await driver.close();
    }
  });

  it('npm start with NEO4J_URI unset starts the local Neo4j, serves GraphQL, and SIGTERM to npm stops both', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'identity-graph-process-'));
    dirs.push(dataDir);
    const port = await freePort();
    const run = runApi({
      PORT: String(port),
      NODE_ENV: 'test',
      NEO4J_LOCAL_BOLT_PORT: String(await freePort()),
      NEO4J_LOCAL_DATA_DIR: dataDir,
      NEO4J_LOCAL_HEAP: '384m',
      NEO4J_LOCAL_PAGECACHE: '64m',
    }, 'npm start');
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(url, run, 200_000);
    expect(javaProcessesUsing(dataDir)).toHaveLength(1);

    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...devAdmin },
      body: JSON.stringify({ query: '{ serviceInfo { migrations } customer(id: "cus_none") { id } }' }),
    });
    expect(await res.json()).toEqual({ data: { serviceInfo: { migrations: migrations.map(migrationLabel) }, customer: null } });

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(javaProcessesUsing(dataDir)).toEqual([]);
  }, 300_000);
});
