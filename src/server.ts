import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express, { type ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { resolvers } from '../resolvers/index.ts';
import { createAuthenticator, requireCaller } from './auth/authenticate.ts';
import { permissions } from './auth/permissions.ts';
import { personalReadMiddleware } from './auth/personal-read.middleware.ts';
import { personalReadAuditPlugin } from './auth/personal-read.plugin.ts';
import { applyMiddleware } from './auth/shield.ts';
import { createTokenVerifier } from './auth/token.ts';
import { defaultSubscriptionLimits, type Config } from './config.ts';
import { buildContext, type Context } from './context.ts';
import { createFormatError } from './errors/format-error.ts';
import { describeErrorForLog } from './errors/log-safe.ts';
import { mountSubscriptions } from './events/ws-server.ts';
import { bulkIngestRouter } from './ingest/bulk.route.ts';
import { segmentExportRouter } from './segment/export.route.ts';
import { bodyHadInvalidUtf8, markInvalidUtf8 } from './ingest/utf8-body.ts';
import type { GraphExecutor } from './graph/executor.ts';
import { withRequestSessionLimit } from './graph/request-scope.ts';
import { corsFor } from './http/cors.ts';
import { consoleRouter } from './http/console.route.ts';
import { graphiqlRouter } from './http/graphiql.route.ts';
import { queryLimitsPlugin } from './http/query-limits.plugin.ts';
import { parserTokenLimit } from './http/query-limits.ts';
import { createCallerRateLimiter, rateLimitRequests } from './http/rate-limit.ts';
import { resolveBudgetMiddleware } from './http/resolve-budget.ts';
import { createServices, type Services } from './services.ts';

const SCHEMA_DIR = join(import.meta.dirname, '..', 'schema');
const REQUEST_ID = /^[\w.:-]{1,64}$/;
/** How long /readyz waits for Neo4j: it answers 503 within 2 s when Neo4j does not. */
const READY_PING_TIMEOUT_MS = 1_500;

export type ServerDeps = {
  config: Pick<Config, 'env' | 'http' | 'auth' | 'corsOrigins'> & Partial<Pick<Config, 'rateLimits' | 'subscriptions'>>;
  logger: Logger;
  executor: GraphExecutor;
  version: string;
  /** Defaults to the real services over `executor`. */
  services?: Services;
};

export type RunningServer = {
  url: string;
  httpServer: Server;
  /** Called once migrations are applied; until then /readyz answers 503. */
  markReady(migrations: string[]): void;
  /** Stops accepting, lets in-flight requests finish, closes the HTTP server. */
  stop(): Promise<void>;
};

export function loadTypeDefs(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(SCHEMA_DIR, file), 'utf8'));
}

/** The executable schema with the resolve budget outermost, then access rules, then masking and auditing of personal fields. */
export function buildSchema() {
  return applyMiddleware(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }), resolveBudgetMiddleware(), permissions(), personalReadMiddleware());
}

export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, logger, executor } = deps;
  const services = deps.services ?? createServices(executor);
  let migrations: string[] | null = null;

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // The URL's query string can carry GraphQL variables, so only the path is logged.
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: req.url?.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (!migrations) {
      res.status(503).json({ status: 'starting' });
    } else if (!(await executor.ping(READY_PING_TIMEOUT_MS))) {
      res.status(503).json({ status: 'neo4j-unreachable' });
    } else {
      res.json({ status: 'ready', migrations });
    }
  });

  app.use(['/graphql', '/ingest'], corsFor(config.corsOrigins));
  // The IDE's page and assets hold no data; in production there is none.
  if (config.env !== 'production') app.use(graphiqlRouter());
  // The web console's page and assets hold no data either; its GraphQL requests carry its token.
  app.use(consoleRouter(config.auth));

  // Every way in below needs credentials; only the health probes above answer without.
  const authenticator = createAuthenticator(createTokenVerifier(config.auth), services.apiKeys);
  const authenticated = requireCaller(authenticator);
  const rateLimiter = createCallerRateLimiter(config.rateLimits);
  app.use(['/graphql', '/ingest'], withRequestSessionLimit(executor.sessionsPerRequest));
  app.use('/ingest', authenticated);
  app.use(bulkIngestRouter(services));
  app.use('/segments', withRequestSessionLimit(executor.sessionsPerRequest), authenticated);
  app.use(segmentExportRouter(services));

  const schema = buildSchema();
  const serviceInfo = () => ({ version: deps.version, migrations: migrations ?? [] });
  // Subscriptions over graphql-ws on the same server and path (src/events/ws-server.ts).
  const stopSubscriptions = mountSubscriptions({
    httpServer, path: '/graphql', schema, authenticate: authenticator, rateLimiter, limits: config.subscriptions ?? defaultSubscriptionLimits, services, logger, serviceInfo,
  });
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    introspection: config.env !== 'production',
    parseOptions: { maxTokens: parserTokenLimit },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: stopSubscriptions }) },
      ApolloServerPluginLandingPageDisabled(), queryLimitsPlugin(rateLimiter),
      personalReadAuditPlugin(),
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    authenticated,
    rateLimitRequests(rateLimiter),
    express.json({ limit: '10mb', verify: markInvalidUtf8 }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        buildContext({
          requestId: String(req.id),
          caller: req.caller!,
          logger: req.log,
          services,
          serviceInfo,
          invalidUtf8Body: bodyHadInvalidUtf8(req),
        }),
    }),
  );

  app.use(((error, req, res, _next) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser's refusals: malformed JSON, too large, bad encoding.
      res.status(status).json({ error: { code: 'BAD_REQUEST', message: 'The request body could not be read' } });
      return;
    }
    req.log.error({ err: describeErrorForLog(error) }, 'unexpected error');
    if (!res.headersSent) res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
  }) as ErrorRequestHandler);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.http.port, config.http.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    httpServer,
    markReady: (applied) => {
      migrations = applied;
    },
    stop: () => apollo.stop(),
  };
}
