import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LocalNeo4jError, startLocalNeo4j } from './local-neo4j.ts';

// Only the checks that fail before a JVM is spawned; the real start is covered by the
// integration suite's global setup, which uses this launcher when Docker is absent.
const options = {
  host: '127.0.0.1',
  boltPort: 0,
  dataDir: '/nonexistent/never-created',
  password: 'long-enough-password',
  heap: '512m',
  pageCache: '256m',
  startTimeoutMs: 1_000,
};

describe('startLocalNeo4j', () => {
  it('refuses a password Neo4j would reject, without echoing it', async () => {
    const error = await startLocalNeo4j({ ...options, password: 'short' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalNeo4jError);
    expect((error as Error).message).not.toContain('short');
  });

  it('fails fast when the Bolt port is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      await expect(startLocalNeo4j({ ...options, boltPort: port })).rejects.toThrow(
        new LocalNeo4jError(
          `Port ${port} on 127.0.0.1 is already in use (another Neo4j?); stop it or set NEO4J_LOCAL_BOLT_PORT`,
        ),
      );
    } finally {
      blocker.close();
    }
  });
});
