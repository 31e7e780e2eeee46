import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import type { IMiddlewareFunction } from 'graphql-middleware';
import type { Context } from '../context.ts';
import { DomainError } from '../errors/domain-error.ts';
import { graphql } from './graphql-cjs.ts';
import { queryLimitsFor } from './query-limits.ts';

/**
 * The runtime backstop behind the static limits: every field resolution costs 1 and every
 * list a resolver returns costs its length. Past the caller's `resolvedFields` the request
 * is aborted: a list is refused before its items are completed, so the work stops where
 * the fan-out is, and query-limits.plugin.ts answers with one QUERY_TOO_COMPLEX error.
 */
type Budget = { limit: number; spent: number; refusal: GraphQLError | null };

const budgets = new WeakMap<object, Budget>();

function budgetOf(ctx: Context): Budget {
  let budget = budgets.get(ctx);
  if (!budget) {
    budget = { limit: queryLimitsFor(ctx.caller).resolvedFields, spent: 0, refusal: null };
    budgets.set(ctx, budget);
  }
  return budget;
}

/** The field-and-item budget this request has exceeded, if any. */
export function exceededBudget(ctx: object): number | null {
  const budget = budgets.get(ctx);
  return budget?.refusal ? budget.limit : null;
}

function spend(budget: Budget, amount: number): void {
  budget.spent += amount;
  if (budget.spent > budget.limit && !budget.refusal) {
    // One error for the whole request, thrown by every field refused from now on: an error
    // per refused field (graphql-js wraps each in a new GraphQLError with a stack trace)
    // took 18 s for 100,000 fields. Having a path, graphql-js passes it on as it is;
    // formatError maps its DomainError silently, and the plugin replaces the answer.
    const message = `The query resolves more than ${budget.limit} fields and list items`;
    budget.refusal = new graphql.GraphQLError(message, { path: [], originalError: new DomainError('BAD_USER_INPUT', 'Resolve budget exceeded', { clientMessage: message }) });
  }
  if (budget.refusal) throw budget.refusal;
}

/** graphql-middleware middleware for every field. A refusal is thrown synchronously: no promise per refused field. */
export function resolveBudgetMiddleware(): IMiddlewareFunction<unknown, Context> {
  return (resolve, parent, args, ctx, info: GraphQLResolveInfo) => {
    const budget = budgetOf(ctx);
    spend(budget, 1);
    return Promise.resolve(resolve(parent, args, ctx, info)).then((value: unknown) => {
      if (Array.isArray(value)) spend(budget, value.length);
      return value;
    });
  };
}

/** Starts the budget again for `ctx`: each event of a subscription is resolved as its own result. */
export function startNewBudget(ctx: object): void {
  budgets.delete(ctx);
}
