import type { MutationResolvers } from '../../src/generated/graphql.ts';

export const startJob: MutationResolvers['startJob'] = (_parent, args, ctx) => ctx.services.jobs.start(args.kind, args.options ?? {}, ctx.actor);

export const cancelJob: MutationResolvers['cancelJob'] = (_parent, args, ctx) => ctx.services.jobs.cancel(args.id, ctx.actor);
