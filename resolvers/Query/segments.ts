import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { DomainError } from '../../src/errors/domain-error.ts';
import { requireId } from '../input.ts';

export const segment: QueryResolvers['segment'] = (_parent, args, ctx) => ctx.services.segments.get(requireId(args.id, ['id']));

export const countSegment: QueryResolvers['countSegment'] = (_parent, args, ctx) => ctx.services.segments.countDefinition(args.definition);

export const exportSegment: QueryResolvers['exportSegment'] = async (_parent, args, ctx) => {
  const found = await ctx.services.segments.get(requireId(args.id, ['id']));
  if (!found) throw new DomainError('NOT_FOUND', 'No such segment', { clientMessage: 'No such segment', field: ['id'] });
  const page = await ctx.services.segments.exportPage(found, args.channel, args.first, args.after, args.thirdParty ?? false);
  await ctx.services.audit.record(ctx.actor, [
    { operation: 'segment.export', customerIds: page.contacts.map((c) => c.customerId), detail: { segmentId: found.id, version: found.version, channel: args.channel, thirdParty: args.thirdParty ?? false, contacts: page.contacts.length, suppressed: page.suppressed.length } },
  ]);
  return page;
};
