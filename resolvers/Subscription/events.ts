import type { SubscriptionResolvers } from '../../src/generated/graphql.ts';
import type { ChangeEvent } from '../../src/events/outbox.ts';
import { startNewBudget } from '../../src/http/resolve-budget.ts';

/**
 * Only `subscribe`, no `resolve`: graphql-middleware wraps `resolve` instead of
 * `subscribe` when a field has both, and the access rule must guard the subscription
 * itself. Each event is yielded as `{ customerChanged }` for the default resolver. An
 * iterator rather than an async generator: a generator waiting for its next event would
 * answer `return()` only once one came, leaving a closed subscription's listener behind.
 */
export const customerChanged: SubscriptionResolvers['customerChanged'] = {
  subscribe: (_parent, args, ctx) => {
    const events = ctx.services.events.feed.subscribe(args.ids ?? null);
    const changes: AsyncIterableIterator<{ customerChanged: ChangeEvent }> = {
      next: async () => {
        const next = await events.next();
        if (next.done) return { value: undefined, done: true };
        // Each event is its own small result: the resolve budget counts per event, not per subscription.
        startNewBudget(ctx);
        return { value: { customerChanged: next.value }, done: false };
      },
      return: async () => {
        await events.return?.();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => changes,
    };
    return changes;
  },
};
