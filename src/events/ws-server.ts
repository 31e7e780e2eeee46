import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { ExecutionArgs, GraphQLError as GraphQLErrorType, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { WebSocket as WsSocket, WebSocketServer as WsServer } from 'ws';
import type { Authenticator } from '../auth/authenticate.ts';
import type { Caller } from '../auth/caller.ts';
import type { SubscriptionLimits } from '../config.ts';
import { buildContext } from '../context.ts';
import { createFormatError } from '../errors/format-error.ts';
import { graphql } from '../http/graphql-cjs.ts';
import { operationRefusal, refusalError } from '../http/operation-limits.ts';
import { parserTokenLimit } from '../http/query-limits.ts';
import { rateLimitMessage, type CallerRateLimiter } from '../http/rate-limit.ts';
import type { Services } from '../services.ts';
import { boundedSendQueue } from './send-queue.ts';

// The CommonJS builds, so graphql-ws executes with the same graphql-js copy the schema was built with (graphql-cjs.ts).
const require = createRequire(import.meta.url);
const { useServer } = require('graphql-ws/use/ws') as typeof import('graphql-ws/use/ws');
const { WebSocketServer } = require('ws') as typeof import('ws');

/** What graphql-ws keeps per connection: its socket, and what this server adds. */
type Extra = { socket: WsSocket; caller?: Caller; active?: Set<string> };

/** Close codes: a refused connection_init (graphql-ws's Forbidden), too many connection attempts, a subscriber that does not read. */
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_RATE_LIMITED = 4429;
export const CLOSE_SLOW_CONSUMER = 1008;
/** How long a slow consumer's close handshake may take before its socket (and what it buffers) is dropped. */
const SLOW_CLOSE_GRACE_MS = 1_000;

export type SubscriptionDeps = {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  authenticate: Authenticator;
  /** The HTTP path's rate limiter: one budget per caller over both ways in. */
  rateLimiter: CallerRateLimiter;
  limits: SubscriptionLimits;
  services: Services;
  logger: Logger;
  serviceInfo: () => { version: string; migrations: string[] };
};

const callerKey = (caller: Caller) => `${caller.kind}:${caller.id}`;
const refused = (message: string, code: string, extensions: Record<string, unknown> = {}) => [new graphql.GraphQLError(message, { extensions: { code, ...extensions } })];

/**
 * graphql-ws on the API's HTTP server at `path`: subscriptions only (queries and
 * mutations go over HTTP). The connection's init payload carries the same credentials as
 * a request's headers (`authorization` or `x-api-key`); without valid ones the socket is
 * closed (4403). Each connection_init and each subscribe costs the caller a request of
 * its rate limit, and each subscription passes the same limits as an HTTP request
 * (operation-limits.ts) and the same shield rules. A connection holds at most
 * `limits.perConnection` active subscriptions and a caller `limits.perCaller` in this
 * process; a subscriber with more than `limits.sendQueue` messages unsent is disconnected.
 */
export function mountSubscriptions(deps: SubscriptionDeps): () => Promise<void> {
  const formatError = createFormatError(deps.logger);
  const format = (errors: readonly GraphQLErrorType[]) => errors.map((error) => formatError(error.toJSON(), error));
  const perCaller = new Map<string, number>();
  const release = (extra: Extra, id: string) => {
    if (!extra.active?.delete(id) || !extra.caller) return;
    const key = callerKey(extra.caller);
    const left = (perCaller.get(key) ?? 1) - 1;
    if (left > 0) perCaller.set(key, left);
    else perCaller.delete(key);
  };

  const wss: WsServer = new WebSocketServer({ server: deps.httpServer, path: deps.path, maxPayload: 64 * 1024 });
  const server = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: deps.schema,
      execute: graphql.execute,
      subscribe: graphql.subscribe,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : undefined);
        let caller: Caller | null;
        try {
          caller = await deps.authenticate({ authorization: header('authorization') ?? header('Authorization'), 'x-api-key': header('x-api-key') });
        } catch {
          return false;
        }
        if (!caller) return false;
        // Reconnecting costs as a request does: a loop of connection_init is refused like a loop of requests.
        const refusal = await deps.rateLimiter.request(caller);
        if (refusal) {
          ctx.extra.socket.close(CLOSE_RATE_LIMITED, rateLimitMessage(refusal));
          return false;
        }
        ctx.extra.caller = caller;
        ctx.extra.active = new Set();
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const caller = ctx.extra.caller!;
        let document;
        try {
          document = graphql.parse(payload.query, { maxTokens: parserTokenLimit });
        } catch (error) {
          return refused(error instanceof Error ? error.message : 'Syntax error', 'GRAPHQL_PARSE_FAILED');
        }
        const invalid = graphql.validate(deps.schema, document);
        if (invalid.length > 0) return invalid.map((error) => new graphql.GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const operation = graphql.getOperationAST(document, payload.operationName ?? undefined);
        if (operation?.operation !== 'subscription') return refused('Only subscriptions go over WebSocket; send queries and mutations over HTTP', 'BAD_REQUEST');
        const variables = payload.variables ?? undefined;
        const refusal = await operationRefusal({ schema: deps.schema, source: payload.query, document, operation, variables, caller }, { limiter: deps.rateLimiter, chargeRequest: true });
        if (refusal) return [refusalError(refusal)];
        const active = ctx.extra.active!;
        if (active.size >= deps.limits.perConnection) {
          return refused(`A connection may hold at most ${deps.limits.perConnection} active subscriptions; complete one first`, 'RATE_LIMITED', { limit: 'subscriptionsPerConnection' });
        }
        const key = callerKey(caller);
        const held = perCaller.get(key) ?? 0;
        if (held >= deps.limits.perCaller) {
          return refused(`A caller may hold at most ${deps.limits.perCaller} active subscriptions; complete one first`, 'RATE_LIMITED', { limit: 'subscriptionsPerCaller' });
        }
        active.add(id);
        perCaller.set(key, held + 1);
        const args: ExecutionArgs = { schema: deps.schema, document, operationName: payload.operationName ?? null, variableValues: variables ?? null };
        return args;
      },
      // Messages wait in a bounded queue per subscription; a subscriber that falls behind it is disconnected.
      onOperation: (ctx, id, _payload, _args, result) => {
        if (!(Symbol.asyncIterator in Object(result))) return undefined;
        const socket = ctx.extra.socket;
        return boundedSendQueue(result as AsyncIterable<never>, deps.limits.sendQueue, () => {
          deps.logger.warn({ subscription: id, queued: deps.limits.sendQueue }, 'subscriber too slow: disconnected');
          socket.close(CLOSE_SLOW_CONSUMER, `Slow consumer: more than ${deps.limits.sendQueue} messages unread`);
          setTimeout(() => socket.terminate(), SLOW_CLOSE_GRACE_MS).unref();
        });
      },
      // Errors read as they do over HTTP: one mapping (format-error.ts), no internals.
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onComplete: (ctx, id) => release(ctx.extra, id),
      onClose: (ctx) => {
        for (const id of [...(ctx.extra.active ?? [])]) release(ctx.extra, id);
      },
      context: (ctx, id) =>
        buildContext({ requestId: `ws:${id}`, caller: ctx.extra.caller!, logger: deps.logger, services: deps.services, serviceInfo: deps.serviceInfo }),
    },
    wss,
  );
  return async () => {
    await server.dispose();
  };
}
