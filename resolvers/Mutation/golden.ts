import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { recordKeyOf } from '../../src/ingest/prepare.ts';
import { attributeOf } from '../attributes.ts';
import { requireId, requireReason } from '../input.ts';

export const mergeCustomers: MutationResolvers['mergeCustomers'] = (_parent, args, ctx) =>
  ctx.services.merges.merge(requireId(args.a, ['a']), requireId(args.b, ['b']), ctx.actor, requireReason(args.reason), false);

export const splitCustomer: MutationResolvers['splitCustomer'] = (_parent, args, ctx) =>
  ctx.services.merges.split(
    requireId(args.customerId, ['customerId']),
    args.records.map((r) => recordKeyOf(r.source, r.sourceRecordId)),
    args.target === 'EARLIER_CUSTOMER' ? 'earlier' : 'new',
    ctx.actor,
    requireReason(args.reason),
    false,
  );

export const unmergeCustomers: MutationResolvers['unmergeCustomers'] = (_parent, args, ctx) =>
  ctx.services.merges.unmerge(requireId(args.eventId, ['eventId']), ctx.actor, requireReason(args.reason), false);

export const pinValue: MutationResolvers['pinValue'] = (_parent, args, ctx) =>
  ctx.services.golden.pin(requireId(args.customerId, ['customerId']), attributeOf(args.attribute), args.value, ctx.actor, requireReason(args.reason));

export const unpinValue: MutationResolvers['unpinValue'] = (_parent, args, ctx) =>
  ctx.services.golden.unpin(requireId(args.customerId, ['customerId']), attributeOf(args.attribute), ctx.actor, requireReason(args.reason));
