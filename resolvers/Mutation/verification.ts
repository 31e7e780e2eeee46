import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { requireId } from '../input.ts';

export const verifyCaller: MutationResolvers['verifyCaller'] = (_parent, args, ctx) =>
  ctx.services.verification.verify(ctx.actor, requireId(args.customerId, ['customerId']), args.answers);
