import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError as GraphQLErrorType } from 'graphql';
import type { Context } from '../context.ts';
import { graphql } from './graphql-cjs.ts';
import { documentLimitBreaches, firstBreach, pageSizeBreaches, type LimitBreach } from './document-limits.ts';
import { queryLimitsFor } from './query-limits.ts';
import { exceededBudget } from './resolve-budget.ts';

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/**
 * Applies the caller's query limits (query-limits.ts). Apollo's validationRules are the
 * same for every request, so the per-caller rules run once the operation is known and
 * before any resolver: a refusal is one error and HTTP 400. A request that exceeds its
 * resolve budget at run time (resolve-budget.ts) gets one error in place of its partial
 * answer; a mutation's writes have happened by then and stay.
 */
export function queryLimitsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, source, document, operation, request, contextValue }) {
          const limits = queryLimitsFor(contextValue.caller);
          const breaches = documentLimitBreaches(schema, source, document, limits);
          if (operation) breaches.push(...pageSizeBreaches(schema, document, operation, request.variables));
          const breach = firstBreach(breaches);
          if (breach) throw refusal(breach);
        },
        async willSendResponse({ response, contextValue }) {
          const limit = exceededBudget(contextValue);
          if (limit === null || response.body.kind !== 'single') return;
          response.body.singleResult = {
            data: null,
            errors: [
              {
                message: `The query resolves more than ${limit} fields and list items, the limit; ask for fewer nested lists or smaller pages`,
                extensions: { code: QUERY_TOO_COMPLEX, limit: 'resolvedFields' },
              },
            ],
          };
          response.http.status = 400;
        },
      };
    },
  };
}

function refusal(breach: LimitBreach): GraphQLErrorType {
  const { GraphQLError } = graphql;
  const http = { status: 400 };
  return breach.kind === 'too-complex'
    ? new GraphQLError(breach.message, { extensions: { code: QUERY_TOO_COMPLEX, limit: breach.limit, http } })
    : new GraphQLError(breach.message, { extensions: { code: 'BAD_USER_INPUT', field: breach.field, http } });
}
