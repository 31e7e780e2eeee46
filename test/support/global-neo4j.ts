import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../src/graph/free-port.ts';
import { startLocalNeo4j } from '../../src/graph/local-neo4j.ts';

export type TestNeo4j = {
  uri: string;
  user: string;
  password: string;
  via: 'testcontainers' | 'local-launcher';
  /** Where the database's files are, for tests that read them (test/no-plaintext.int.test.ts): a folder here, or the container's id. */
  files: { dataDir: string } | { containerId: string };
};

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

const PASSWORD = 'integration-test-pw';

/**
 * Gives the integration tests one Neo4j for the whole run: a container when a Docker
 * engine answers, otherwise the repo's own launcher on a free port with a throwaway
 * data folder.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const container = await tryContainer();
  if (container) {
    project.provide('neo4j', container.neo4j);
    return container.stop;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'identity-graph-test-neo4j-'));
  const local = await startLocalNeo4j({
    host: '127.0.0.1',
    boltPort: await freePort(),
    dataDir,
    password: PASSWORD,
    heap: '768m',
    pageCache: '256m',
    startTimeoutMs: 240_000,
  });
  project.provide('neo4j', { uri: local.uri, user: local.user, password: PASSWORD, via: 'local-launcher', files: { dataDir } });
  return async () => {
    await local.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

async function tryContainer(): Promise<{ neo4j: TestNeo4j; stop: () => Promise<void> } | null> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return null;
  }
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const started = await new Neo4jContainer('neo4j:5.26-community').withPassword(PASSWORD).start();
  return {
    neo4j: { uri: started.getBoltUri(), user: started.getUsername(), password: started.getPassword(), via: 'testcontainers', files: { containerId: started.getId() } },
    stop: async () => {
      await started.stop();
    },
  };
}

