import type { SegmentMemberEdgeResolvers, SegmentResolvers } from '../../src/generated/graphql.ts';
import { DomainError } from '../../src/errors/domain-error.ts';

export const Segment: SegmentResolvers = {
  count: (segment, _args, ctx) => ctx.services.segments.count(segment),
  members: (segment, args, ctx) => ctx.services.segments.members(segment, args.first, args.after),
};

export const SegmentMemberEdge: SegmentMemberEdgeResolvers = {
  node: async (edge, _args, ctx) => {
    const customer = await ctx.loaders.customerById.load(edge.node);
    if (!customer) throw new DomainError('INTERNAL', 'Segment member vanished');
    return customer;
  },
};
