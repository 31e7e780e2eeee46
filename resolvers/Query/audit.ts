import type { AuditOperation as AuditOperationEnum, QueryResolvers } from '../../src/generated/graphql.ts';
import { auditOperations, type AuditOperation } from '../../src/audit/audit.ts';
import type { Context } from '../../src/context.ts';
import { DomainError } from '../../src/errors/domain-error.ts';
import { attributeOf } from '../attributes.ts';
import { requireId } from '../input.ts';

/** The GraphQL name of an operation: review.approve -> REVIEW_APPROVE, cannot-link -> CANNOT_LINK. */
export const enumNameOf = (operation: AuditOperation): AuditOperationEnum => operation.replace(/[.-]/g, '_').toUpperCase() as AuditOperationEnum;

const byEnumName = new Map<string, AuditOperation>(auditOperations.map((operation) => [enumNameOf(operation), operation]));

/** REVIEW_APPROVE -> review.approve, READ_PROFILE -> read.profile, CANNOT_LINK -> cannot-link. */
export const operationOf = (value: AuditOperationEnum): AuditOperation => {
  const operation = byEnumName.get(value);
  if (!operation) throw new DomainError('INTERNAL', 'Audit operation without a stored name');
  return operation;
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
