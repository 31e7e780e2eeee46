import { inject } from 'vitest';
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Driver } from 'neo4j-driver';
import type { StaffRole } from '../../src/auth/caller.ts';
import { mintToken } from '../../src/auth/token.ts';
import { loadConfig, type AuthConfig, type Config } from '../../src/config.ts';
import { createDriver } from '../../src/graph/driver.ts';
import { GraphExecutor } from '../../src/graph/executor.ts';
import { migrate } from '../../src/graph/migrations/migrate.ts';
import { createLogger } from '../../src/logger.ts';
import type { ValueCodec } from '../../src/privacy/codec.ts';
import { encryptingCodec } from '../../src/privacy/encrypting-codec.ts';
import { keyRingOf } from '../../src/privacy/key-config.ts';
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
  services: Services;
  /** Every log line the API wrote, as text. */
  logs: string[];
  /** Headers that authenticate as this person (a token signed with the test secret). */
  authHeaders(id?: string, ...roles: StaffRole[]): Promise<Record<string, string>>;
  /** Sends GraphQL as admin unless `headers` carries credentials of its own (or `{}` of `anonymous`). */
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
  corsOrigins?: string[];
  /** Per-caller rate limits (default: the configuration's defaults). */
  rateLimits?: Config['rateLimits'];
  /** Subscription caps and send queue (default: the configuration's defaults). */
  subscriptions?: Config['subscriptions'];
  /** 'production' turns off introspection and the GraphiQL page (default 'test'). */
  env?: Config['env'];
  /** Run the change-event feed (subscriptions, webhook queueing) and, if `webhooks`, the delivery worker; off by default. */
  events?: { webhooks?: boolean };
  /** Keep the database as it is (a restart on the same data). */
  keepData?: boolean;
  /** NEO4J_REQUEST_TIMEOUT_MS of the test API's executor (default the configuration's, 5 s). */
  requestTimeoutMs?: number;
  /** Token settings (default testAuth); `graphql()` keeps signing with testAuth, so another verifier needs its own headers. */
  auth?: AuthConfig;
};

/** The token settings of every test API: HS256 with a test secret, issuer and audience checked. */
export const testAuth: AuthConfig = {
  verifier: { kind: 'secret', secret: 'integration-test-signing-secret-0123456789' },
  issuer: 'identity-graph-test',
  audience: 'identity-graph-api',
  subjectClaim: 'sub',
  rolesClaim: 'roles',
  devTokens: true,
};

/**
 * Headers that authenticate as this person, built synchronously (HS256 by hand) so tests
 * can write `bearer('steward-1', 'steward')` inline. The API checks it with jose.
 */
export const bearer = (id: string, ...roles: StaffRole[]) => bearerFor(testAuth, id, ...roles);

/** As `bearer`, for an API with other token settings (a separately started process). */
export function bearerFor(auth: AuthConfig, id: string, ...roles: StaffRole[]): { authorization: string } {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: id, roles, iat: now, exp: now + 3600, iss: auth.issuer, aud: auth.audience })}`;
  const secret = auth.verifier.kind === 'secret' ? auth.verifier.secret : '';
  return { authorization: `Bearer ${body}.${createHmac('sha256', secret).update(body).digest('base64url')}` };
}

let sharedCodec: ValueCodec | undefined;
/** The codec of the product's default configuration here: encrypting, with the development key file. */
export function testCodec(): ValueCodec {
  sharedCodec ??= encryptingCodec(keyRingOf(loadConfig(process.env).encryption));
  return sharedCodec;
}

/** Headers of a request that carries no credentials at all. */
export const anonymous = { authorization: '' } as const;

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const driver = testDriver();
  const executor = new GraphExecutor(driver, 'neo4j', options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {});
  if (!options.keepData) await emptyDatabase(driver);
  const report = await migrate(executor);
  // Encrypted as the product is, under the development key file every process of the run
  // shares (the CLI and API processes tests start read it too); a test may pass its own codec.
  const services = createServices(executor, { codec: testCodec(), ...options.serviceOptions });
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
    config: {
      env: options.env ?? 'test',
      http: { host: '127.0.0.1', port: 0, shutdownTimeoutMs: 5_000 },
      auth: options.auth ?? testAuth,
      corsOrigins: options.corsOrigins ?? [],
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
    },
    logger: createLogger('info', sink),
    executor,
    version: 'test',
    services,
  });
  if (options.ready !== false) server.markReady(report.current);
  const stopEvents: Array<() => Promise<void>> = [];
  if (options.events) {
    stopEvents.push(await services.events.startFeed());
    if (options.events.webhooks) stopEvents.push(services.events.startWebhookWorker());
  }
  const authHeaders = async (id = 'test-admin', ...roles: StaffRole[]) => ({
    authorization: `Bearer ${await mintToken(testAuth, { id, roles: roles.length > 0 ? roles : ['admin'] })}`,
  });
  const admin = await authHeaders();
  return {
    authHeaders,
    url: server.url,
    driver,
    executor,
    server,
    logs,
    async graphql(query, variables, headers) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: withCredentials({ 'content-type': 'application/json', ...(headers && hasCredentials(headers) ? {} : admin), ...headers }),
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() } as never;
    },
    services,
    async stop() {
      for (const stop of stopEvents) await stop();
      await server.stop();
      await driver.close();
    },
  };
}

const hasCredentials = (headers: Record<string, string>) => 'authorization' in headers || 'x-api-key' in headers;
/** An empty header stands for "none": fetch would send it empty. */
const withCredentials = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ''));
