import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/graph/free-port.ts';
import { startLocalNeo4j } from '../../src/graph/local-neo4j.ts';

/**
 * A Neo4j for a child process (the product's CLI) to run on, as the environment variables
 * the CLI reads. Like `openBenchDatabase` in bench/support/neo4j.ts (same local settings),
 * which keeps its credentials to itself: NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD /
 * NEO4J_DATABASE passed through when NEO4J_URI is set, otherwise a throwaway local Neo4j on
 * a free port with a temporary data folder that `close` stops and deletes.
 */
export type ChildDatabase = {
  env: Record<string, string>;
  /** Never the credentials. */
  description: string;
  close(): Promise<void>;
};

const LOCAL = { heap: '1g', pageCache: '512m' };

export async function openChildDatabase(log: (msg: string) => void): Promise<ChildDatabase> {
  const uri = process.env.NEO4J_URI;
  if (uri) {
    const password = process.env.NEO4J_PASSWORD;
    if (!password) throw new Error('NEO4J_URI is set but NEO4J_PASSWORD is not');
    const env = { NEO4J_URI: uri, NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j', NEO4J_PASSWORD: password, NEO4J_DATABASE: process.env.NEO4J_DATABASE ?? 'neo4j' };
    return { env, description: 'external Neo4j (NEO4J_URI)', close: async () => {} };
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'identity-graph-compare-neo4j-'));
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
  let closed: Promise<void> | undefined;
  return {
    env: { NEO4J_URI: local.uri, NEO4J_USER: local.user, NEO4J_PASSWORD: password, NEO4J_DATABASE: 'neo4j' },
    description: `local Neo4j (heap ${LOCAL.heap}, page cache ${LOCAL.pageCache}, temporary data folder)`,
    close: () =>
      (closed ??= (async () => {
        await local.stop();
        await rm(dataDir, { recursive: true, force: true });
      })()),
  };
}
