import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { optionalReason } from '../input.ts';

export const approveReviews: MutationResolvers['approveReviews'] = (_parent, args, ctx) =>
  ctx.services.reviews.decide(args.items, 'approve', ctx.actor, optionalReason(args.reason));

export const rejectReviews: MutationResolvers['rejectReviews'] = (_parent, args, ctx) =>
  ctx.services.reviews.decide(args.items, 'reject', ctx.actor, optionalReason(args.reason));

export const approveReviewItems: MutationResolvers['approveReviewItems'] = (_parent, args, ctx) =>
  ctx.services.reviews.decideItems(args.ids, 'approve', ctx.actor, optionalReason(args.reason));

export const rejectReviewItems: MutationResolvers['rejectReviewItems'] = (_parent, args, ctx) =>
  ctx.services.reviews.decideItems(args.ids, 'reject', ctx.actor, optionalReason(args.reason));

export const assignReviewItem: MutationResolvers['assignReviewItem'] = (_parent, args, ctx) =>
  ctx.services.reviews.assign(args.id, args.assignee ?? null, ctx.actor);
