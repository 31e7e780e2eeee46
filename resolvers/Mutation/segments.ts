import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { requireId, requireReason } from '../input.ts';

export const createSegment: MutationResolvers['createSegment'] = (_parent, args, ctx) => ctx.services.segments.create(args.input, ctx.actor);

export const updateSegment: MutationResolvers['updateSegment'] = (_parent, args, ctx) => ctx.services.segments.update(requireId(args.id, ['id']), args.definition, ctx.actor);

export const addToSuppressionList: MutationResolvers['addToSuppressionList'] = (_parent, args, ctx) =>
  ctx.services.segments.addToSuppressionList(args.name, args.customerIds.map((id, i) => requireId(id, ['customerIds', i])), requireReason(args.reason), ctx.actor);
