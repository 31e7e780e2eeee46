import { inject } from 'vitest';
import { Writable } from 'node:stream';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../../src/graph/driver.ts';
import { GraphExecutor } from '../../src/graph/executor.ts';
import { migrate } from '../../src/graph/migrations/migrate.ts';
import { createLogger } from '../../src/logger.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { createServices, seedReferenceData, type ServiceOptions, type Services } from '../../src/services.ts';

export type GraphQLResponse<D = Record<string, unknown>> = {
  status: number;
  headers: Headers;
  body: { data?: D | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
};

export type TestApp = {
  url: string;
  driver: Driver;
  executor: GraphExecutor;
  server: RunningServer;
  /** Every log line the API wrote, as text. */
  logs: string[];
  graphql<D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<D>>;
  stop(): Promise<void>;
};

/** Deletes every node and relationship; constraints and indexes stay. */
export async function emptyDatabase(driver: Driver): Promise<void> {
  const session = driver.session({ database: 'neo4j' });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

export function testDriver(): Driver {
  const neo4j = inject('neo4j');
  return createDriver({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, database: 'neo4j' });
}

/**
 * Starts the API in this process on a free port against the test Neo4j, on an emptied
 * and migrated database. Requests go over real HTTP.
 */
export type TestAppOptions = {
  /** Mark migrations applied so /readyz answers 200 (default true). */
  ready?: boolean;
  /** Fault injection: change the real services before the server uses them. */
  alterServices?: (services: Services) => void;
  /** Options for the real services (survivorship rules, model, ...). */
  serviceOptions?: ServiceOptions;
};

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const driver = testDriver();
  const executor = new GraphExecutor(driver, 'neo4j');
  await emptyDatabase(driver);
  const report = await migrate(executor);
  const services = createServices(executor, options.serviceOptions);
  await seedReferenceData(services);
  options.alterServices?.(services);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const server = await startServer({
    config: { env: 'test', http: { host: '127.0.0.1', port: 0, shutdownTimeoutMs: 5_000 } },
    logger: createLogger('info', sink),
    executor,
    version: 'test',
    services,
  });
  if (options.ready !== false) server.markReady(report.current);
  return {
    url: server.url,
    driver,
    executor,
    server,
    logs,
    async graphql(query, variables, headers) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() } as never;
    },
    async stop() {
      await server.stop();
      await driver.close();
    },
  };
}
