import type { SubscriptionResolvers } from '../../src/generated/graphql.ts';
import type { ChangeEvent } from '../../src/events/outbox.ts';
import { startNewBudget } from '../../src/http/resolve-budget.ts';

/**
 * Only `subscribe`, no `resolve`: graphql-middleware wraps `resolve` instead of
 * `subscribe` when a field has both, and the access rule must guard the subscription
 * itself. Each event is yielded as `{ customerChanged }` for the default resolver.
 */
export const customerChanged: SubscriptionResolvers['customerChanged'] = {
  subscribe: async function* (_parent, args, ctx) {
    const events = ctx.services.events.feed.subscribe(args.ids ?? null);
    try {
      for await (const event of events) {
        // Each event is its own small result: the resolve budget counts per event, not per subscription.
        startNewBudget(ctx);
        yield { customerChanged: event satisfies ChangeEvent };
      }
    } finally {
      await events.return?.();
    }
  },
};
