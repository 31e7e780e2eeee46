import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { requireId } from '../input.ts';

export const identityGraph: QueryResolvers['identityGraph'] = (_parent, args, ctx) =>
  ctx.services.relationships.identityGraph(requireId(args.customerId, ['customerId']), args.depth ?? 1);
