import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.ts';
import { operationRefusal, QUERY_TOO_COMPLEX, refusalError } from './operation-limits.ts';
import type { CallerRateLimiter } from './rate-limit.ts';
import { exceededBudget } from './resolve-budget.ts';

export { QUERY_TOO_COMPLEX } from './operation-limits.ts';

/**
 * Applies the caller's query limits (query-limits.ts) and, given a limiter, the rate
 * limits of single root fields, through the check graphql-ws subscriptions pass too
 * (operation-limits.ts). Apollo's validationRules are the same for every request, so the
 * per-caller rules run once the operation is known and before any resolver: a refusal is
 * one error and HTTP 400 (429 when rate-limited). A request that exceeds its resolve
 * budget at run time (resolve-budget.ts) gets one error in place of its partial answer; a
 * mutation's writes have happened by then and stay.
 */
export function queryLimitsPlugin(limiter?: CallerRateLimiter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, source, document, operation, request, contextValue }) {
          const refusal = await operationRefusal({ schema, source, document, operation, variables: request.variables, caller: contextValue.caller }, { limiter });
          if (refusal) throw refusalError(refusal, true);
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
