import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { requireId } from '../input.ts';

export const decisions: QueryResolvers['decisions'] = (_parent, args, ctx) => ctx.services.decisions.list(requireId(args.customerId, ['customerId']));
