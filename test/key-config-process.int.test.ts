import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { freePort } from '../src/graph/free-port.ts';
import { GraphExecutor } from '../src/graph/executor.ts';
import { loadConfig } from '../src/config.ts';
import { captureOutput, type Run } from './support/child-output.ts';
import { bearerFor, emptyDatabase, testDriver } from './support/test-app.ts';

// The API process and its keys: production refuses to start without them (before touching
// Neo4j), and development creates its key file once and encrypts with it.
const ROOT = join(import.meta.dirname, '..');
const running = new Set<ChildProcess>();
const devAdmin = bearerFor(loadConfig({ NODE_ENV: 'test' }).auth, 'keys-test', 'admin');

function runApi(env: Record<string, string>): Run {
  // No key or Neo4j setting of the caller's environment leaks in: only what the test gives.
  const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith('NEO4J_') && !key.startsWith('FIELD_') && !key.startsWith('AUTH_') && key !== 'NODE_ENV');
  const child = spawn(process.execPath, ['src/main.ts'], { cwd: ROOT, env: { ...Object.fromEntries(inherited), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return captureOutput(child);
}

async function untilReady(url: string, run: Run): Promise<void> {
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(250)) {
    if (run.child.exitCode !== null) throw new Error(`API exited early (${run.child.exitCode}): ${run.stderr()}`);
    if (await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false)) return;
  }
  throw new Error('API did not become ready in time');
}

describe('the API process and its encryption keys', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const child of running) child.kill('SIGKILL');
  });
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const production = { NODE_ENV: 'production', NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'a-production-password', AUTH_JWT_SECRET: randomBytes(24).toString('hex') };

  it('refuses to start in production without keys, with one line naming the variable', async () => {
    const run = runApi(production);
    expect(await run.exited).toBe(78);
    expect(run.stderr()).toBe('Invalid configuration: FIELD_ENCRYPTION_KEYS must be set when NODE_ENV is production (or FIELD_ENCRYPTION_KEY_FILE)\n');
  });

  it('refuses a malformed key without printing it', async () => {
    const short = randomBytes(16).toString('base64');
    const blind = randomBytes(32).toString('base64');
    const run = runApi({ ...production, FIELD_ENCRYPTION_KEYS: `k1:${short}`, FIELD_BLIND_INDEX_KEY: blind });
    expect(await run.exited).toBe(78);
    expect(run.stderr()).toMatch(/^Invalid configuration: FIELD_ENCRYPTION_KEYS must give key k1 as 32 bytes/);
    expect(run.stderr() + run.stdout()).not.toContain(short);
    expect(run.stderr() + run.stdout()).not.toContain(blind);
  });

  it('in development creates a key file once, logs that once, reuses it on the next start, and encrypts with it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'identity-graph-keys-'));
    dirs.push(dir);
    const keyFile = join(dir, '.keys', 'field-encryption.json');
    const neo4j = inject('neo4j');
    const driver = testDriver();
    try {
      await emptyDatabase(driver);
      const start = async () => {
        const port = await freePort();
        const run = runApi({ NODE_ENV: 'test', PORT: String(port), NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password, FIELD_ENCRYPTION_LOCAL_KEY_FILE: keyFile });
        await untilReady(`http://127.0.0.1:${port}`, run);
        return { run, url: `http://127.0.0.1:${port}` };
      };
      const first = await start();
      const created = (text: string) => text.split('\n').filter((line) => line.includes('created a development key file'));
      expect(created(first.run.stdout())).toHaveLength(1);
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      const file = JSON.parse(await readFile(keyFile, 'utf8')) as { keys: Record<string, string>; blindIndexKey: string };
      for (const secret of [...Object.values(file.keys), file.blindIndexKey]) expect(first.run.stdout() + first.run.stderr()).not.toContain(secret);
      const contact = { Id: '003KEYS00000000001', FirstName: 'Ottoline', LastName: 'Vexley', Email: 'ottoline@keys.example', LastModifiedDate: '2024-01-01T00:00:00.000+0000' };
      const ingest = await fetch(`${first.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...devAdmin },
        body: JSON.stringify({ query: 'mutation($r: [JSON!]!) { ingestBatch(source: "crm", records: $r) { stored } }', variables: { r: [contact] } }),
      });
      expect(((await ingest.json()) as { data: { ingestBatch: { stored: number } } }).data.ingestBatch.stored).toBe(1);
      first.run.child.kill('SIGTERM');
      expect(await first.run.exited).toBe(0);
      const [stored] = await new GraphExecutor(driver, 'neo4j').readRows<{ attrs: string }>('MATCH (r:SourceRecord) RETURN r.attrs AS attrs');
      expect(stored!.attrs.startsWith('enc1.local1.')).toBe(true);

      const second = await start();
      expect(created(second.run.stdout())).toEqual([]);
      const read = await fetch(`${second.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...devAdmin },
        body: JSON.stringify({ query: '{ customerByIdentifier(type: EMAIL, value: "ottoline@keys.example") { profile { fullName { value } } } }' }),
      });
      expect(await read.json()).toEqual({ data: { customerByIdentifier: { profile: { fullName: { value: 'Ottoline Vexley' } } } } });
      second.run.child.kill('SIGTERM');
      expect(await second.run.exited).toBe(0);
    } finally {
      await driver.close();
    }
  }, 240_000);
});
