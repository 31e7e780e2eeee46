import type { QueryResolvers } from '../../src/generated/graphql.ts';

export const serviceInfo: QueryResolvers['serviceInfo'] = (_parent, _args, ctx) => ctx.serviceInfo();
