import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDriver } from '../../src/graph/driver.ts';
import { GraphExecutor } from '../../src/graph/executor.ts';
import { freePort } from '../../src/graph/free-port.ts';
import { startLocalNeo4j } from '../../src/graph/local-neo4j.ts';

export type BenchDatabase = {
  executor: GraphExecutor;
  /** The same database as the environment variables the CLI reads, for a child process. */
  env: Record<string, string>;
  /** 'external' (NEO4J_URI) or the local launcher's settings; never the credentials. */
  description: string;
  /** The local Neo4j's process id (for its memory), undefined for an external one. */
  pid?: number;
  close(): Promise<void>;
};

export type BenchDatabaseOptions = {
  /**
   * Keep the local Neo4j's data in this folder, reused by the next run and never deleted
   * (a benchmark that loads for an hour loads once). Its password is kept beside it.
   */
  dataDir?: string;
  heap?: string;
  pageCache?: string;
};

const LOCAL = { heap: '1g', pageCache: '512m' };
const PASSWORD_FILE = 'bench-password';

/** The password a kept data folder was created with, or a new one written there. */
async function keptPassword(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, PASSWORD_FILE);
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing) return existing.trim();
  const password = randomBytes(12).toString('hex');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}


/**
 * The Neo4j named by NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD (and NEO4J_DATABASE), or,
 * without NEO4J_URI, a throwaway local Neo4j on a free port with a temporary data folder
 * that `close` stops and deletes.
 */
export async function openBenchDatabase(log: (msg: string) => void, options: BenchDatabaseOptions = {}): Promise<BenchDatabase> {
  const database = process.env.NEO4J_DATABASE ?? 'neo4j';
  const uri = process.env.NEO4J_URI;
  if (uri) {
    const password = process.env.NEO4J_PASSWORD;
    if (!password) throw new Error('NEO4J_URI is set but NEO4J_PASSWORD is not');
    const driver = createDriver({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password, database });
    const env = { NEO4J_URI: uri, NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j', NEO4J_PASSWORD: password, NEO4J_DATABASE: database };
    return { executor: new GraphExecutor(driver, database), env, description: 'external Neo4j (NEO4J_URI)', close: () => driver.close() };
  }

  const kept = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'identity-graph-bench-neo4j-')));
  const password = kept ? await keptPassword(dataDir) : randomBytes(12).toString('hex');
  const memory = { heap: options.heap ?? LOCAL.heap, pageCache: options.pageCache ?? LOCAL.pageCache };
  const local = await startLocalNeo4j({
    host: '127.0.0.1',
    boltPort: await freePort(),
    dataDir,
    password,
    ...memory,
    startTimeoutMs: 600_000,
    log: (msg) => log(`[neo4j-local] ${msg}`),
  }).catch(async (error: unknown) => {
    if (!kept) await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const driver = createDriver({ uri: local.uri, user: local.user, password, database });
  let closed: Promise<void> | undefined;
  return {
    executor: new GraphExecutor(driver, database),
    env: { NEO4J_URI: local.uri, NEO4J_USER: local.user, NEO4J_PASSWORD: password, NEO4J_DATABASE: database },
    description: `local Neo4j (heap ${memory.heap}, page cache ${memory.pageCache}, ${kept ? 'kept data folder' : 'temporary data folder'})`,
    pid: local.pid,
    close: () =>
      (closed ??= (async () => {
        await driver.close();
        await local.stop();
        if (!kept) await rm(dataDir, { recursive: true, force: true });
      })()),
  };
}
