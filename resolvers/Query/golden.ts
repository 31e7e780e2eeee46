import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { recordKeyOf } from '../../src/ingest/prepare.ts';
import { requireId } from '../input.ts';

export const previewMerge: QueryResolvers['previewMerge'] = async (_parent, args, ctx) => {
  const outcome = await ctx.services.merges.merge(requireId(args.a, ['a']), requireId(args.b, ['b']), ctx.actor, null, true);
  // A preview shows a full profile: it is read like one.
  await ctx.services.audit.record(ctx.actor, [{ operation: 'read.profile', customerIds: [outcome.survivor.id, outcome.mergedAway], detail: { preview: 'merge' } }]);
  return outcome;
};

export const previewSplit: QueryResolvers['previewSplit'] = async (_parent, args, ctx) => {
  const customerId = requireId(args.customerId, ['customerId']);
  const keys = args.records.map((r) => recordKeyOf(r.source, r.sourceRecordId));
  const outcome = await ctx.services.merges.split(customerId, keys, args.target === 'EARLIER_CUSTOMER' ? 'earlier' : 'new', ctx.actor, null, true);
  await ctx.services.audit.record(ctx.actor, [{ operation: 'read.profile', customerIds: [customerId], recordKeys: keys, detail: { preview: 'split' } }]);
  return outcome;
};
