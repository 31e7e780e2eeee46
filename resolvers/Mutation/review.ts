import type { MutationResolvers } from '../../src/generated/graphql.ts';

export const approveReviews: MutationResolvers['approveReviews'] = (_parent, args, ctx) =>
  ctx.services.reviews.decide(args.items, 'approve', ctx.actor, args.reason ?? null);

export const rejectReviews: MutationResolvers['rejectReviews'] = (_parent, args, ctx) =>
  ctx.services.reviews.decide(args.items, 'reject', ctx.actor, args.reason ?? null);
