import type { QueryResolvers } from '../../src/generated/graphql.ts';

export const reviewItems: QueryResolvers['reviewItems'] = (_parent, args, ctx) =>
  ctx.services.reviews.list({
    minProbability: args.minProbability ?? null,
    maxProbability: args.maxProbability ?? null,
    olderThan: args.olderThan ?? null,
    source: args.source ?? null,
    order: args.order ?? 'SCORE',
    first: args.first ?? 50,
  });

export const reviewQueueStats: QueryResolvers['reviewQueueStats'] = (_parent, _args, ctx) => ctx.services.reviews.stats();
