import type { QueryResolvers } from '../../src/generated/graphql.ts';

export const reviewItems: QueryResolvers['reviewItems'] = (_parent, args, ctx) =>
  ctx.services.reviews.list({
    minProbability: args.minProbability ?? null,
    maxProbability: args.maxProbability ?? null,
    olderThan: args.olderThan ?? null,
    source: args.source ?? null,
    assignee: args.assignee ?? null,
    unassigned: args.unassigned ?? false,
    order: args.order ?? 'SCORE',
    first: args.first ?? 50,
    after: args.after ?? null,
  });

export const reviewItem: QueryResolvers['reviewItem'] = (_parent, args, ctx) => ctx.services.reviews.get(args.id);

export const reviewQueueStats: QueryResolvers['reviewQueueStats'] = (_parent, _args, ctx) => ctx.services.reviews.stats();
