import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
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
  close(): Promise<void>;
};

const LOCAL = { heap: '1g', pageCache: '512m' };


/**
 * The Neo4j named by NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD (and NEO4J_DATABASE), or,
 * without NEO4J_URI, a throwaway local Neo4j on a free port with a temporary data folder
 * that `close` stops and deletes.
 */
export async function openBenchDatabase(log: (msg: string) => void): Promise<BenchDatabase> {
  const database = process.env.NEO4J_DATABASE ?? 'neo4j';
  const uri = process.env.NEO4J_URI;
  if (uri) {
    const password = process.env.NEO4J_PASSWORD;
    if (!password) throw new Error('NEO4J_URI is set but NEO4J_PASSWORD is not');
    const driver = createDriver({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password, database });
    const env = { NEO4J_URI: uri, NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j', NEO4J_PASSWORD: password, NEO4J_DATABASE: database };
    return { executor: new GraphExecutor(driver, database), env, description: 'external Neo4j (NEO4J_URI)', close: () => driver.close() };
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'identity-graph-bench-neo4j-'));
  const password = randomBytes(12).toString('hex');
  const local = await startLocalNeo4j({
    host: '127.0.0.1',
    boltPort: await freePort(),
    dataDir,
    password,
    ...LOCAL,
    startTimeoutMs: 240_000,
    log: (msg) => log(`[neo4j-local] ${msg}`),
  }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const driver = createDriver({ uri: local.uri, user: local.user, password, database });
  let closed: Promise<void> | undefined;
  return {
    executor: new GraphExecutor(driver, database),
    env: { NEO4J_URI: local.uri, NEO4J_USER: local.user, NEO4J_PASSWORD: password, NEO4J_DATABASE: database },
    description: `local Neo4j (heap ${LOCAL.heap}, page cache ${LOCAL.pageCache}, temporary data folder)`,
    close: () =>
      (closed ??= (async () => {
        await driver.close();
        await local.stop();
        await rm(dataDir, { recursive: true, force: true });
      })()),
  };
}
