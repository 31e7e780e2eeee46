import { HeaderMap } from '@apollo/server';
import type { DocumentNode, GraphQLError as GraphQLErrorType, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Caller } from '../auth/caller.ts';
import { graphqlCodeOf } from '../errors/format-error.ts';
import { documentLimitBreaches, firstBreach, pageSizeBreaches } from './document-limits.ts';
import { graphql } from './graphql-cjs.ts';
import { queryLimitsFor } from './query-limits.ts';
import { rateLimitMessage, type CallerRateLimiter } from './rate-limit.ts';

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** A parsed, validated operation and who sends it. */
export type OperationToCheck = {
  schema: GraphQLSchema;
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode | null | undefined;
  variables: Record<string, unknown> | undefined;
  caller: Caller;
};

/** Why an operation is refused, before any resolver runs; each transport words it as an error. */
export type OperationRefusal =
  | { code: typeof QUERY_TOO_COMPLEX; message: string; limit: string }
  | { code: 'BAD_USER_INPUT'; message: string; field: Array<string | number> }
  | { code: 'RATE_LIMITED'; message: string; retryAfterSeconds: number };

export type OperationCheckOptions = {
  /** The caller's rate limits; without one (unit tests of the limits alone) none apply. */
  limiter?: CallerRateLimiter | undefined;
  /**
   * Charge the one point per request here. HTTP charges it in middleware before the body
   * is read (rate-limit.ts), so only graphql-ws, which has no request, asks for it.
   */
  chargeRequest?: boolean;
};

/**
 * The one check every operation passes, over HTTP (query-limits.plugin.ts) and over
 * graphql-ws (src/events/ws-server.ts): the request's rate-limit point, the caller's
 * depth, alias, directive, cost and token limits, page sizes and list lengths, then the
 * rate limits of single root fields (verifyCaller). The first refusal, or null.
 */
export async function operationRefusal(check: OperationToCheck, options: OperationCheckOptions = {}): Promise<OperationRefusal | null> {
  const { limiter } = options;
  if (limiter && options.chargeRequest) {
    const refusal = await limiter.request(check.caller);
    if (refusal) return { code: 'RATE_LIMITED', message: rateLimitMessage(refusal), retryAfterSeconds: refusal.retryAfterSeconds };
  }
  const breaches = documentLimitBreaches(check.schema, check.source, check.document, queryLimitsFor(check.caller));
  if (check.operation) breaches.push(...pageSizeBreaches(check.schema, check.document, check.operation, check.variables));
  const breach = firstBreach(breaches);
  if (breach) {
    return breach.kind === 'too-complex'
      ? { code: QUERY_TOO_COMPLEX, message: breach.message, limit: breach.limit }
      : { code: 'BAD_USER_INPUT', message: breach.message, field: breach.field };
  }
  if (limiter && check.operation) {
    const refusal = await limiter.rootFields(check.caller, check.document, check.operation);
    if (refusal) return { code: 'RATE_LIMITED', message: rateLimitMessage(refusal), retryAfterSeconds: refusal.retryAfterSeconds };
  }
  return null;
}

/** The refusal as a GraphQL error; `http` adds the status (and retry-after) Apollo answers with over HTTP. */
export function refusalError(refusal: OperationRefusal, http = false): GraphQLErrorType {
  const { GraphQLError } = graphql;
  switch (refusal.code) {
    case QUERY_TOO_COMPLEX:
      return new GraphQLError(refusal.message, { extensions: { code: QUERY_TOO_COMPLEX, limit: refusal.limit, ...(http ? { http: { status: 400 } } : {}) } });
    case 'BAD_USER_INPUT':
      return new GraphQLError(refusal.message, { extensions: { code: 'BAD_USER_INPUT', field: refusal.field, ...(http ? { http: { status: 400 } } : {}) } });
    case 'RATE_LIMITED':
      return new GraphQLError(refusal.message, {
        extensions: {
          code: graphqlCodeOf('RATE_LIMITED'),
          retryAfterSeconds: refusal.retryAfterSeconds,
          ...(http ? { http: { status: 429, headers: new HeaderMap([['retry-after', String(refusal.retryAfterSeconds)]]) } } : {}),
        },
      });
    default: {
      const unreachable: never = refusal;
      return unreachable;
    }
  }
}
