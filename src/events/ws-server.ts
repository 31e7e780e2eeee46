import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { WebSocketServer as WsServer } from 'ws';
import type { Authenticator } from '../auth/authenticate.ts';
import type { Caller } from '../auth/caller.ts';
import { buildContext } from '../context.ts';
import { createFormatError } from '../errors/format-error.ts';
import { graphql } from '../http/graphql-cjs.ts';
import type { Services } from '../services.ts';

// The CommonJS builds, so graphql-ws executes with the same graphql-js copy the schema was built with (graphql-cjs.ts).
const require = createRequire(import.meta.url);
const { useServer } = require('graphql-ws/use/ws') as typeof import('graphql-ws/use/ws');
const { WebSocketServer } = require('ws') as typeof import('ws');

type Extra = { caller?: Caller };

/**
 * graphql-ws on the API's HTTP server at `path`: subscriptions only (queries and
 * mutations go over HTTP, through the limits and audit plugins there). The connection's
 * init payload carries the same credentials as a request's headers (`authorization` or
 * `x-api-key`); without valid ones the socket is closed (4403), and every subscription
 * then passes the same shield rules as HTTP.
 */
export function mountSubscriptions(deps: { httpServer: Server; path: string; schema: GraphQLSchema; authenticate: Authenticator; services: Services; logger: Logger; serviceInfo: () => { version: string; migrations: string[] } }): () => Promise<void> {
  const formatError = createFormatError(deps.logger);
  const wss: WsServer = new WebSocketServer({ server: deps.httpServer, path: deps.path, maxPayload: 64 * 1024 });
  const server = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: deps.schema,
      execute: graphql.execute,
      subscribe: graphql.subscribe,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : undefined);
        try {
          const caller = await deps.authenticate({ authorization: header('authorization') ?? header('Authorization'), 'x-api-key': header('x-api-key') });
          if (!caller) return false;
          (ctx.extra as Extra).caller = caller;
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (_ctx, _id, payload) => {
        const document = graphql.parse(payload.query, { maxTokens: 1_000 });
        const operation = graphql.getOperationAST(document, payload.operationName ?? undefined);
        if (operation?.operation !== 'subscription') return [new graphql.GraphQLError('Only subscriptions go over WebSocket; send queries and mutations over HTTP', { extensions: { code: 'BAD_REQUEST' } })];
        return undefined;
      },
      // Errors read as they do over HTTP: one mapping (format-error.ts), no internals.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
      context: (ctx, id) =>
        buildContext({ requestId: `ws:${id}`, caller: (ctx.extra as Extra).caller!, logger: deps.logger, services: deps.services, serviceInfo: deps.serviceInfo }),
    },
    wss,
  );
  return async () => {
    await server.dispose();
  };
}
