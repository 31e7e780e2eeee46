import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { requireId, requireReason } from '../input.ts';

export const liftDecision: MutationResolvers['liftDecision'] = (_parent, args, ctx) => ctx.services.decisions.lift(requireId(args.id, ['id']), ctx.actor, requireReason(args.reason));
