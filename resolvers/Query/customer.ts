import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { requireId } from '../input.ts';

export const customer: QueryResolvers['customer'] = (_parent, args, ctx) =>
  ctx.loaders.customerById.load(requireId(args.id, ['id']));
