import type { AuditOperation as AuditOperationEnum, QueryResolvers } from '../../src/generated/graphql.ts';
import type { AuditOperation } from '../../src/audit/audit.ts';
import type { Context } from '../../src/context.ts';
import { DomainError } from '../../src/errors/domain-error.ts';
import { attributeOf } from '../attributes.ts';
import { requireId } from '../input.ts';

/** REVIEW_APPROVE -> review.approve, READ_PROFILE -> read.profile, CANNOT_LINK -> cannot-link. */
export const operationOf = (value: AuditOperationEnum): AuditOperation => {
  const lower = value.toLowerCase();
  const dotted = ['review_', 'read_', 'source_', 'rules_', 'rejection_', 'verify_'].some((p) => lower.startsWith(p));
  return (dotted ? lower.replace('_', '.') : lower.replace(/_/g, '-')) as AuditOperation;
};

async function idsOf(ctx: Context, customerId: string): Promise<string[]> {
  const ids = await ctx.services.customers.withMergedIds(requireId(customerId, ['customerId']));
  if (ids.length === 0) throw new DomainError('NOT_FOUND', 'Unknown customer', { clientMessage: 'No customer has this id', field: ['customerId'] });
  return ids;
}

export const auditTrail: QueryResolvers['auditTrail'] = (_parent, args, ctx) =>
  ctx.services.audit.entries({
    customerId: args.customerId ? requireId(args.customerId, ['customerId']) : undefined,
    recordKey: args.recordKey ?? undefined,
    operations: args.operations?.map(operationOf),
    actor: args.actor ?? undefined,
    from: args.from ?? undefined,
    to: args.to ?? undefined,
    first: args.first ?? 100,
  });

export const mergePath: QueryResolvers['mergePath'] = async (_parent, args, ctx) => {
  await idsOf(ctx, args.customerId);
  return ctx.services.lineage.mergePath(args.customerId);
};

export const attributeHistory: QueryResolvers['attributeHistory'] = async (_parent, args, ctx) =>
  ctx.services.golden.history(await idsOf(ctx, args.customerId), attributeOf(args.attribute));

export const customerAccessLog: QueryResolvers['customerAccessLog'] = async (_parent, args, ctx) =>
  ctx.services.audit.accessLog(await idsOf(ctx, args.customerId), args.from, args.to);

export const verifyAuditChain: QueryResolvers['verifyAuditChain'] = (_parent, args, ctx) => ctx.services.audit.verify(args.anchors ?? []);
