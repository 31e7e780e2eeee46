import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { identifierTypeOf } from '../../src/lookup/identifier-keys.ts';
import { MAX_HOLDERS_PAGE } from '../../src/lookup/lookup.service.ts';
import type { Context } from '../../src/context.ts';
import type { CustomerModel } from '../../src/golden/customer.model.ts';
import { DomainError } from '../../src/errors/domain-error.ts';

// Which customer an identifier or a search names is itself personal: each answer is a
// read of those customers, audited with the request's other personal reads.
const audited = (ctx: Context, field: string, customerIds: string[]) => {
  if (customerIds.length > 0) ctx.personalReads.add({ customerIds, recordKey: null, field, masked: false });
};

export const customerByIdentifier: QueryResolvers['customerByIdentifier'] = async (_parent, args, ctx) => {
  const id = await ctx.services.lookup.holder(identifierTypeOf(args.type), args.value, args.country);
  if (id === null) return null;
  audited(ctx, 'Query.customerByIdentifier', [id]);
  return ctx.loaders.customerById.load(id);
};

export const customersByIdentifier: QueryResolvers['customersByIdentifier'] = async (_parent, args, ctx) => {
  const first = args.first ?? 20;
  if (first < 1 || first > MAX_HOLDERS_PAGE) throw new DomainError('BAD_USER_INPUT', 'Bad page size', { clientMessage: `first must be 1 to ${MAX_HOLDERS_PAGE}`, field: ['first'] });
  const found = await ctx.services.lookup.holders(identifierTypeOf(args.type), args.value, args.country);
  const ids = found.customerIds.slice(0, first);
  audited(ctx, 'Query.customersByIdentifier', ids);
  const customers = await ctx.loaders.customerById.loadMany(ids);
  return { ...found, customers: customers.filter((c): c is CustomerModel => c !== null && !(c instanceof Error)) };
};

export const searchCustomers: QueryResolvers['searchCustomers'] = async (_parent, args, ctx) => {
  const page = await ctx.services.lookup.search({ query: args.query, filter: args.filter, first: args.first, after: args.after });
  audited(ctx, 'Query.searchCustomers', page.edges.map((e) => e.node.id));
  return page;
};
